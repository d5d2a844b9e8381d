"""The page cache: readers get stored pages, and never a stale one.

Runs against whatever CACHES the settings give: Redis when REDIS_URL is set
(.ci/run starts a redis-server for it), local memory otherwise.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles.caching import versions
from articles.caching.middleware import PageCacheMiddleware
from articles.models import Affiliation, Article, Correction
from articles.services import article_publish, article_unpublish
from tests.factories import make_article, make_organization, make_person, make_user
from tests.helpers import url

pytestmark = pytest.mark.django_db


def queries(client, path: str, **headers) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, headers=headers)
    count = sum(1 for query in context.captured_queries if "SAVEPOINT" not in query["sql"])
    return count, response


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def story() -> Article:
    return make_article(title_en="First title", people=[make_person(name_en="Ivan Ivanov")])


def test_it_runs_against_the_configured_cache():
    # Under .ci/run with REDIS_URL this is Django's RedisCache.
    cache.set("probe", "value")
    assert cache.get("probe") == "value"


@pytest.mark.parametrize("name", ["home", "list", "detail", "person-detail", "feed"])
def test_it_serves_a_readers_second_request_from_the_cache(client, story, name):
    kwargs = {
        "detail": {"slug": story.slug},
        "person-detail": {"slug": story.people.get().slug},
    }.get(name, {})
    path = url(name, **kwargs)
    first_count, first = queries(client, path)

    count, second = queries(client, path)

    assert first_count > 1
    assert count == 1  # the content version, read by primary key
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"] == first["ETag"]


def test_it_shows_a_newly_published_story_at_once(client):
    draft = make_article(status=Article.Status.DRAFT, title_en="Fresh news")
    assert "Fresh news" not in text(client.get(url("list")))

    article_publish(articles=[draft], user=make_user(role="Publisher"))

    assert "Fresh news" in text(client.get(url("list")))
    assert "Fresh news" in text(client.get(url("home")))
    assert client.get(url("detail", slug=draft.slug)).status_code == 200


def test_it_drops_an_unpublished_story_at_once(client, story):
    detail = url("detail", slug=story.slug)
    assert client.get(detail).status_code == 200
    assert "First title" in text(client.get(url("list")))

    article_unpublish(articles=[story], user=make_user(role="Publisher"))

    assert client.get(detail).status_code == 404
    assert "First title" not in text(client.get(url("list")))
    assert "First title" not in text(client.get(url("feed")))


def test_it_shows_an_edit_at_once(client, story):
    detail = url("detail", slug=story.slug)
    assert "First title" in text(client.get(detail))

    story.title_en = "Second title"
    story.save()

    for path in (detail, url("list"), url("home"), url("feed")):
        content = text(client.get(path))
        assert "Second title" in content
        assert "First title" not in content


def test_it_shows_a_renamed_person_at_once(client, story):
    person = story.people.get()
    pages = [url("detail", slug=story.slug), url("person-detail", slug=person.slug)]
    for path in pages:
        assert "Ivan Ivanov" in text(client.get(path))

    person.name_en = "Ivan Petrov"
    person.save()

    for path in pages:
        assert "Ivan Petrov" in text(client.get(path))


def test_it_shows_a_new_link_at_once(client, story):
    other = make_person(name_en="Anna Karenina")
    detail = url("detail", slug=story.slug)
    assert "Anna Karenina" not in text(client.get(detail))

    story.people.add(other)

    assert "Anna Karenina" in text(client.get(detail))


def test_it_shows_a_correction_at_once(client, story):
    detail = url("detail", slug=story.slug)
    client.get(detail)

    Correction.objects.create(article=story, text="The meeting was on Tuesday.")

    assert "The meeting was on Tuesday." in text(client.get(detail))
    assert "The meeting was on Tuesday." in text(client.get(url("feed")))


def test_it_keeps_languages_and_queries_apart(client):
    for _ in range(21):
        make_article()
    make_article(title_kk="Ең жаңа", title_ru="Самая новая", title_en="The newest")

    assert "The newest" in text(client.get(url("list", "en")))
    assert "Самая новая" in text(client.get(url("list", "ru")))
    assert "Ең жаңа" in text(client.get(url("list", "kk")))
    # The same path with another query string is another page.
    assert "The newest" not in text(client.get(url("list", "en") + "?page=2"))
    assert "The newest" in text(client.get(url("list", "en") + "?page=1"))


def test_it_treats_the_same_parameters_in_another_order_as_one_page(client, story):
    year = timezone.localtime(story.published_at).year
    client.get(url("list") + f"?year={year}&language=kk")

    count, response = queries(client, url("list") + f"?language=kk&year={year}")

    assert count == 1
    assert "First title" in text(response)


def test_it_shows_a_scheduled_story_when_its_time_comes_without_any_edit(client):
    now = timezone.now()
    make_article(title_en="Scheduled story", published_at=now + timedelta(hours=1))
    assert "Scheduled story" not in text(client.get(url("list")))
    assert "Scheduled story" not in text(client.get(url("home")))

    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(hours=1, seconds=1)):
        assert "Scheduled story" in text(client.get(url("list")))
        assert "Scheduled story" in text(client.get(url("home")))


def test_it_always_builds_fresh_pages_for_signed_in_users(client, story):
    detail = url("detail", slug=story.slug)
    client.get(detail)
    # A write that bypasses the models' signals: the cached page stays as it was.
    Article.objects.filter(pk=story.pk).update(title_en="Changed behind the cache")
    assert "First title" in text(client.get(detail))

    client.force_login(make_user(role="Editor"))

    assert "Changed behind the cache" in text(client.get(detail))


def test_it_stores_no_page_built_for_a_signed_in_user(client, story):
    detail = url("detail", slug=story.slug)
    client.force_login(make_user(role="Editor"))
    client.get(detail)
    client.logout()

    count, _response = queries(client, detail)

    assert count > 1


def test_it_answers_304_to_a_reader_who_has_the_page(client, story):
    detail = url("detail", slug=story.slug)
    first = client.get(detail)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert first["Cache-Control"].startswith("public")

    assert client.get(detail, headers={"if-none-match": etag}).status_code == 304
    assert client.get(detail, headers={"if-modified-since": last_modified}).status_code == 304

    story.title_en = "Second title"
    story.save()

    response = client.get(detail, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Second title" in text(response)


def test_it_answers_head_requests_from_the_cache(client, story):
    detail = url("detail", slug=story.slug)
    client.get(detail)

    with CaptureQueriesContext(connection) as context:
        response = client.head(detail)

    assert response.status_code == 200
    assert len(context.captured_queries) == 1


@pytest.mark.parametrize(
    "path",
    ["/healthz", "/en/admin/login/", "/en/articles/no-such-story/", "/en/search/?page=x"],
)
def test_it_never_stores_the_admin_healthz_or_errors(client, path):
    with mock.patch.object(PageCacheMiddleware, "_set") as store:
        client.get(path)

    store.assert_not_called()


def test_it_keeps_the_preview_out_of_the_cache(client):
    draft = make_article(status=Article.Status.DRAFT, title_en="Secret draft")
    client.force_login(make_user(role="Editor"))
    with translation.override("en"):
        preview = reverse("admin:articles_article_preview", args=[draft.pk])
    assert "Secret draft" in text(client.get(preview))
    client.logout()

    assert client.get(preview).status_code == 302  # to the login page
    assert "Secret draft" not in text(client.get(url("list")))


def test_public_pages_set_no_cookie_and_do_not_vary_by_cookie(client, story):
    response = client.get(url("detail", slug=story.slug))

    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


@override_settings(PAGE_CACHE_SECONDS=0)
def test_it_can_be_turned_off(client, story):
    with mock.patch.object(PageCacheMiddleware, "_set") as store:
        client.get(url("list"))
        response = client.get(url("list"))

    store.assert_not_called()
    assert response.status_code == 200
    assert "ETag" not in response


@override_settings(PAGE_CACHE_SECONDS=0)
def test_lists_count_their_stories_once_per_content_version(client):
    for _ in range(3):
        make_article()
    client.get(url("list"))

    with CaptureQueriesContext(connection) as context:
        response = client.get(url("list"))

    assert not any("COUNT(" in query["sql"] for query in context.captured_queries)
    assert "3 stories found" in text(response)
    make_article()
    assert "4 stories found" in text(client.get(url("list")))


def test_it_shows_a_new_affiliation_on_the_persons_page_at_once(client, story):
    person = story.people.get()
    page = url("person-detail", slug=person.slug)
    assert "Anti-Corruption Agency" not in text(client.get(page))

    Affiliation.objects.create(
        person=person, organization=make_organization(name_en="Anti-Corruption Agency")
    )

    assert "Anti-Corruption Agency" in text(client.get(page))


def test_it_keeps_each_processs_copies_exact(client, story):
    detail = url("detail", slug=story.slug)
    client.get(detail)
    # Served from this process's memory now, without the shared cache:
    cache.clear()
    count, response = queries(client, detail)
    assert count == 1
    assert "First title" in text(response)

    story.title_en = "Second title"
    story.save()

    assert "Second title" in text(client.get(detail))


def test_the_command_gives_a_new_content_version():
    before = versions.current().generation

    call_command("bump_content_version", verbosity=0)

    assert versions.current().generation != before


def test_recent_values_keep_the_newest_only():
    recent = versions.RecentValues(2)
    recent.put("a", 1)
    recent.put("b", 2)
    assert recent.get("a") == 1  # "a" is now the newest
    recent.put("c", 3)

    assert (recent.get("a"), recent.get("b"), recent.get("c")) == (1, None, 3)


def test_the_content_version_changes_in_the_writers_transaction():
    before = versions.current().generation

    make_article()

    assert versions.current().generation != before


UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Port 9 (discard) on loopback: nothing answers there.
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@override_settings(CACHES=UNREACHABLE_REDIS)
def test_pages_still_work_while_the_cache_is_down(client, story):
    response = client.get(url("detail", slug=story.slug))
    listed = client.get(url("list"))
    health = client.get("/healthz")

    assert response.status_code == 200
    assert "First title" in text(response)
    assert "First title" in text(listed)
    assert health.status_code == 503
    assert health.json()["checks"]["cache"]["status"] == "down"


def test_healthz_reports_the_cache(client):
    body = client.get("/healthz").json()

    assert body["checks"]["cache"]["status"] == "ok"


# With the page cache off (as for editors), the costly parts of a page are
# still built once per content version, and still never stale.


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_repeated_search_reads_no_search_table(client):
    make_article(title_en="Anti-corruption agency report", people=[make_person(name_en="Asel")])
    path = url("search") + "?q=agency"
    first = text(client.get(path))

    with CaptureQueriesContext(connection) as context:
        second = text(client.get(path))

    assert "Anti-corruption" in second
    assert second == first
    searched = ("search_document", "search_entity")
    assert not any(
        table in query["sql"] for query in context.captured_queries for table in searched
    )


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_search_finds_a_newly_published_story_at_once(client):
    make_article(title_en="Agency report one")
    path = url("search") + "?q=agency"
    assert "1 story found" in text(client.get(path))
    draft = make_article(status=Article.Status.DRAFT, title_en="Agency report two")
    assert "report two" not in text(client.get(path))

    article_publish(articles=[draft], user=make_user(role="Publisher"))

    content = text(client.get(path))
    assert "report two" in content
    assert "2 stories found" in content


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_search_keeps_other_filters_apart(client):
    person = make_person(name_en="Asel")
    make_article(title_en="Agency report one", people=[person])
    make_article(title_en="Agency report two")
    everything = text(client.get(url("search") + "?q=agency"))

    filtered = text(client.get(url("search") + f"?q=agency&person={person.slug}"))

    assert "report two" in everything
    assert "report one" in filtered
    assert "report two" not in filtered


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_search_shows_an_edited_passage_at_once(client, story):
    story.body_en = "The agency audited the ministry."
    story.save()
    path = url("search") + "?q=audited"
    assert "<mark>audited</mark>" in text(client.get(path))

    story.body_en = "The agency audited the ministry twice, said the deputy."
    story.save()

    assert "said the deputy" in text(client.get(path))


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_feed_builds_its_items_once_per_content_version(client, story):
    client.get(url("feed"))

    count, response = queries(client, url("feed"))

    assert count == 1  # the content version
    assert "First title" in text(response)
    story.title_en = "Second title"
    story.save()
    content = text(client.get(url("feed")))
    assert "Second title" in content
    assert "First title" not in content


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_story_is_read_once_per_content_version(client, story):
    detail = url("detail", slug=story.slug)
    client.get(detail)

    count, response = queries(client, detail)

    assert count == 1  # the content version
    assert "First title" in text(response)
    article_unpublish(articles=[story], user=make_user(role="Publisher"))
    assert client.get(detail).status_code == 404


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_cached_story_keeps_its_languages(client, story):
    story.title_ru = "Первый заголовок"
    story.save()
    client.get(url("detail", slug=story.slug))

    russian = text(client.get(url("detail", "ru", slug=story.slug)))

    assert "Первый заголовок" in russian
    assert "First title" in text(client.get(url("detail", slug=story.slug)))


@override_settings(PAGE_CACHE_SECONDS=0)
def test_the_filter_accepts_a_person_as_soon_as_a_story_about_them_is_published(client):
    make_article(title_en="Older story")
    person = make_person(name_en="Asel Nurlanova")
    draft = make_article(status=Article.Status.DRAFT, title_en="Her story", people=[person])
    path = url("list") + f"?person={person.slug}"
    assert "Her story" not in text(client.get(path))
    assert "Asel Nurlanova" not in text(client.get(url("list")))

    article_publish(articles=[draft], user=make_user(role="Publisher"))

    content = text(client.get(path))
    assert "Her story" in content
    assert "Older story" not in content
    assert "Asel Nurlanova" in text(client.get(url("list")))
