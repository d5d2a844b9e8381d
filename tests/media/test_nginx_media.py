"""deploy/nginx/media-*.conf serves media with the headers Django's own
view and the object storage use (articles/media/serving.py).

nginx is started by the test, on a free port, with the two snippets in a
configuration of its own. Without nginx the test is skipped, except under
CI (CI=true), where it must run: .ci/run installs nginx.
"""

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from articles.media.serving import headers_for

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
FILES = {
    "images/2026/12/court-k3v9x0q2m7.jpg": b"\xff\xd8\xff\xe0jpeg",
    "renditions/images/2026/12/court-k3v9x0q2m7/5ff3233527c5.webp": b"RIFF....WEBP",
    "documents/2026/12/ruling-a1b2c3d4e5.pdf": b"%PDF-1.7",
    "documents/2026/12/declaration-a1b2c3d4e5.xlsx": b"PK\x03\x04",
    "documents/2026/12/note-a1b2c3d4e5.docx": b"PK\x03\x04",
    "images/2026/12/page.html": b"<script>alert(1)</script>",
}
HEADERS = ("Content-Type", "Content-Disposition", "Cache-Control", "X-Content-Type-Options")


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("nginx is missing; CI=true: apt-get install nginx (.ci/run does)")
        pytest.skip("nginx is not installed (apt-get install nginx)")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def nginx(tmp_path):
    binary = nginx_binary()
    media = tmp_path / "media"
    for name, data in FILES.items():
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(data)
    port = free_port()
    location = (DEPLOY / "media-location.conf").read_text()
    location = location.replace("/srv/newsroom/media/", f"{media}/")
    (tmp_path / "location.conf").write_text(location)
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"""{user}
daemon off;
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    include {DEPLOY}/media-map.conf;
    server {{
        listen 127.0.0.1:{port};
        include {tmp_path}/location.conf;
    }}
}}
"""
    )
    config = ["-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
    checked = subprocess.run([binary, "-t", *config], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen([binary, *config], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/media/", timeout=1)
        except urllib.error.HTTPError:
            break  # it answers
        except OSError:
            time.sleep(0.05)
    yield base
    server.terminate()
    server.wait(timeout=10)


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
