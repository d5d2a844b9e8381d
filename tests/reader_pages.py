"""The reader pages that tests/test_views.py and tests/test_page_queries.py
visit, and the stories they are shown with."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from articles.authors.models import Author
from articles.models import Affiliation, Article, Initiative, Organization, Person
from articles.taxonomy.models import Section, Topic
from tests.factories import (
    make_article,
    make_author,
    make_initiative,
    make_organization,
    make_person,
    make_section,
    make_topic,
)


@dataclass
class LinkedStories:
    person: Person
    organization: Organization
    initiative: Initiative
    section: Section
    topic: Topic
    author: Author
    article: Article
    draft: Article
    scheduled: Article


def make_linked_stories() -> LinkedStories:
    """A published story about one person, organization and initiative, in
    a section, on a topic and by an author, and a draft and a scheduled
    story about, in, on and by the same ones."""
    person = make_person(slug="ivanov", position_en="Chair of the agency")
    section = make_section(slug="investigations")
    topic = make_topic(slug="procurement")
    author = make_author(slug="aigerim")
    organization = make_organization(slug="agency")
    initiative = make_initiative(slug="open-budget")
    Affiliation.objects.create(
        person=person, organization=organization, role_kk="Төраға", role_ru="Председатель"
    )
    links = {
        "people": [person],
        "organizations": [organization],
        "initiatives": [initiative],
        "section": section,
        "topics": [topic],
        "authors": [author],
    }
    return LinkedStories(
        person=person,
        organization=organization,
        initiative=initiative,
        section=section,
        topic=topic,
        author=author,
        article=make_article(slug="the-story", **links),
        draft=make_article(slug="draft", status=Article.Status.DRAFT, title_en="DRAFT", **links),
        scheduled=make_article(
            slug="scheduled",
            published_at=timezone.now() + timedelta(hours=1),
            title_en="SCHEDULED",
            **links,
        ),
    )


def pages(stories: LinkedStories) -> dict[str, tuple[str, dict, str]]:
    """Every public page: name -> (URL name, URL kwargs, the field of the
    object whose text the page must show)."""
    return {
        "home": ("home", {}, "title"),
        "list": ("list", {}, "title"),
        "detail": ("detail", {"slug": stories.article.slug}, "title"),
        "person-list": ("person-list", {}, "person"),
        "person-detail": ("person-detail", {"slug": stories.person.slug}, "person"),
        "organization-list": ("organization-list", {}, "organization"),
        "organization-detail": (
            "organization-detail",
            {"slug": stories.organization.slug},
            "organization",
        ),
        "initiative-list": ("initiative-list", {}, "initiative"),
        "initiative-detail": (
            "initiative-detail",
            {"slug": stories.initiative.slug},
            "initiative",
        ),
        "section": ("section", {"slug": stories.section.slug}, "section"),
        "topic-list": ("topic-list", {}, "topic"),
        "topic": ("topic", {"slug": stories.topic.slug}, "topic"),
        "author-list": ("author-list", {}, "author"),
        "author": ("author", {"slug": stories.author.slug}, "author"),
    }


PAGE_NAMES = [
    "home",
    "list",
    "detail",
    "person-list",
    "person-detail",
    "organization-list",
    "organization-detail",
    "initiative-list",
    "initiative-detail",
    "section",
    "topic-list",
    "topic",
    "author-list",
    "author",
]
