"""Every reader page, feed and sitemap runs a fixed number of SQL queries,
however many objects it shows or links.

Building the crowded data goes through the save signals (the search index,
the content version) and takes long, so it is built once for the module:
first the linked stories alone, whose query counts are measured then, and
then the crowd beside them. Each test runs in a savepoint inside the
module's transaction, which is rolled back at the end of the module.
"""

import re
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from articles.caching import versions
from articles.media.models import Image
from articles.models import Affiliation, Article, StoryImage
from articles.richtext.entity_links import stable_href
from tests.factories import (
    make_article,
    make_author,
    make_document,
    make_image,
    make_initiative,
    make_organization,
    make_person,
    make_section,
    make_topic,
)
from tests.helpers import url
from tests.reader_pages import PAGE_NAMES, LinkedStories, make_linked_stories, pages

pytestmark = pytest.mark.django_db

# Per page, the queries that run whatever the number of linked items
# (ATOMIC_REQUESTS' savepoints left out), with an empty cache. Each page
# first reads the content version (articles/caching/), by primary key.
EXPECTED_QUERIES = {
    # version, the navigation's sections (a fragment cached per version),
    # newest stories, the featured lead, the newest of every section (one
    # window query), people, organizations, active initiatives
    "home": 8,
    # version, count, page, which rows 6 filters offer (their ids: once per
    # version) and those rows (5 filters: no story here has a source),
    # navigation
    "list": 15,
    # version, navigation, article with sources, lead image and section, its
    # pictures, documents, bylines with authors and portraits, topics,
    # corrections, the 3 kinds of linked entities, related
    "detail": 12,
    "person-list": 4,  # version, count, navigation, page with story counts
    # version, person with portrait; for the profile (once per version): the
    # person again, affiliations, initiatives, documents; story count,
    # navigation and page
    "person-detail": 9,
    "organization-list": 4,
    "organization-detail": 10,  # + parent and logo joined, sub-organizations
    "initiative-list": 4,
    # version, initiative; the profile: initiative, organizations, people,
    # documents; story count, navigation and page
    "initiative-detail": 9,
    "section": 5,  # version, section, story count, navigation, page
    "topic-list": 4,  # version, count, navigation, page with story counts
    "topic": 5,
    "author-list": 4,
    "author": 5,  # version, author with portrait, story count, navigation, page
}

# Feeds and sitemaps are not HTML pages (tests/test_feeds.py and
# tests/test_sitemaps.py check what they say), but they must not grow with
# the data either:
# Each first reads the content version too.
EXPECTED_FEED_AND_SITEMAP_QUERIES = {
    # stories with sources, lead image and section; their people,
    # organizations, initiatives, topics, bylines with authors,
    # corrections, pictures and documents
    "/ru/feed/": 10,
    "/ru/feed/atom/": 10,
    "/ru/sections/investigations/feed/": 11,  # + the section
    "/ru/topics/procurement/feed/atom/": 11,  # + the topic
    "/ru/authors/aigerim/feed/": 11,  # + the author
    # latest change and items of each of 5 sections; list pages: 1;
    # sections, topics and authors with stories: 1 each
    "/sitemap.xml": 13,
    "/sitemap-pages.xml": 2,  # the latest story
    "/sitemap-articles.xml": 2,
    "/sitemap-people.xml": 2,
    "/sitemap-organizations.xml": 2,
    "/sitemap-initiatives.xml": 2,
    "/sitemap-sections.xml": 2,
    "/sitemap-topics.xml": 2,
    "/sitemap-authors.xml": 2,
}


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return sum(1 for query in context.captured_queries if "SAVEPOINT" not in query["sql"])


def page_path(stories: LinkedStories, page: str) -> str:
    name, kwargs, _what = pages(stories)[page]
    return url(name, "ru", **kwargs)


def every_filter_path(stories: LinkedStories) -> str:
    year = timezone.localtime(stories.article.published_at).year
    query = (
        "?q=Новость&person=ivanov&organization=agency&initiative=open-budget"
        f"&language=kk&date_from=2020-01-01&date_to=2099-01-01&year={year}"
    )
    return "/ru/articles/" + query


def linking_body(people, organizations, initiatives) -> str:
    """A body with a paragraph per linked entity, each linking to it."""
    paragraphs = []
    for kind, entities in (
        ("person", people),
        ("organization", organizations),
        ("initiative", initiatives),
    ):
        paragraphs += [
            f'<p>About <a href="{stable_href(kind, entity.pk)}">{entity.name_ru}</a>.</p>'
            for entity in entities
        ]
    return "".join(paragraphs)


def link_in_body(stories: LinkedStories) -> None:
    """One inline link to each kind of entity, and one picture, for the
    story alone (its one topic and author it has already)."""
    article = stories.article
    body = linking_body([stories.person], [stories.organization], [stories.initiative])
    article.body_ru = article.body_kk = article.body_en = body
    article.save()
    StoryImage.objects.create(article=article, image=make_image(), after_paragraph=0)


def illustrate(article, people, organizations, initiatives) -> None:
    """A lead image, a dozen pictures in the body and a dozen documents for
    the story, a portrait, a logo and documents for its entities."""
    images = [make_image() for _ in range(13)]
    documents = [make_document() for _ in range(12)]
    # As once the worker has made the renditions: pages show every srcset.
    Image.objects.update(renditions_ready=True)
    article.lead_image = images[0]
    article.save()
    for number, image in enumerate(images[1:]):
        StoryImage.objects.create(article=article, image=image, after_paragraph=number % 3)
    article.documents.add(*documents)
    people[0].portrait = images[1]
    people[0].save()
    people[0].documents.add(*documents)
    organizations[0].logo = images[2]
    organizations[0].save()
    organizations[0].documents.add(*documents)
    initiatives[0].documents.add(*documents)


