"""Restoring a version from an object's history changes that object only.

A history revision may hold several objects: every story a bulk action saved
(before each got a revision of its own), or a person with its affiliations.
Restoring one story's version must leave the others as they are now, so an
Editor cannot publish or unpublish a story by restoring another one, and
every change a restore makes shows in the restored object's own history.
"""

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from reversion.models import Version

from articles.edit_conflicts import edit_token
from articles.models import Affiliation, Article, Person
from tests.factories import make_article, make_organization, make_person, make_user
from tests.helpers import INLINE_PREFIXES

pytestmark = pytest.mark.django_db


def as_publisher(action: str, *articles: Article) -> None:
    """Run a changelist action as a Publisher, in a client of its own."""
    from django.test import Client

    publisher = Client()
    publisher.force_login(make_user(role="Publisher"))
    response = publisher.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [a.pk for a in articles], "index": 0},
    )
    assert response.status_code == 302


def article_form(article: Article) -> dict:
    """The article's change form as its page shows it, with no links."""
    data = {
        f"{field}_{code}": getattr(article, f"{field}_{code}") or ""
        for field in ("title", "lead", "body", "byline", "source_url")
        for code in ("kk", "ru", "en")
    }
    data.update(
        status=article.status,
        original_language=article.original_language,
        slug=article.slug,
        edit_token=edit_token(article) if article.pk else "",
        published_at_0="",
        published_at_1="",
    )
    if article.published_at:
        local = timezone.localtime(article.published_at)
        data["published_at_0"] = local.strftime("%Y-%m-%d")
        data["published_at_1"] = local.strftime("%H:%M:%S")
    for prefix in INLINE_PREFIXES:
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = "0"
    return data


def as_stored(version: Version) -> Article:
    """The article as ``version`` holds it (its own fields, not its links)."""
    fields = {f.attname for f in Article._meta.concrete_fields}
    return Article(**{name: value for name, value in version.field_dict.items() if name in fields})


def restore(client, article: Article, version: Version):
    """Restore ``version``, saving its page's form as the editor sees it."""
    url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
    return client.post(url, article_form(as_stored(version)))


def is_public(client, article: Article) -> bool:
    status = client.get(article.get_absolute_url()).status_code
    assert status in (200, 404)
    return status == 200


def found_by_search(client, word: str, article: Article) -> bool:
    response = client.get(reverse("articles:search"), {"q": word})
    return article.get_absolute_url() in response.content.decode()


def shared_revision(*objects) -> None:
    """One revision holding every object, as bulk actions used to save."""
    with reversion.create_revision():
        for obj in objects:
            obj.save()


def test_restoring_a_story_does_not_unpublish_a_story_published_since(client, editor_client):
    story = make_article(status=Article.Status.IN_REVIEW)
    other = make_article(status=Article.Status.IN_REVIEW, body_en="Tender for bridges")
    shared_revision(story, other)
    as_publisher("publish_selected", other)
    assert is_public(client, other)

    response = restore(editor_client, story, Version.objects.get_for_object(story).get())

    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == Article.Status.PUBLISHED
    assert is_public(client, other)


def test_restoring_a_story_does_not_republish_a_story_unpublished_since(client, editor_client):
    story = make_article()
    other = make_article(body_en="Zhanaozen tender report")
    shared_revision(story, other)
    assert found_by_search(client, "Zhanaozen", other)
    as_publisher("unpublish_selected", other)
    assert not is_public(client, other)

    response = restore(editor_client, story, Version.objects.get_for_object(story).get())

    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == Article.Status.DRAFT
    assert not is_public(client, other)
    assert not found_by_search(client, "Zhanaozen", other)


def test_a_bulk_action_gives_each_story_a_revision_of_its_own(client, editor_client):
    drafts = [make_article(status=Article.Status.DRAFT) for _ in range(2)]
    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {
            "action": "submit_selected_for_review",
            "_selected_action": [a.pk for a in drafts],
            "index": 0,
        },
    )
    story, other = drafts
    as_publisher("publish_selected", other)

    submitted = Version.objects.get_for_object(story).get()
    assert list(submitted.revision.version_set.values_list("object_id", flat=True)) == [
        str(story.pk)
    ]
    with translation.override("kk"):  # the language of the request that saved it
        assert submitted.revision.get_comment() == gettext("Submitted for review.")
    response = restore(editor_client, story, submitted)

    assert response.status_code == 302
    assert is_public(client, other)


def test_a_restore_shows_in_the_restored_story_history_only(editor_client):
    story = make_article(status=Article.Status.IN_REVIEW, title_en="First title")
    other = make_article(status=Article.Status.IN_REVIEW)
    shared_revision(story, other)
    with reversion.create_revision():
        story.title_en = "Second title"
        story.save()
    with reversion.create_revision():
        other.title_en = "Edited since"
        other.save()
    other_history = Version.objects.get_for_object(other).count()
    first = Version.objects.get_for_object(story).last()

    restore(editor_client, story, first)

    story.refresh_from_db()
    assert story.title_en == "First title"
    history = Version.objects.get_for_object(story)
    assert history.count() == 3
    assert history.first().field_dict["title_en"] == "First title"
    assert history.first().revision.user.groups.get().name == "Editor"
    other.refresh_from_db()
    assert other.title_en == "Edited since"
    assert Version.objects.get_for_object(other).count() == other_history


def test_recovering_a_deleted_story_leaves_the_rest_of_its_revision_alone(client, editor_client):
    gone = make_article(status=Article.Status.DRAFT)
    other = make_article()
    shared_revision(gone, other)
    as_publisher("unpublish_selected", other)
    version = Version.objects.get_for_object(gone).get()
    data = article_form(as_stored(version))
    gone.delete()

    response = editor_client.post(
        reverse("admin:articles_article_recover", args=[version.pk]), data
    )

    assert response.status_code == 302
    assert Article.objects.filter(pk=version.object_id).exists()
    other.refresh_from_db()
    assert other.status == Article.Status.DRAFT
    assert not is_public(client, other)


def person_form(person: Person) -> dict:
    data = {
        f"{field}_{code}": getattr(person, f"{field}_{code}") or ""
        for field in ("name", "name_variants", "position", "biography")
        for code in ("kk", "ru", "en")
    }
    data.update(slug=person.slug, edit_token=edit_token(person))
    data["affiliations-TOTAL_FORMS"] = data["affiliations-INITIAL_FORMS"] = "0"
    return data


def test_restoring_a_person_puts_back_its_own_affiliations_and_nothing_else(editor_client):
    person, colleague = make_person(), make_person(name_en="Old name")
    first_job = Affiliation.objects.create(person=person, organization=make_organization())
    shared_revision(person, first_job, colleague)
    version = Version.objects.get_for_object(person).get()
    with reversion.create_revision():
        colleague.name_en = "New name"
        colleague.save()
    Affiliation.objects.create(person=person, organization=make_organization())
    first_job_pk = first_job.pk
    first_job.delete()
    person.refresh_from_db()

    response = editor_client.post(
        reverse("admin:articles_person_revision", args=[person.pk, version.pk]),
        person_form(person),
    )

    assert response.status_code == 302
    assert list(person.affiliations.values_list("pk", flat=True)) == [first_job_pk]
    colleague.refresh_from_db()
    assert colleague.name_en == "New name"
