"""The yardsticks of bench/http/run and bench/proxy/run: a constant 20 KB
HTML page, served by the same project, middleware and gunicorn as the real
pages at /bench/minimal, so that each page's requests/s can be given as a
share of what this machine does for Django's cheapest page in the same run;
and the same page at /bench/bare with no middleware at all, which shows what
the middleware costs. Mounted only with NEWSROOM_BENCH=1.
"""

from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpRequest, HttpResponse
from django.test.utils import override_settings

SIZE = 20 * 1024
_ROW = "<p>Newsroom benchmark: a constant page of twenty kilobytes.</p>\n"
_HEAD = '<!DOCTYPE html>\n<html lang="en"><head><title>Minimal</title></head><body>\n'
_TAIL = "</body></html>\n"
_BODY = _ROW * ((SIZE - len(_HEAD) - len(_TAIL)) // len(_ROW))
PAGE = (_HEAD + _BODY + _TAIL).ljust(SIZE - 1) + "\n"


def minimal_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(PAGE)


BARE_PATH = "/bench/bare"


class BareHandler(WSGIHandler):
    """Django's WSGI handler with an empty MIDDLEWARE."""

    def load_middleware(self, is_async=False):
        with override_settings(MIDDLEWARE=[]):
            super().load_middleware(is_async)


def with_bare_page(application):
    """``application``, except that /bench/bare goes to a BareHandler."""
    bare = BareHandler()

    def serve(environ, start_response):
        if environ.get("PATH_INFO") == BARE_PATH:
            return bare(environ, start_response)
        return application(environ, start_response)

    return serve
