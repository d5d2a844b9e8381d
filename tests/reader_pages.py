"""The reader pages that tests/test_views.py and tests/test_page_queries.py
visit, and the stories they are shown with."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from articles.models import Affiliation, Article, Initiative, Organization, Person
from tests.factories import make_article, make_initiative, make_organization, make_person


@dataclass
class LinkedStories:
    person: Person
    organization: Organization
    initiative: Initiative
    article: Article
    draft: Article
    scheduled: Article


def make_linked_stories() -> LinkedStories:
    """A published story about one person, organization and initiative, and
    a draft and a scheduled story about the same ones."""
    person = make_person(slug="ivanov", position_en="Chair of the agency")
    organization = make_organization(slug="agency")
    initiative = make_initiative(slug="open-budget")
    Affiliation.objects.create(
        person=person, organization=organization, role_kk="Төраға", role_ru="Председатель"
    )
    links = {"people": [person], "organizations": [organization], "initiatives": [initiative]}
    return LinkedStories(
        person=person,
        organization=organization,
        initiative=initiative,
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
]
