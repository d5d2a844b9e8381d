"""Fixtures for the real-browser tests: Playwright drives Debian's chromium
against pytest-django's live server, with the seed data loaded.

- The browser is /usr/bin/chromium (CHROMIUM_PATH overrides it); Playwright's
  own browser builds are never downloaded. When chromium or the playwright
  package is missing the tests are skipped, except under CI (CI=true), where
  they fail: a green CI must have run them.
- One browser per test module (launching chromium takes about a second), and a
  fresh browser context, so fresh cookies, for every test.
- Every request a page makes is recorded (``network``), and no host but the
  live server's resolves in the browser.
- Screenshots go to screenshots/ in the repository (git-ignored), or to
  SCREENSHOTS_DIR.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from pytest_django.live_server_helper import LiveServer

if TYPE_CHECKING:  # playwright is imported lazily: it may be missing (see browser)
    from playwright.sync_api import Browser, Page, Request, Response

REPOSITORY = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# No GPU, no sandbox (the tests may run as root), and none of the background
# connections (updates, sync, QUIC probes) that a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Other hosts do not resolve, so a page that loads something from one
    # fails fast instead of waiting on the network. (Playwright's own request
    # interception would do the same, but it turns off the HTTP cache.)
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
DESKTOP_WIDTH = 1280


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def browser_unavailable(reason: str) -> None:
    """Skip the browser tests with the reason, or fail them under CI."""
    if running_in_ci():
        pytest.fail(
            f"{reason}. CI=true: the browser tests must run in CI, not be skipped.",
            pytrace=False,
        )
    pytest.skip(reason)


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True  # no host: never leaves the browser
    return parts.hostname in LOCAL_HOSTS


@pytest.fixture(scope="session")
def live_server(request) -> Iterator[LiveServer]:
    """pytest-django's live server, serving static files as production does.

    pytest-django puts Django's StaticFilesHandler in front of the live
    server. It looks files up by their source names, so the hashed names that
    the manifest storage writes into pages ("css/site.<hash>.css") are 404s
    there and every page comes unstyled. Without it, requests reach
    WhiteNoise, which serves what collectstatic put in STATIC_ROOT, hashed
    and compressed (scripts/test collects the files before the tests run).
    """
    address = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(address, start=False)
    server.thread.static_handler = lambda application: application
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        browser_unavailable(
            f"no chromium at {CHROMIUM}: install it with `apt-get install chromium` "
            "(./scripts/test does), or point CHROMIUM_PATH at one"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_unavailable(
            "the playwright package is not installed: "
            "pip install -r requirements-dev.txt (./scripts/test does)"
        )

    # Playwright's sync API runs its own asyncio loop and switches back to the
    # test from inside it, so while the browser is open Django sees a running
    # loop in this thread and refuses ORM calls here (loading the seed, the
    # database flush after each test) with SynchronousOnlyOperation. They are
    # safe: the loop is Playwright's alone and stands still while test code
    # runs, and the live server answers from threads of its own. So the check
    # is lifted, but only while the browser is open, not for the whole run.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()


@pytest.fixture
def seed(live_server) -> None:
    """The seed fixture, in the live server's (transactional) database.

    Browser tests cannot run in a test transaction: the live server's threads
    would not see its data. The database is flushed after each test instead,
    so the seed is loaded again for each one.
    """
    call_command("loaddata", "seed", verbosity=0)


class Network:
    """Every request one browser context made, and every failed response."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.failures: list[str] = []

    def record_request(self, request: Request) -> None:
        self.requests.append(request)

    def record_response(self, response: Response) -> None:
        if response.status >= 400:
            self.failures.append(f"{response.status} {response.url}")

    def foreign_urls(self) -> list[str]:
        return [request.url for request in self.requests if not is_local(request.url)]


@pytest.fixture
def network() -> Network:
    return Network()


@pytest.fixture
def open_page(browser, network, live_server, seed) -> Iterator[Callable[..., Page]]:
    """Opens a page ``width`` CSS pixels wide (default 1280) in a fresh browser
    context, the seed loaded. Other keyword arguments go to
    Browser.new_context (e.g. java_script_enabled=False). Relative URLs are
    the live server's."""
    contexts = []

    def open_page(width: int = DESKTOP_WIDTH, **options) -> Page:
        options.setdefault("viewport", {"width": width, "height": 800})
        context = browser.new_context(base_url=live_server.url, **options)
        contexts.append(context)
        # Pages answer in well under a second; don't wait Playwright's 30 s
        # for an element that is not there.
        context.set_default_timeout(10_000)
        context.on("request", network.record_request)
        context.on("response", network.record_response)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The folder for screenshots: screenshots/ in the repository, or SCREENSHOTS_DIR."""
    path = Path(os.environ.get("SCREENSHOTS_DIR") or REPOSITORY / "screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def page(open_page) -> Page:
    """A desktop-sized page (1280 px wide), the seed loaded."""
    return open_page()
