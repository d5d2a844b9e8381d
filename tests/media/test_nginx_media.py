"""deploy/nginx/media-*.conf serves media with the headers Django's own
view and the object storage use (articles/media/serving.py).

nginx is started by the test, on a free port, with the two snippets in a
configuration of its own (tests/nginx.py).
"""

import urllib.error
import urllib.request

import pytest

from articles.media.serving import headers_for
from tests.nginx import configuration, free_port, running, snippet

FILES = {
    "images/2026/12/court-k3v9x0q2m7.jpg": b"\xff\xd8\xff\xe0jpeg",
    "renditions/images/2026/12/court-k3v9x0q2m7/5ff3233527c5.webp": b"RIFF....WEBP",
    "documents/2026/12/ruling-a1b2c3d4e5.pdf": b"%PDF-1.7",
    "documents/2026/12/declaration-a1b2c3d4e5.xlsx": b"PK\x03\x04",
    "documents/2026/12/note-a1b2c3d4e5.docx": b"PK\x03\x04",
    "images/2026/12/page.html": b"<script>alert(1)</script>",
}
HEADERS = ("Content-Type", "Content-Disposition", "Cache-Control", "X-Content-Type-Options")


@pytest.fixture
def nginx(tmp_path):
    media = tmp_path / "media"
    for name, data in FILES.items():
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(data)
    port = free_port()
    location = snippet("media-location.conf", tmp_path, **{"/srv/newsroom/media/": f"{media}/"})
    config = configuration(
        tmp_path,
        port,
        http=f"include {snippet('media-map.conf', tmp_path)};",
        server=f"include {location};",
    )
    with running(tmp_path, config, port) as base:
        yield base


@pytest.mark.parametrize("name", FILES)
def test_nginx_sends_the_headers_of_serving_py(nginx, name):
    with urllib.request.urlopen(f"{nginx}/media/{name}", timeout=5) as response:
        sent = {header: response.headers.get(header) for header in HEADERS}
        body = response.read()

    expected = headers_for(name)
    assert body == FILES[name]
    assert sent == {header: expected.get(header) for header in HEADERS}


def test_nginx_lists_no_folder(nginx):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{nginx}/media/documents/2026/12/", timeout=5)
    assert refused.value.code in (403, 404)
