"""Shared test set-up.

Settings: pytest-django imports newsroom.settings while pytest is starting,
before any conftest.py is read, so this file cannot provide the environment
the settings need. With DEBUG off (its default), settings.py requires
SECRET_KEY and ALLOWED_HOSTS, and a fresh clone has no .env. pytest.ini
therefore gives both a test-only default through pytest-env, which runs
before pytest-django; a value already in the environment is kept. A
developer's .env still applies to everything else (DEBUG, DATABASE_URL).
"""

from pathlib import Path

import pytest

BROWSER_TESTS = Path(__file__).parent / "browser"


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
