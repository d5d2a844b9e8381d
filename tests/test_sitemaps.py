"""The sitemap and robots.txt: every public page in every language, nothing else."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article, Initiative, Organization, Person
from articles.sitemaps import ArticleSitemap
from tests.factories import (
    make_article,
    make_author,
    make_initiative,
    make_organization,
    make_person,
    make_section,
    make_topic,
)
from tests.helpers import LANGUAGES

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
LIST_PAGES = [
    "home",
    "list",
    "person-list",
    "organization-list",
    "initiative-list",
    "topic-list",
    "author-list",
]


@dataclass
class Entry:
    lastmod: str | None
    alternates: dict[str, str]  # hreflang -> URL


def get_xml(client, url: str) -> ET.Element:
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) in {("", ""), ("http", "testserver")}
    response = client.get(f"{parts.path}?{parts.query}" if parts.query else parts.path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


def read_sitemap(client) -> dict[str, Entry]:
    """Every URL in the sitemap, through the index at /sitemap.xml."""
    entries: dict[str, Entry] = {}
    index = get_xml(client, "/sitemap.xml")
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    for section in index.findall("sm:sitemap/sm:loc", NS):
        for url in get_xml(client, section.text).findall("sm:url", NS):
            loc = url.findtext("sm:loc", namespaces=NS)
            assert loc not in entries, f"{loc} is listed twice"
            entries[loc] = Entry(
                lastmod=url.findtext("sm:lastmod", namespaces=NS),
                alternates={
                    link.get("hreflang"): link.get("href")
                    for link in url.findall("xhtml:link[@rel='alternate']", NS)
                },
            )
    return entries


def absolute(path: str) -> str:
    return f"http://testserver{path}"


def page_url(name: str, language: str) -> str:
    with translation.override(language):
        return absolute(reverse(f"articles:{name}"))


def url_of(obj, language: str) -> str:
    with translation.override(language):
        return absolute(obj.get_absolute_url())


@dataclass
class World:
    article: Article
    person: Person
    organization: Organization
    initiative: Initiative
    filed: list  # the story's section, topic and author
    hidden: list  # what the sitemap must leave out


@pytest.fixture
def world() -> World:
    """A published story about a person, an organization and an initiative;
    stories that are not public, and entities only they (or none) are about."""
    person, organization, initiative = make_person(), make_organization(), make_initiative()
    section, topic, author = make_section(), make_topic(), make_author()
    article = make_article(
        people=[person],
        organizations=[organization],
        initiatives=[initiative],
        section=section,
        topics=[topic],
        authors=[author],
    )
    hidden_person, hidden_organization = make_person(), make_organization()
    hidden_initiative = make_initiative()
    hidden_filing = [make_section(), make_topic(), make_author()]
    links = {
        "people": [hidden_person],
        "organizations": [hidden_organization],
        "initiatives": [hidden_initiative],
        "section": hidden_filing[0],
        "topics": [hidden_filing[1]],
    }
    hidden = [
        make_article(status=Article.Status.DRAFT, **links),
        make_article(status=Article.Status.IN_REVIEW, **links),
        make_article(published_at=timezone.now() + timedelta(days=1), **links),
        hidden_person,
        hidden_organization,
        hidden_initiative,
        *hidden_filing,  # the author credits no story at all
        make_person(),  # in no story at all
    ]
    return World(article, person, organization, initiative, [section, topic, author], hidden)


def test_it_lists_every_public_page_in_every_language_and_nothing_else(client, world):
    expected = {
        *(page_url(name, language) for name in LIST_PAGES for language in LANGUAGES),
        *(
            url_of(obj, language)
            for obj in (
                world.article,
                world.person,
                world.organization,
                world.initiative,
                *world.filed,
            )
            for language in LANGUAGES
        ),
    }

    assert set(read_sitemap(client)) == expected


def test_it_leaves_out_stories_that_are_not_public_and_entities_without_one(client, world):
    listed = read_sitemap(client)

    for obj in world.hidden:
        for language in LANGUAGES:
            assert url_of(obj, language) not in listed


def test_it_links_every_language_version_with_x_default_in_kazakh(client, world):
    for loc, entry in read_sitemap(client).items():
        language = urlsplit(loc).path.split("/")[1]
        versions = {code: loc.replace(f"/{language}/", f"/{code}/", 1) for code in LANGUAGES}
        assert entry.alternates == {**versions, "x-default": versions["kk"]}


def test_it_lists_only_pages_that_answer(client, world):
    for loc in read_sitemap(client):
        assert client.get(urlsplit(loc).path).status_code == 200, loc


def test_it_dates_stories_and_entities_by_their_last_change(client, world):
    published = timezone.make_aware(datetime(2024, 3, 5, 12))
    old = timezone.make_aware(datetime(2020, 1, 1, 12))
    Article.objects.filter(pk=world.article.pk).update(published_at=published, updated_at=old)
    edited = make_article(
        people=[world.person], published_at=timezone.make_aware(datetime(2023, 1, 1, 12))
    )
    Person.objects.filter(pk=world.person.pk).update(updated_at=old)
    Organization.objects.filter(pk=world.organization.pk).update(
        updated_at=timezone.make_aware(datetime(2025, 6, 7, 12))
    )

    listed = read_sitemap(client)

    # A story: its publication, or its last edit when that came later.
    assert listed[url_of(world.article, "ru")].lastmod == "2024-03-05"
    assert listed[url_of(edited, "ru")].lastmod == timezone.localdate().isoformat()
    # An entity: its own last edit, or its newest story when that came later.
    assert listed[url_of(world.person, "en")].lastmod == "2024-03-05"
    assert listed[url_of(world.organization, "en")].lastmod == "2025-06-07"
    # The home page and the news list change with every story.
    assert listed[page_url("home", "kk")].lastmod == timezone.localdate().isoformat()
    assert listed[page_url("person-list", "kk")].lastmod is None


def test_it_splits_a_large_section_into_pages_listed_in_the_index(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 6)  # two stories in 3 languages
    stories = [make_article() for _ in range(5)]

    index = get_xml(client, "/sitemap.xml")
    sections = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    listed = read_sitemap(client)

    assert [loc for loc in sections if "articles" in loc] == [
        absolute("/sitemap-articles.xml"),
        absolute("/sitemap-articles.xml?p=2"),
        absolute("/sitemap-articles.xml?p=3"),
    ]
    for story in stories:
        assert url_of(story, "en") in listed


def test_it_answers_404_for_an_unknown_section_or_page(client, world):
    assert client.get("/sitemap-drafts.xml").status_code == 404
    assert client.get("/sitemap-articles.xml?p=2").status_code == 404


def test_it_is_not_indexed_itself(client):
    assert "noindex" in client.get("/sitemap.xml")["X-Robots-Tag"]


# Query counts: tests/test_views.py, with the pages'.


# --- robots.txt ---------------------------------------------------------------------


def test_it_lets_crawlers_in_everywhere_but_the_admin_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\nAllow: /\nDisallow: /*/admin/\n\nSitemap: http://testserver/sitemap.xml\n"
    )


def test_it_names_the_sitemap_with_the_scheme_and_host_of_the_request(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.kz"]

    response = client.get("/robots.txt", secure=True, headers={"host": "news.example.kz"})

    assert "Sitemap: https://news.example.kz/sitemap.xml\n" in response.content.decode()


def test_it_refuses_to_post_to_robots_txt(client):
    assert client.post("/robots.txt").status_code == 405


def test_it_keeps_the_admin_out_in_every_language():
    # robots.txt's "/*/admin/" covers the admin under every language prefix.
    for language in LANGUAGES:
        with translation.override(language):
            assert reverse("admin:index") == f"/{language}/admin/"
