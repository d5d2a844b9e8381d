"""Nothing unpublished reaches the public: no draft, item in review or
scheduled story through any public URL (in any language), a guessed slug, a
feed, the sitemap, search, an entity page, a count, or a page seen before it
was unpublished."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article
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
from tests.public_urls import public_urls

pytestmark = pytest.mark.django_db

HIDDEN = {
    "draft": {"status": Article.Status.DRAFT},
    "review": {"status": Article.Status.IN_REVIEW},
    "scheduled": {
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() + timedelta(days=1),
    },
}


def secret(kind: str, language: str) -> str:
    return f"zzsecret{kind}{language}"


@pytest.fixture
def world() -> dict:
    """A published story, and hidden ones about an entity of their own plus
    the published story's person; every text of theirs holds a marker word."""
    person, organization, initiative = make_person(), make_organization(), make_initiative()
    section, topic, author = make_section(), make_topic(), make_author()
    only_hidden = make_person(slug="only-in-drafts", name_en="Hidden Person")
    filed = {"section": section, "topics": [topic], "authors": [author]}
    article = make_article(
        people=[person], organizations=[organization], initiatives=[initiative], **filed
    )
    hidden = {}
    for kind, fields in HIDDEN.items():
        texts = {}
        for language in LANGUAGES:
            for field in ("title", "lead", "body", "byline"):
                texts[f"{field}_{language}"] = f"{field} {secret(kind, language)}"
        hidden[kind] = make_article(
            slug=f"hidden-{kind}",
            people=[person, only_hidden],
            organizations=[organization],
            initiatives=[initiative],
            source_kk=make_organization(slug=f"source-of-{kind}"),
            **filed,
            **texts,
            **fields,
        )
    return {
        "objects": {
            "detail": article.slug,
            "person-detail": person.slug,
            "organization-detail": organization.slug,
            "initiative-detail": initiative.slug,
            "section": section.slug,
            "topic": topic.slug,
            "author": author.slug,
        },
        "hidden": hidden,
        "person": person,
        "only_hidden": only_hidden,
    }


def assert_nothing_hidden(content: str, url: str) -> None:
    assert "zzsecret" not in content, url
    assert "/hidden-" not in content, url


def test_no_public_page_feed_or_sitemap_shows_anything_unpublished(client, world):
    urls = public_urls(world["objects"])
    for language in LANGUAGES:
        with translation.override(language):
            for kind in HIDDEN:
                urls.append(reverse("articles:search") + f"?q={secret(kind, language)}")
            urls += [
                reverse("articles:search") + "?q=zzsecret",
                reverse("articles:list") + f"?person={world['only_hidden'].slug}",
                reverse("articles:list") + "?source=source-of-draft",
            ]

    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        content = response.content.decode()
        if "q=zzsecret" in url:
            # The page repeats the words searched for (box, language links):
            # what counts is that nothing was found.
            assert response.context["paginator"].count == 0, url
            assert not response.context["entities"], url
            continue
        assert_nothing_hidden(content, url)
        if "?" in url:  # a filter for the hidden ones: the page repeats it, finds nothing
            assert response.context["paginator"].count == 0, url
        elif not url.endswith(("/people/", "/organizations/", "/initiatives/")):
            # The A-Z lists name everyone (with "0 stories"); nothing else
            # names those known only from unpublished stories: not the home
            # page's "in the news", the filters' choices, feeds or sitemaps.
            assert "only-in-drafts" not in content, url
            assert "source-of-" not in content, url


@pytest.mark.parametrize("kind", sorted(HIDDEN))
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_guessed_slug_of_an_unpublished_story_is_a_404(client, world, kind, language):
    with translation.override(language):
        url = world["hidden"][kind].get_absolute_url()

    response = client.get(url)

    assert response.status_code == 404
    # The 404 page's language switcher repeats the address typed, nothing else.
    assert "zzsecret" not in response.content.decode()


def test_an_entity_known_only_from_unpublished_stories_has_no_stories(client, world):
    with translation.override("en"):
        response = client.get(world["only_hidden"].get_absolute_url())
        listing = client.get(reverse("articles:person-list"))

    assert response.status_code == 200
    assert response.context["paginator"].count == 0
    assert "zzsecret" not in response.content.decode()
    counts = {person.slug: person.story_count for person in listing.context["object_list"]}
    assert counts["only-in-drafts"] == 0
    assert counts[world["person"].slug] == 1


def test_an_unpublished_story_disappears_at_once_from_every_page(client, world):
    published = Article.objects.get(slug=world["objects"]["detail"])
    published.title_en = "zzsecret-was-public"
    published.save()
    with translation.override("en"):
        urls = public_urls(world["objects"], languages=("en",))
        detail = published.get_absolute_url()
    assert client.get(detail).status_code == 200

    published.status = Article.Status.DRAFT
    published.save()

    assert client.get(detail).status_code == 404
    for url in urls:
        response = client.get(url, follow=True)
        assert "zzsecret-was-public" not in response.content.decode(), url


def test_a_scheduled_story_appears_when_its_time_comes(client, world):
    scheduled = world["hidden"]["scheduled"]
    with translation.override("en"):
        url = scheduled.get_absolute_url()
    assert client.get(url).status_code == 404

    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - timedelta(seconds=1)
    )

    assert client.get(url).status_code == 200
