"""Shared test set-up.

Settings: pytest-django imports newsroom.settings while pytest is starting,
before any conftest.py is read, so this file cannot provide the environment
the settings need. With DEBUG off (its default), settings.py requires
SECRET_KEY and ALLOWED_HOSTS, and a fresh clone has no .env. pytest.ini
therefore gives both a test-only default through pytest-env, which runs
before pytest-django; a value already in the environment is kept. A
developer's .env still applies to everything else (DEBUG, DATABASE_URL).
"""

import os
import re
from pathlib import Path

import pytest

BROWSER_TESTS = Path(__file__).parent / "browser"


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist (scripts/test runs one process a core), each
    process gets a Redis database of its own: every test empties the cache,
    and Redis empties a whole database at once."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    from django.conf import settings

    location = settings.CACHES["default"].get("LOCATION", "")
    if worker.startswith("gw") and location.startswith("redis"):
        database = 1 + int(worker[2:]) % 15
        settings.CACHES["default"]["LOCATION"] = re.sub(
            r"(/\d*)?$", f"/{database}", location, count=1
        )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Browser tests (later): everything under tests/browser/ drives a real
    # browser, so it is marked "browser" here and can be left out of a quick
    # run with -m "not browser".
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache, shared and per process. Pages
    and counts are cached under the content version, and a test's writes are
    rolled back with the version row: the next test could otherwise meet the
    same version with other data."""
    from django.core.cache import cache

    from articles.caching import versions

    cache.clear()
    versions.forget_recent()


@pytest.fixture(autouse=True)
def _site_language():
    """Every test starts in the site's language: a request leaves the
    language it was served in active, which would change what the next
    test's reverse() and gettext give."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a folder of the test's own, never to the
    developer's media/ (and nothing of one test is seen by another)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """MD5 instead of the production PBKDF2 (a third of a second per user):
    passwords are still hashed and checked for real, logins included."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seed(db):
    """The seed fixture (fixtures/seed.json) loaded into the test database."""
    from django.core.management import call_command

    call_command("loaddata", "seed", verbosity=0)


@pytest.fixture
def editor_client(client):
    """The test client, logged in as a new member of the "Editor" group."""
    from tests.factories import make_user

    client.force_login(make_user(role="Editor"))
    return client


@pytest.fixture
def publisher_client(client):
    """The test client, logged in as a new member of the "Publisher" group."""
    from tests.factories import make_user

    client.force_login(make_user(role="Publisher"))
    return client


@pytest.fixture
def superuser_client(client):
    """The test client, logged in as a new superuser."""
    from tests.factories import make_user

    client.force_login(make_user(superuser=True))
    return client
