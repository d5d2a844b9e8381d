"""After a change, each page and each cached value is rebuilt by one
request, however many readers ask for it at that moment; the others get
the previous copy or wait for the new one (articles/caching/rebuilds.py)."""

import threading
import time
from datetime import UTC, datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from articles.caching import rebuilds, versions
from articles.caching.middleware import PageCacheMiddleware, page_key
from tests.helpers import url

READERS = 8
BUILD_SECONDS = 0.3


def version(generation: int) -> versions.Version:
    return versions.Version(generation, datetime(2026, 12, 1, tzinfo=UTC), None)


class SlowSite:
    """A view that takes BUILD_SECONDS and counts how often it runs."""

    def __init__(self):
        self.builds = 0
        self.content = "first"
        self._lock = threading.Lock()

    def __call__(self, request):
        with self._lock:
            self.builds += 1
        time.sleep(BUILD_SECONDS)
        request.resolver_match = resolve(request.path_info)
        return HttpResponse(f"<p>{self.content}</p>")


def read_at_once(middleware, path: str, readers: int = READERS) -> list[HttpResponse]:
    """``readers`` requests for ``path``, all started together."""
    start = threading.Barrier(readers)
    responses = [None] * readers

    def read(number):
        start.wait()
        responses[number] = middleware(RequestFactory().get(path))

    threads = [threading.Thread(target=read, args=(number,)) for number in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


@pytest.fixture
def site():
    return SlowSite()


@pytest.fixture
def middleware(site, settings):
    settings.PAGE_CACHE_SECONDS = 600
    return PageCacheMiddleware(site)


def test_a_page_that_many_ask_for_at_once_is_built_once(site, middleware):
    with mock.patch.object(versions, "current", return_value=version(1)):
        responses = read_at_once(middleware, url("home", "kk"))

    assert site.builds == 1
    statuses = sorted(response["X-Newsroom-Cache"] for response in responses)
    assert statuses == ["miss"] + ["waited"] * (READERS - 1)
    assert {response.content for response in responses} == {b"<p>first</p>"}


def test_after_a_change_the_others_get_the_previous_copy_meanwhile(site, middleware):
    path = url("home", "kk")
    with mock.patch.object(versions, "current", return_value=version(1)):
        middleware(RequestFactory().get(path))
    site.content, site.builds = "second", 0

    started = time.monotonic()
    with mock.patch.object(versions, "current", return_value=version(2)):
        responses = read_at_once(middleware, path)
        after = middleware(RequestFactory().get(path))

    assert site.builds == 1
    built = [response for response in responses if response["X-Newsroom-Cache"] == "miss"]
    previous = [response for response in responses if response["X-Newsroom-Cache"] == "previous"]
    assert len(built) == 1 and len(previous) == READERS - 1
    assert built[0].content == b"<p>second</p>"
    assert {response.content for response in previous} == {b"<p>first</p>"}
    # Nobody is to keep the previous copy: the new one is moments away.
    assert all("no-cache" in response["Cache-Control"] for response in previous)
    assert (after["X-Newsroom-Cache"], after.content) == ("hit", b"<p>second</p>")
    assert time.monotonic() - started < BUILD_SECONDS * 3


def test_a_builder_that_died_holds_the_page_up_only_briefly(site, middleware, settings):
    settings.REBUILD_WAIT_SECONDS = 0.2
    settings.REBUILD_LOCK_SECONDS = 1
    path = url("home", "kk")
    with mock.patch.object(versions, "current", return_value=version(3)):
        request = RequestFactory().get(path)
        assert rebuilds.claim(page_key(request, version(3)))  # and then never released

        started = time.monotonic()
        response = middleware(RequestFactory().get(path))
        waited = time.monotonic() - started

    assert response["X-Newsroom-Cache"] == "miss"
    assert response.content == b"<p>first</p>"
    assert 0.2 <= waited < 0.2 + BUILD_SECONDS * 3
    time.sleep(1.1)
    assert rebuilds.claim(page_key(request, version(3))) is True


def test_a_claim_expires_after_the_lock_seconds(settings):
    settings.REBUILD_LOCK_SECONDS = 1
    assert rebuilds.claim("value") is True
    assert rebuilds.claim("value") is False
    time.sleep(1.1)
    assert rebuilds.claim("value") is True


def test_a_released_claim_can_be_taken_again():
    assert rebuilds.claim("value")
    rebuilds.release("value")

    assert rebuilds.claim("value")


def test_with_the_cache_unreachable_everyone_builds():
    with mock.patch.object(cache, "add", side_effect=ConnectionError("down")):
        assert rebuilds.claim("value") is True
        assert rebuilds.claim("value") is True


def test_a_cached_value_is_computed_once_for_concurrent_requests():
    computed = []
    start = threading.Barrier(READERS)
    results = [None] * READERS

    def compute():
        computed.append(1)
        time.sleep(BUILD_SECONDS)
        return ["value"]

    def read(number):
        start.wait()
        results[number] = versions.cached("fragment", compute, version=version(4))

    threads = [threading.Thread(target=read, args=(number,)) for number in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(computed) == 1
    assert results == [["value"]] * READERS


def test_a_value_whose_builder_is_too_slow_is_computed_by_the_waiting_request(settings):
    settings.REBUILD_WAIT_SECONDS = 0.1
    key = "slow-fragment"
    full_key = f"v:5:{__import__('hashlib').sha256(key.encode()).hexdigest()}"
    assert rebuilds.claim(full_key)

    assert versions.cached(key, lambda: "computed here", version=version(5)) == "computed here"
