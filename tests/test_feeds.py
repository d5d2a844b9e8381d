"""The RSS and Atom feeds: one per language, the latest published stories only."""

import html
import re
from calendar import timegm
from datetime import timedelta
from urllib.parse import urlsplit

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from articles.models import Article
from tests.factories import make_article, make_initiative, make_organization, make_person
from tests.helpers import LANGUAGES

pytestmark = pytest.mark.django_db

FEEDS = {"feed": "application/rss+xml", "feed-atom": "application/atom+xml"}


def feed_path(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(f"articles:{name}")


def read_feed(client, name: str, language: str) -> feedparser.FeedParserDict:
    response = client.get(feed_path(name, language))
    assert response.status_code == 200
    assert response["Content-Type"] == f"{FEEDS[name]}; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def hours_ago(hours: int):
    return timezone.now() - timedelta(hours=hours)


@pytest.fixture
def stories() -> list[Article]:
    """Three published stories, newest first, and three that are not public."""
    make_article(title_en="DRAFT", status=Article.Status.DRAFT)
    make_article(title_en="IN REVIEW", status=Article.Status.IN_REVIEW)
    make_article(title_en="SCHEDULED", published_at=timezone.now() + timedelta(hours=1))
    oldest = make_article(published_at=hours_ago(30))
    newest = make_article(published_at=hours_ago(1))
    middle = make_article(published_at=hours_ago(5))
    return [newest, middle, oldest]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", FEEDS)
def test_it_lists_the_published_stories_newest_first_in_every_language(
    client, stories, name, language
):
    parsed = read_feed(client, name, language)

    assert [entry.title for entry in parsed.entries] == [
        getattr(story, f"title_{language}") for story in stories
    ]
    assert parsed.feed.language == language
    with translation.override(language):
        assert parsed.feed.title == gettext("Newsroom")
        assert parsed.feed.link == f"http://testserver{reverse('articles:home')}"


@pytest.mark.parametrize("name", FEEDS)
def test_it_leaves_out_drafts_stories_in_review_and_scheduled_stories(client, stories, name):
    response = client.get(feed_path(name, "en"))

    for title in ("DRAFT", "IN REVIEW", "SCHEDULED"):
        assert title.encode() not in response.content


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", FEEDS)
def test_it_links_every_entry_to_its_page_in_the_feeds_language(client, stories, name, language):
    parsed = read_feed(client, name, language)

    for entry, story in zip(parsed.entries, stories, strict=True):
        link = urlsplit(entry.link)
        assert (link.scheme, link.netloc) == ("http", "testserver")
        with translation.override(language):
            assert link.path == story.get_absolute_url()
        assert client.get(link.path).status_code == 200


@pytest.mark.parametrize("name", FEEDS)
def test_it_gives_lead_date_byline_and_the_named_entities(client, name):
    person = make_person(name_ru="Иван Петров")
    organization = make_organization(name_ru="Агентство")
    initiative = make_initiative(name_ru="Открытый бюджет")
    story = make_article(
        lead_ru='Агентство <b>возбудило</b> дело & "многое другое".',
        byline_ru="Анна Смирнова",
        people=[person],
        organizations=[organization],
        initiatives=[initiative],
    )

    entry = read_feed(client, name, "ru").entries[0]

    # The lead is plain text, sent as (escaped) HTML: it shows as typed.
    assert html.unescape(entry.summary) == story.lead_ru
    assert entry.author == "Анна Смирнова"
    assert timegm(entry.published_parsed) == int(story.published_at.timestamp())
    assert [tag.term for tag in entry.tags] == ["Иван Петров", "Агентство", "Открытый бюджет"]


@pytest.mark.parametrize("name", FEEDS)
def test_it_credits_no_byline_from_another_language(client, name):
    make_article(byline_ru="Анна Смирнова", byline_en="")

    parsed = read_feed(client, name, "en")

    assert "author" not in parsed.entries[0]
    assert "Анна Смирнова".encode() not in client.get(feed_path(name, "en")).content


@pytest.mark.parametrize("name", FEEDS)
def test_it_keeps_any_title_as_plain_text(client, name):
    title = '</script><script>alert(1)</script> <!-- "Q" & A'
    make_article(title_en=title)

    assert read_feed(client, name, "en").entries[0].title == title


@pytest.mark.parametrize("name", FEEDS)
def test_it_shows_a_story_without_a_version_in_the_feeds_language_in_another(client, name):
    # As on the news list: the story is there, in the fallback language.
    story = make_article(original_language="ru", title_en="", lead_en="", body_en="")

    assert read_feed(client, name, "en").entries[0].title == story.title_ru


@pytest.mark.parametrize("name", FEEDS)
def test_it_sends_the_latest_20_stories(client, name):
    for hours in range(25):
        make_article(published_at=hours_ago(hours + 1), title_en=f"Story {hours:02}")

    titles = [entry.title for entry in read_feed(client, name, "en").entries]

    assert titles == [f"Story {hours:02}" for hours in range(20)]


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return sum(1 for query in context.captured_queries if "SAVEPOINT" not in query["sql"])


@pytest.mark.parametrize("name", FEEDS)
def test_it_runs_ten_queries_however_many_stories_and_entities(client, name):
    make_article()
    few = count_queries(client, feed_path(name, "ru"))

    people = [make_person() for _ in range(30)]
    organizations = [make_organization() for _ in range(30)]
    initiatives = [make_initiative() for _ in range(30)]
    for _ in range(30):
        make_article(
            source_ru=make_organization(),
            people=people,
            organizations=organizations,
            initiatives=initiatives,
        )
    many = count_queries(client, feed_path(name, "ru"))

    # The content version (the page cache's key), stories with their
    # sources, lead image and section, then people, organizations,
    # initiatives, topics, bylines with authors, corrections, pictures and
    # documents.
    assert few == many == 10


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", ["", "articles/", "no-such-page/"])
def test_it_announces_both_feeds_on_every_page(client, language, path):
    content = client.get(f"/{language}/{path}").content.decode()

    links = re.findall(
        r'<link rel="alternate" type="(application/[a-z+]+)" title="[^"<>]+" href="([^"]+)">',
        content,
    )
    assert links == [
        (content_type, feed_path(name, language)) for name, content_type in FEEDS.items()
    ]
