"""Which editor-entered addresses pages may link (articles/links.py)."""

import pytest

from articles.links import external_url


@pytest.mark.parametrize(
    "url",
    ["https://example.kz/news/1", "http://example.kz", "HTTPS://Example.KZ/a?b=c#d"],
)
def test_it_keeps_http_and_https_addresses(url):
    assert external_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/path",
        "/relative/path",
        "https:evil.example",
        "https://",
        "https://[::1",
        "ftp://example.kz/file",
        "https://example.kz/\nSet-Cookie: x",
        "",
        None,
    ],
)
def test_it_refuses_everything_else(url):
    assert external_url(url) == ""
