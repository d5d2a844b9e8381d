"""Restoring a version from an object's history changes that object only.

Before, a bulk action saved every selected story in one history revision,
and restoring any one of them reverted them all: an Editor could publish or
unpublish other stories, unrecorded in their history.
"""

import pytest
import reversion
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation
from reversion.models import Version

from articles import history, services
from articles.models import Affiliation, Article
from tests.factories import make_article, make_organization, make_person, make_user
from tests.helpers import article_form_data

pytestmark = pytest.mark.django_db


def restore(client, article: Article, version: Version, **overrides):
    return client.post(
        reverse("admin:articles_article_revision", args=[article.pk, version.pk]),
        article_form_data(article, status=version.field_dict["status"], **overrides),
    )


def shared_revision(*articles: Article, user) -> None:
    """One history revision holding every article, as bulk actions and
    older history hold them."""
    with reversion.create_revision():
        reversion.set_user(user)
        for article in articles:
            article.save()


@pytest.fixture
def editor(client):
    user = make_user(role="Editor")
    client.force_login(user)
    return user


@pytest.fixture
def publisher():
    return make_user(role="Publisher")


def test_restoring_a_shared_revision_does_not_unpublish_another_story(client, editor, publisher):
    story = make_article(status=Article.Status.IN_REVIEW, title_kk="Бірінші")
    other = make_article(status=Article.Status.IN_REVIEW)
    shared_revision(story, other, user=editor)
    services.article_publish(articles=[other], user=publisher)
    version = Version.objects.get_for_object(story).first()

    response = restore(client, story, version, title_kk="Бірінші")

    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == Article.Status.PUBLISHED
    assert client.get(other.get_absolute_url()).status_code == 200


def test_restoring_a_shared_revision_does_not_republish_another_story(client, editor, publisher):
    story = make_article(title_kk="Бірінші")
    other = make_article()
    shared_revision(story, other, user=publisher)
    services.article_unpublish(articles=[other], user=publisher)
    version = Version.objects.get_for_object(story).first()

    response = restore(client, story, version, title_kk="Бірінші")

    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == Article.Status.DRAFT
    client.logout()
    assert client.get(other.get_absolute_url()).status_code == 404


def test_a_restore_changes_the_chosen_story_and_records_it(client, editor):
    story = make_article(status=Article.Status.DRAFT, title_kk="Бірінші")
    other = make_article(status=Article.Status.DRAFT, title_kk="Басқа")
    shared_revision(story, other, user=editor)
    version = Version.objects.get_for_object(story).first()
    Article.objects.filter(pk=story.pk).update(title_kk="Екінші")
    Article.objects.filter(pk=other.pk).update(title_kk="Басқа, өзгерген")

    response = restore(client, story, version, title_kk="Бірінші")

    assert response.status_code == 302
    story.refresh_from_db()
    other.refresh_from_db()
    assert story.title_kk == "Бірінші"
    assert other.title_kk == "Басқа, өзгерген"
    latest = Version.objects.get_for_object(story).first()
    assert latest.revision.user == editor
    assert latest.revision.version_set.count() == 1
    assert latest.field_dict["title_kk"] == "Бірінші"


def test_bulk_actions_give_each_story_its_own_history_entry(publisher):
    first, second = (
        make_article(status=Article.Status.IN_REVIEW),
        make_article(status=Article.Status.IN_REVIEW),
    )

    with translation.override("en"):
        services.article_publish(articles=[first, second], user=publisher)
        services.article_unpublish(articles=[first, second], user=publisher)

    for article in (first, second):
        versions = Version.objects.get_for_object(article)
        assert versions.count() == 2
        assert all(version.revision.version_set.count() == 1 for version in versions)
        assert [version.revision.get_comment() for version in versions] == [
            "Unpublished.",
            "Published.",
        ]


def test_an_editor_cannot_restore_a_version_that_unpublishes_the_chosen_story(client, editor):
    story = make_article(status=Article.Status.IN_REVIEW)
    with reversion.create_revision():
        story.save()
    version = Version.objects.get_for_object(story).first()
    Article.objects.filter(pk=story.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now()
    )
    story.refresh_from_db()

    response = restore(client, story, version)

    assert response.status_code == 403
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED


def test_restoring_a_person_reverts_their_affiliations_only():
    organization = make_organization()
    person, colleague = make_person(), make_person()
    own = Affiliation.objects.create(person=person, organization=organization, role_kk="Бірінші")
    theirs = Affiliation.objects.create(
        person=colleague, organization=organization, role_kk="Әріптес"
    )
    with reversion.create_revision():
        for row in (organization, own, theirs, person, colleague):
            row.save()
    version = Version.objects.get_for_object(person).first()
    Affiliation.objects.filter(pk__in=[own.pk, theirs.pk]).update(role_kk="Жаңа")
    added = Affiliation.objects.create(person=person, organization=organization, role_kk="Кейін")

    history.revert_object(version)

    own.refresh_from_db()
    theirs.refresh_from_db()
    assert own.role_kk == "Бірінші"
    assert theirs.role_kk == "Жаңа"
    assert not Affiliation.objects.filter(pk=added.pk).exists()


def test_a_restore_that_would_delete_what_the_user_may_not_delete_is_refused(client):
    person = make_person()
    with reversion.create_revision():
        person.save()
    version = Version.objects.get_for_object(person).first()
    added = Affiliation.objects.create(person=person, organization=make_organization())
    user = make_user(role="Editor")
    user.groups.get().permissions.remove(Permission.objects.get(codename="delete_affiliation"))
    client.force_login(user)

    response = client.post(
        reverse("admin:articles_person_revision", args=[person.pk, version.pk]), {}
    )

    assert response.status_code == 403
    assert Affiliation.objects.filter(pk=added.pk).exists()
