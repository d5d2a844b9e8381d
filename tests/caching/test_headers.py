"""What the page cache tells browsers, proxies and CDNs: readers' pages may
be kept for seconds by anyone, editors' pages by nobody."""

import pytest
from django.test import override_settings

from tests.factories import make_article, make_user
from tests.helpers import url

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.fixture
def detail():
    return url("detail", slug=make_article(title_en="Cached story").slug)


@override_settings(PAGE_MAX_AGE=10, PAGE_SHARED_MAX_AGE=30, PAGE_STALE_WHILE_REVALIDATE=10)
@pytest.mark.parametrize("name", ["home", "list", "feed", "sitemap"])
def test_readers_pages_may_be_kept_by_proxies_for_seconds(client, name):
    path = "/sitemap.xml" if name == "sitemap" else url(name)
    built, stored = client.get(path), client.get(path)

    expected = {"public", "max-age=10", "s-maxage=30", "stale-while-revalidate=10"}
    assert directives(built) == expected
    assert directives(stored) == expected
    assert (built["X-Newsroom-Cache"], stored["X-Newsroom-Cache"]) == ("miss", "hit")
    assert built["ETag"] == stored["ETag"]
    assert "Vary" not in stored


def test_the_lifetimes_come_from_the_settings(client, detail, settings):
    settings.PAGE_MAX_AGE, settings.PAGE_SHARED_MAX_AGE = 5, 20
    settings.PAGE_STALE_WHILE_REVALIDATE = 7

    assert directives(client.get(detail)) == {
        "public",
        "max-age=5",
        "s-maxage=20",
        "stale-while-revalidate=7",
    }


def test_a_page_built_for_an_editor_is_kept_by_nobody(client, detail):
    client.force_login(make_user(role="Editor"))

    response = client.get(detail)

    assert {"private", "no-store"} <= directives(response)
    assert "public" not in directives(response)
    assert "X-Newsroom-Cache" not in response


@pytest.mark.parametrize("path", ["/en/admin/", "/en/admin/login/"])
def test_the_admin_is_kept_by_nobody(client, path):
    client.force_login(make_user(role="Editor"))

    assert {"private", "no-store"} <= directives(client.get(path))


@pytest.mark.parametrize("path", ["/en/articles/no-such-story/", "/en/search/?page=x", "/healthz"])
def test_errors_and_healthz_are_not_public(client, path):
    response = client.get(path)

    assert "public" not in response.get("Cache-Control", "")


def test_with_the_page_cache_off_nothing_is_promised(client, detail, settings):
    settings.PAGE_CACHE_SECONDS = 0

    response = client.get(detail)

    assert "Cache-Control" not in response
