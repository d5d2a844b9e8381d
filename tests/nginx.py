"""nginx for the tests: the repository's deploy/nginx/ snippets in a
configuration of the test's own, on a free port, in a temporary folder.

Without nginx a test that needs it is skipped, except under CI (CI=true),
where it must run: .ci/run installs nginx and its brotli modules.
"""

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[1] / "deploy" / "nginx"
MODULES = Path("/usr/lib/nginx/modules")
BROTLI_MODULES = ("ngx_http_brotli_filter_module.so", "ngx_http_brotli_static_module.so")


def under_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        if under_ci():
            pytest.fail("nginx is missing; CI=true: apt-get install nginx (.ci/run does)")
        pytest.skip("nginx is not installed (apt-get install nginx)")
    return found


def brotli_modules() -> list[Path]:
    """Debian's brotli modules for nginx, or a skip (a failure under CI)."""
    modules = [MODULES / name for name in BROTLI_MODULES]
    if not all(module.exists() for module in modules):
        if under_ci():
            pytest.fail(
                "nginx's brotli modules are missing; CI=true: apt-get install "
                "libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static"
            )
        pytest.skip("nginx's brotli modules are not installed")
    return modules


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def snippet(name: str, folder: Path, **replacements: str) -> Path:
    """A copy of deploy/nginx/<name> in ``folder``, with each key's text
    replaced by its value (the paths and addresses of the test's own)."""
    text = (DEPLOY / name).read_text()
    for old, new in replacements.items():
        assert old in text, f"{old!r} is no longer in deploy/nginx/{name}"
        text = text.replace(old, new)
    copy = folder / name
    copy.write_text(text)
    return copy


def configuration(folder: Path, port: int, *, http: str, server: str, main: str = "") -> Path:
    """An nginx.conf in ``folder`` that listens on ``port``."""
    user = "user root;" if os.geteuid() == 0 else ""
    path = folder / "nginx.conf"
    path.write_text(
        f"""{user}
{main}
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    {http}
    server {{
        listen 127.0.0.1:{port};
        {server}
    }}
}}
"""
    )
    return path


def check(folder: Path, config: Path) -> subprocess.CompletedProcess:
    """``nginx -t`` of a configuration."""
    command = [nginx_binary(), "-t", "-p", str(folder), "-c", str(config)]
    return subprocess.run(command, capture_output=True, text=True)


@contextmanager
def running(folder: Path, config: Path, port: int):
    """nginx serving ``config`` until the block ends; yields its base URL."""
    checked = check(folder, config)
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen(
        [nginx_binary(), "-p", str(folder), "-c", str(config)], stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/nginx-probe", timeout=1)
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                time.sleep(0.05)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
