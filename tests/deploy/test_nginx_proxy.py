"""deploy/nginx/: the caching proxy in front of the application.

nginx is started by the test (tests/nginx.py) with the repository's
snippets, in front of pytest-django's live server, and serves the static
files that collectstatic put in STATIC_ROOT (scripts/test collects them).
"""

import gzip
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests.factories import make_article, make_user
from tests.helpers import url
from tests.nginx import (
    DEPLOY,
    brotli_modules,
    check,
    configuration,
    free_port,
    running,
    snippet,
)

pytestmark = pytest.mark.django_db(transaction=True)


def proxy_configuration(folder, port, application: str, *, with_brotli: bool):
    http = snippet(
        "proxy-http.conf",
        folder,
        **{
            "server 127.0.0.1:8000;": f"server {application};",
            "/var/cache/nginx/newsroom": str(folder / "cache"),
        },
    )
    server = snippet(
        "proxy-server.conf", folder, **{"/srv/newsroom/static/": f"{django_settings.STATIC_ROOT}/"}
    )
    includes = [f"include {http};"]
    main = ""
    if with_brotli:
        main = "\n".join(f"load_module {module};" for module in brotli_modules())
        includes.append(f"include {DEPLOY / 'brotli.conf'};")
    return configuration(
        folder, port, http="\n".join(includes), server=f"include {server};", main=main
    )


@pytest.fixture
def proxy(tmp_path, live_server, settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_MAX_AGE, settings.PAGE_SHARED_MAX_AGE = 10, 30
    settings.PAGE_STALE_WHILE_REVALIDATE = 10
    application = f"127.0.0.1:{urlsplit(live_server.url).port}"
    port = free_port()
    config = proxy_configuration(tmp_path, port, application, with_brotli=_has_brotli())
    with running(tmp_path, config, port) as base:
        yield base


def _has_brotli() -> bool:
    try:
        brotli_modules()
    except pytest.skip.Exception:
        return False
    return True


def get(address: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(address, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def post(address: str) -> tuple[int, dict]:
    request = urllib.request.Request(address, data=b"q=x", method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def session_cookie() -> str:
    client = Client()
    client.force_login(make_user(superuser=True))
    name = django_settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def test_the_site_configuration_passes_nginx_t(tmp_path):
    """site.conf as an operator installs it, with the repository (and the
    cache folder) at the test's own paths."""
    copies = tmp_path / "repository" / "deploy" / "nginx"
    copies.mkdir(parents=True)
    for conf in DEPLOY.glob("*.conf"):
        text = conf.read_text().replace("/var/cache/nginx/newsroom", str(tmp_path / "cache"))
        (copies / conf.name).write_text(text.replace("/srv/newsroom", str(tmp_path / "repository")))
    main = "\n".join(f"load_module {module};" for module in brotli_modules())
    config = configuration(
        tmp_path, free_port(), http=f"include {copies / 'site.conf'};", server="", main=main
    )

    checked = check(tmp_path, config)

    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr


def test_an_anonymous_page_comes_from_the_cache_the_second_time(proxy):
    story = make_article(title_en="Proxied story")
    address = proxy + url("detail", slug=story.slug)

    first_status, first, first_body = get(address)
    second_status, second, second_body = get(address)

    assert (first_status, second_status) == (200, 200)
    assert (first["X-Cache-Status"], second["X-Cache-Status"]) == ("MISS", "HIT")
    assert second_body == first_body and b"Proxied story" in second_body
    # The application's own headers come through the cache unchanged.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["ETag"] == first["ETag"]


def test_the_cache_key_is_the_whole_address(proxy):
    make_article(title_en="Filtered story")
    get(proxy + url("list"))

    _status, headers, _body = get(proxy + url("list") + "?q=filtered")
    _status, other_language, _body = get(proxy + url("list", "ru"))

    assert headers["X-Cache-Status"] == "MISS"
    assert other_language["X-Cache-Status"] == "MISS"


def test_an_editor_always_gets_a_fresh_page(proxy):
    story = make_article(title_en="Before the edit")
    address = proxy + url("detail", slug=story.slug)
    get(address)
    get(address)
    story.title_en = "After the edit"
    story.save()
    cookie = session_cookie()

    _status, reader, reader_body = get(address)
    _status, editor, editor_body = get(address, Cookie=cookie)

    assert reader["X-Cache-Status"] == "HIT" and b"Before the edit" in reader_body
    assert editor["X-Cache-Status"] == "BYPASS" and b"After the edit" in editor_body
    assert "no-store" in editor["Cache-Control"]
    # What the editor got is not kept for the readers either.
    assert get(address)[1]["X-Cache-Status"] == "HIT"


@pytest.mark.parametrize("path", ["/en/admin/login/", "/healthz"])
def test_the_admin_and_healthz_always_reach_the_application(proxy, path):
    statuses = {get(proxy + path)[1]["X-Cache-Status"] for _ in range(3)}

    assert statuses == {"BYPASS"}


def test_a_post_reaches_the_application(proxy):
    get(proxy + url("home"))
    get(proxy + url("home"))

    status, headers = post(proxy + url("home"))

    assert status == 403  # Django's refusal of a form without its CSRF token, not the cache's page
    assert headers.get("X-Cache-Status") != "HIT"


def test_a_publish_is_seen_through_the_proxy_within_the_pages_lifetime(proxy, settings):
    settings.PAGE_MAX_AGE, settings.PAGE_SHARED_MAX_AGE = 1, 2
    settings.PAGE_STALE_WHILE_REVALIDATE = 1
    home = proxy + url("home")
    get(home)
    assert get(home)[1]["X-Cache-Status"] == "HIT"

    make_article(title_en="Breaking: just published")
    published = time.monotonic()
    seen = None
    while time.monotonic() - published < 10:
        if b"Breaking: just published" in get(home)[2]:
            seen = time.monotonic() - published
            break
        time.sleep(0.1)

    assert seen is not None, "the new story never reached the proxy's readers"
    lifetime = settings.PAGE_SHARED_MAX_AGE + settings.PAGE_STALE_WHILE_REVALIDATE
    assert seen <= lifetime + 1


@pytest.mark.parametrize("name", ["home", "feed", "sitemap"])
def test_responses_are_gzipped_for_clients_that_accept_it(proxy, name):
    make_article()
    address = proxy + ("/sitemap.xml" if name == "sitemap" else url(name))
    _status, plain, plain_body = get(address)

    _status, headers, body = get(address, **{"Accept-Encoding": "gzip"})

    assert headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"]
    assert gzip.decompress(body) == plain_body
    assert "Content-Encoding" not in plain
    assert len(body) < len(plain_body)


def test_pages_are_brotli_compressed_for_clients_that_accept_it(proxy):
    brotli_modules()
    _status, headers, body = get(proxy + url("home"), **{"Accept-Encoding": "br, gzip"})

    assert headers["Content-Encoding"] == "br"
    assert body


def test_static_files_come_from_disk_compressed_and_kept_for_good(proxy):
    _status, _headers, page = get(proxy + url("home"))
    stylesheet = page.decode().split('rel="stylesheet" href="')[1].split('"')[0]

    status, headers, body = get(proxy + stylesheet, **{"Accept-Encoding": "gzip"})

    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "X-Cache-Status" not in headers  # nginx's own, not the application's
    assert b"--font" in gzip.decompress(body)
