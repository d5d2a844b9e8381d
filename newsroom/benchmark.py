"""The yardstick of bench/http/run: a constant 20 KB HTML page, served by
the same project, middleware and gunicorn as the real pages, so that each
page's requests/s can be given as a share of what this machine does for
Django's cheapest page in the same run. Mounted only with NEWSROOM_BENCH=1.
"""

from django.http import HttpRequest, HttpResponse

SIZE = 20 * 1024
_ROW = "<p>Newsroom benchmark: a constant page of twenty kilobytes.</p>\n"
_HEAD = '<!DOCTYPE html>\n<html lang="en"><head><title>Minimal</title></head><body>\n'
_TAIL = "</body></html>\n"
_BODY = _ROW * ((SIZE - len(_HEAD) - len(_TAIL)) // len(_ROW))
PAGE = (_HEAD + _BODY + _TAIL).ljust(SIZE - 1) + "\n"


def minimal_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(PAGE)
