"""What readers see while the database is unreachable: a friendly 503.

Django opens a database connection per request (CONN_MAX_AGE is 0) and drops
a broken one at the end of the request, so the site recovers by itself as
soon as the database is back: nothing here needs a restart.
"""

import logging

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def database_unavailable(exc: BaseException) -> bool:
    """Whether ``exc`` means "cannot reach the database", as opposed to an
    error in a query (SQLite reports "no such table" as an OperationalError
    too, and that is a bug, not an outage)."""
    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    return connection.connection is None or not connection.is_usable()


def unavailable_response() -> HttpResponse:
    """templates/503.html in the active language, rendered without a request
    or context processors, so without touching the database."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 instead of 500 when a view or its template cannot reach
    the database. LocaleMiddleware runs first, so the page speaks the
    reader's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not database_unavailable(exception):
            return None
        logger.error("Database unavailable: %s %s", request.method, request.path, exc_info=True)
        return unavailable_response()
