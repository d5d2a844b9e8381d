"""The shared cache, with a circuit breaker in front of Redis.

The cache only ever saves work: without it every page is built from the
database, slower but right. So a Redis that is down or hung must cost
readers as little as possible. Its sockets time out after tens of
milliseconds (settings: CACHE_CONNECT_TIMEOUT, CACHE_TIMEOUT), and after a
failure this process stops asking Redis for CACHE_RETRY_SECONDS: reads
miss, writes are dropped, and nobody pays the time-out on every call. The
outage is logged once per period as one warning line, not as a traceback
per request.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache

from .errors import CACHE_ERRORS

logger = logging.getLogger(__name__)


class CircuitBreaker:
    """Open for ``retry_seconds`` after a failure; closed again by the first
    call that succeeds after that."""

    def __init__(self, retry_seconds: float):
        self.retry_seconds = retry_seconds
        self._open_until = 0.0
        self._warned_until = 0.0
        self._failures = 0
        self._lock = threading.Lock()

    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def failed(self, error: BaseException) -> None:
        now = time.monotonic()
        with self._lock:
            self._failures += 1
            self._open_until = now + self.retry_seconds
            if now < self._warned_until:
                return
            self._warned_until = now + self.retry_seconds
            failures, self._failures = self._failures, 0
        logger.warning(
            "Cache unavailable (%s: %s); serving without it for %ss (%d failed calls since "
            "the last warning)",
            error.__class__.__name__,
            error,
            self.retry_seconds,
            failures,
        )

    def succeeded(self) -> None:
        if self._open_until:
            with self._lock:
                if self._open_until and not self.is_open():
                    self._open_until = 0.0
                    logger.warning("Cache available again")


def _guarded(name: str, fallback):
    method = getattr(RedisCache, name)

    def call(self, *args, **kwargs):
        if self.breaker.is_open():
            return fallback(*args, **kwargs)
        try:
            result = method(self, *args, **kwargs)
        except CACHE_ERRORS as error:
            self.breaker.failed(error)
            return fallback(*args, **kwargs)
        self.breaker.succeeded()
        return result

    call.__name__ = name
    call.__doc__ = method.__doc__
    return call


def _default(key, default=None, version=None):
    return default


def _nothing(*args, **kwargs):
    return None


class GuardedRedisCache(RedisCache):
    """Django's RedisCache, each call behind one per-process breaker."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self.breaker = CircuitBreaker(params.get("RETRY_SECONDS", 5))

    get = _guarded("get", _default)
    get_many = _guarded("get_many", lambda keys, version=None: {})
    has_key = _guarded("has_key", lambda key, version=None: False)
    add = _guarded("add", lambda *args, **kwargs: False)
    touch = _guarded("touch", lambda *args, **kwargs: False)
    delete = _guarded("delete", lambda *args, **kwargs: False)
    set = _guarded("set", _nothing)
    set_many = _guarded("set_many", lambda data, *args, **kwargs: list(data))
    delete_many = _guarded("delete_many", _nothing)
    clear = _guarded("clear", lambda: False)
