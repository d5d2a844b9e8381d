"""The benchmarks' yardsticks (newsroom/benchmark.py): the constant page
through the whole middleware at /bench/minimal, and bare at /bench/bare."""

import io
import sys

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.urls import path

from newsroom.benchmark import PAGE, SIZE, minimal_page, with_bare_page

urlpatterns = [
    path("bench/minimal", minimal_page),
    path("bench/bare", minimal_page),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def serve(application, path: str) -> tuple[str, dict, bytes]:
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=dict(headers))

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }
    body = b"".join(application(environ, start_response))
    return answer["status"], answer["headers"], body


def test_the_bare_page_skips_every_middleware_and_the_minimal_one_none():
    application = with_bare_page(WSGIHandler())

    bare_status, bare, bare_body = serve(application, "/bench/bare")
    full_status, full, full_body = serve(application, "/bench/minimal")

    assert bare_status == full_status == "200 OK"
    assert bare_body == full_body == PAGE.encode()
    assert len(PAGE) == SIZE
    assert "Content-Security-Policy" in full and "X-Content-Type-Options" in full
    assert "Content-Security-Policy" not in bare and "X-Content-Type-Options" not in bare
