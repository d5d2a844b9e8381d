"""A Redis that hangs or is gone costs a reader at most one short time-out
per period, and is logged as one warning per period."""

import logging
import time

import pytest
from django.core.cache.backends.redis import RedisCache

from articles.caching.backends import GuardedRedisCache
from tests.outages import closed_port, silent_server


def guarded_cache(port: int, retry_seconds: float = 5) -> GuardedRedisCache:
    return GuardedRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {
            "OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.1},
            "RETRY_SECONDS": retry_seconds,
        },
    )


def timed(call) -> tuple[object, float]:
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def test_a_hung_redis_costs_one_short_time_out_then_nothing(caplog):
    with silent_server() as port, caplog.at_level(logging.WARNING, "articles.caching"):
        cache = guarded_cache(port)
        first, first_seconds = timed(lambda: cache.get("page", "missed"))
        later = [timed(lambda: cache.get("page", "missed")) for _ in range(200)]
        cache.set("page", "x")
        assert cache.get_many(["a", "b"]) == {}

    assert first == "missed"
    assert first_seconds < 1
    assert all(value == "missed" for value, _seconds in later)
    assert sum(seconds for _value, seconds in later) < 0.5
    warnings = [record for record in caplog.records if record.name == "articles.caching.backends"]
    assert len(warnings) == 1
    assert warnings[0].exc_info is None and "\n" not in warnings[0].getMessage()


def test_without_the_breaker_every_call_pays_the_time_out():
    """What the breaker saves: Django's own backend waits on every call."""
    with silent_server() as port:
        plain = RedisCache(
            f"redis://127.0.0.1:{port}/0",
            {"OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.1}},
        )
        started = time.perf_counter()
        for _ in range(3):
            with pytest.raises(Exception):  # noqa: B017 - a socket or Redis time-out
                plain.get("page")
        assert time.perf_counter() - started >= 0.25


def test_a_stopped_redis_is_tried_again_after_the_period(caplog):
    cache = guarded_cache(closed_port(), retry_seconds=0.2)
    with caplog.at_level(logging.WARNING, "articles.caching"):
        assert cache.get("page") is None
        assert cache.breaker.is_open()
        time.sleep(0.25)
        assert not cache.breaker.is_open()
        assert cache.get("page") is None  # tried, failed again: open again
        assert cache.breaker.is_open()

    warnings = [record for record in caplog.records if record.name == "articles.caching.backends"]
    assert len(warnings) == 2


def test_sessions_never_keep_a_copy_in_the_cache():
    """A logout while Redis is unreachable deletes the session row; a copy
    in the cache (cached_db) would outlive it and sign the editor in again."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.sessions.backends import cache as cache_sessions
    from django.contrib.sessions.backends import db as db_sessions

    store = import_module(settings.SESSION_ENGINE).SessionStore
    assert issubclass(store, db_sessions.SessionStore)
    assert not issubclass(store, cache_sessions.SessionStore)
    assert "cache" not in settings.SESSION_ENGINE
