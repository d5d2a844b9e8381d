"""Junk requests: a 400 page in the reader's language and one WARNING line.

A NUL byte has no business in a URL, a form or a cookie, and PostgreSQL
refuses it in any string, so a query that carried one would fail with a 500.
RefuseNulBytesMiddleware stops it first. The admin's query parameters
(its searches, filters and autocomplete, which go straight to queries) lose
their NUL bytes; the public pages' parameters all go through forms, which
answer NUL with a field error on the page ("Null characters are not
allowed") or the 404 page for a page number. A posted form field or file
name with NUL is refused with the 400 page, and nothing is saved, public or
admin; a cookie with NUL is ignored, as if it were not sent, since readers
cannot easily clear a cookie they never set.

Django logs each refused request (a Host header not in ALLOWED_HOSTS, too
many fields, ...) at ERROR with a traceback: noise for what is the client's
mistake. OneLineWarning, attached to those loggers in settings.LOGGING,
makes it one WARNING line.
"""

import logging

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import translation
from django.views import defaults

from articles.control_characters import escape_unsafe


class NulByteInRequest(SuspiciousOperation):
    """A posted form field holds a NUL byte."""


def has_nul(data: QueryDict) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in data.lists()
    )


def without_nul(data: QueryDict) -> QueryDict:
    cleaned = QueryDict(mutable=True)
    for key, values in data.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned


def in_admin(request: HttpRequest) -> bool:
    _prefix, _slash, rest = request.path_info[1:].partition("/")
    return rest.startswith("admin/")


def posted_nul(request: HttpRequest) -> bool:
    if has_nul(request.POST):
        return True
    return any("\x00" in file.name for files in request.FILES.lists() for file in files[1])


class RefuseNulBytesMiddleware:
    """Before the page cache and the session, which look cookies and queries up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name, value in list(request.COOKIES.items()):
            if "\x00" in name or "\x00" in value:
                del request.COOKIES[name]
        if in_admin(request) and has_nul(request.GET):
            request.GET = without_nul(request.GET)
        if request.method == "POST" and posted_nul(request):
            # Handled like Django's own SuspiciousOperations: the 400 page
            # and a line in the django.security.NulByteInRequest log.
            raise NulByteInRequest("NUL byte in a form field")
        return self.get_response(request)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 view, in the language of the address: the request may be
    refused before LocaleMiddleware has chosen one."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        return defaults.bad_request(request, exception)


class OneLineWarning(logging.Filter):
    """Rewrites a record as one WARNING line: no traceback, control
    characters and line breaks escaped."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = escape_unsafe(record.getMessage()), ()
        record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        record.exc_info = record.exc_text = record.stack_info = None
        return True
