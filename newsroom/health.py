"""``/healthz``: whether this instance can serve, for load balancers and monitoring.

Each check returns a ``CheckResult``; CHECKS lists them by name (the
database and the cache). To add one, write a function that returns a
CheckResult and add it to CHECKS: the view reports every check and answers
503 when any is down.
"""

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from articles.caching.errors import CACHE_ERRORS


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    response_time_ms: float
    error: str = ""


def timed(probe: Callable[[], None]) -> CheckResult:
    """Runs ``probe``; any DatabaseError, OSError or cache error counts as down."""
    started = time.perf_counter()
    try:
        probe()
    except (DatabaseError, OSError, *CACHE_ERRORS) as error:
        ok, message = False, error.__class__.__name__
    else:
        ok, message = True, ""
    elapsed = round((time.perf_counter() - started) * 1000, 1)
    return CheckResult(ok=ok, response_time_ms=elapsed, error=message)


def check_database() -> CheckResult:
    def probe() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    return timed(probe)


class CacheLostValue(OSError):
    """The cache took a value and gave nothing back."""


def check_cache() -> CheckResult:
    """Writes a key, reads it back and deletes it. Without a working cache
    every process builds every page itself: serving, but slowly."""

    def probe() -> None:
        key = f"healthz:{uuid.uuid4().hex}"
        cache.set(key, "ok", timeout=30)
        if cache.get(key) != "ok":
            raise CacheLostValue
        cache.delete(key)

    return timed(probe)


CHECKS: dict[str, Callable[[], CheckResult]] = {
    "database": check_database,
    "cache": check_cache,
}


def _describe(result: CheckResult) -> dict:
    described = {
        "status": "ok" if result.ok else "down",
        "response_time_ms": result.response_time_ms,
    }
    if result.error:
        described["error"] = result.error
    return described


@never_cache
@require_GET
@transaction.non_atomic_requests  # ATOMIC_REQUESTS would connect before the check runs
def healthz(request: HttpRequest) -> JsonResponse:
    results = {name: check() for name, check in CHECKS.items()}
    healthy = all(result.ok for result in results.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": {name: _describe(result) for name, result in results.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)