def crowd(stories: LinkedStories) -> LinkedStories:
    """The same kinds of objects, each linked to 50+ others (the story's
    body links to each of its 165 entities), and with pictures, documents,
    55 topics and 55 authors with portraits."""
    people = [make_person() for _ in range(55)]
    organizations = [make_organization(parent=stories.organization) for _ in range(55)]
    initiatives = [make_initiative() for _ in range(55)]
    # The linked stories' own section, topic and author get the crowd too
    # (their feeds' paths are the same before and after).
    topics = [stories.topic, *(make_topic() for _ in range(54))]
    portrait = make_image()
    authors = [stories.author, *(make_author(portrait=portrait) for _ in range(54))]
    sections = [stories.section, *(make_section() for _ in range(7))]
    for organization in organizations:
        Affiliation.objects.create(person=people[0], organization=organization, role_en="Member")
        Affiliation.objects.create(person=people[1], organization=organization)
    links = {"people": people, "organizations": organizations, "initiatives": initiatives}
    body = linking_body(people, organizations, initiatives)
    article = make_article(
        **links,
        section=sections[0],
        topics=topics,
        authors=authors,
        body_kk=body,
        body_ru=body,
        body_en=body,
    )
    for number in range(110):
        make_article(
            people=people[:1],
            organizations=organizations[:1],
            initiatives=initiatives[:1],
            section=sections[number % len(sections)],
            topics=topics[:3],
            authors=authors[:2],
            featured=number % 10 == 0,
        )
    initiatives[0].people.add(*people)
    initiatives[0].organizations.add(*organizations)
    people[0].initiatives.add(*initiatives)
    illustrate(article, people, organizations, initiatives)
    lead_images = list(Image.objects.all()[:5])
    for number, story in enumerate(Article.objects.exclude(pk=article.pk)[:60]):
        story.lead_image = lead_images[number % 5]
        story.save()
    return LinkedStories(
        person=people[0],
        organization=organizations[0],
        initiative=initiatives[0],
        section=sections[0],
        topic=topics[0],
        author=authors[0],
        article=article,
        draft=stories.draft,
        scheduled=stories.scheduled,
    )


@dataclass
class Crowded:
    stories: LinkedStories  # the linked stories alone, as first built
    crowded: LinkedStories  # the same kinds of objects among the crowd
    few: dict[str, int]  # path -> queries it ran before the crowd came


@pytest.fixture(scope="module")
def crowded(django_db_setup, django_db_blocker, tmp_path_factory) -> Crowded:
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
    with media, django_db_blocker.unblock(), transaction.atomic():
        stories = make_linked_stories()
        link_in_body(stories)
        paths = [
            *(page_path(stories, page) for page in PAGE_NAMES),
            every_filter_path(stories),
            *EXPECTED_FEED_AND_SITEMAP_QUERIES,
        ]
        few = {}
        for path in paths:
            # As each test would: with an empty cache, shared and per process.
            cache.clear()
            versions.forget_recent()
            few[path] = count_queries(Client(), path)
        yield Crowded(stories=stories, crowded=crowd(stories), few=few)
        transaction.set_rollback(True)


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_it_runs_a_fixed_number_of_queries(client, crowded, page):
    few = crowded.few[page_path(crowded.stories, page)]

    many = count_queries(client, page_path(crowded.crowded, page))

    assert few == many == EXPECTED_QUERIES[page]


def test_it_runs_a_fixed_number_of_queries_with_every_filter(client, crowded):
    path = every_filter_path(crowded.stories)
    few = crowded.few[path]

    # Each chosen person, organization and initiative is looked up once.
    assert count_queries(client, path) == few == EXPECTED_QUERIES["list"] + 3


@pytest.mark.parametrize("path", EXPECTED_FEED_AND_SITEMAP_QUERIES)
def test_it_runs_a_fixed_number_of_queries_for_feeds_and_sitemaps(client, crowded, path):
    few = crowded.few[path]

    assert count_queries(client, path) == few == EXPECTED_FEED_AND_SITEMAP_QUERIES[path]


def test_the_crowded_pages_show_every_picture_and_document(client, crowded):
    story = client.get(page_path(crowded.crowded, "detail")).content.decode()
    person = client.get(page_path(crowded.crowded, "person-detail")).content.decode()

    # The lead image and the twelve in the body, each with WebP and a fallback.
    figures = re.findall(r"<figure.*?</figure>", story, re.DOTALL)
    assert len(figures) == 13
    assert all('type="image/webp"' in figure and " srcset=" in figure for figure in figures)
    assert story.count('type="application/pdf"') == 12
    assert person.count('type="application/pdf"') == 12
    assert 'class="portrait"' in person


def test_the_crowded_story_links_every_entity_topic_and_author(client, crowded):
    article = crowded.crowded.article
    story = client.get(page_path(crowded.crowded, "detail")).content.decode()
    body = story.split('class="story-body', 1)[1].split("</article>", 1)[0]

    for person in article.people.all():
        assert f'<a href="/ru/people/{person.slug}/">' in body
    for initiative in article.initiatives.all():
        assert f'<a href="/ru/initiatives/{initiative.slug}/">' in body
    assert "/go/" not in story
    assert story.count('rel="author"') == 55
    assert len(set(re.findall(r'href="/ru/topics/([\w-]+)/"', story))) == 55
