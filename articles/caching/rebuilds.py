"""One rebuild per value after a change, whatever the number of readers.

When the content version changes, every page and cached value is missing
at once, and a story that is being read by many gets many requests for it
in the time one build takes. The first claims the value (an ``add`` in the
shared cache, which only one process wins); the others serve the previous
copy or wait for the builder's. The claim expires after
REBUILD_LOCK_SECONDS, so a worker that dies while building holds nobody up
for longer; with the cache unreachable, everyone builds, as without it.
"""

import secrets
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

from .errors import CACHE_ERRORS

T = TypeVar("T")
POLL_SECONDS = 0.02


def _claim_key(key: str) -> str:
    return f"rebuild:{key}"


def claim(key: str) -> bool:
    """Whether this request is to build ``key``: it won the claim, or the
    cache cannot tell (down, or the claim just ended)."""
    claim_key = _claim_key(key)
    try:
        if cache.add(claim_key, secrets.token_hex(8), settings.REBUILD_LOCK_SECONDS):
            return True
        return cache.get(claim_key) is None
    except CACHE_ERRORS:
        return True


def release(key: str) -> None:
    try:
        cache.delete(_claim_key(key))
    except CACHE_ERRORS:
        pass


def wait_for(read: Callable[[], T | None]) -> T | None:
    """``read()``'s first value that is not None within REBUILD_WAIT_SECONDS,
    or None when the builder is not done by then."""
    deadline = time.monotonic() + settings.REBUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        value = read()
        if value is not None:
            return value
    return None
