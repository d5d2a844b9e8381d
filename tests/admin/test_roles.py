"""What an Editor and a Publisher may do: drafts, publishing, deleting."""

from datetime import timedelta

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from tests.factories import (
    make_article,
    make_initiative,
    make_organization,
    make_person,
)
from tests.helpers import article_form_data, login

pytestmark = pytest.mark.django_db


# --- Editor and Publisher --------------------------------------------------------


def test_an_editor_creates_and_edits_drafts(editor_client):
    response = editor_client.post(reverse("admin:articles_article_add"), article_form_data())
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT

    response = editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(article, title_kk="Түзетілген тақырып", status="in_review"),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title_kk, article.status) == ("Түзетілген тақырып", "in_review")


def test_an_editor_cannot_publish_through_the_add_form(editor_client):
    response = editor_client.post(
        reverse("admin:articles_article_add"), article_form_data(status="published")
    )

    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_an_editor_cannot_publish_through_the_change_form(editor_client):
    article = make_article(status=Article.Status.IN_REVIEW)

    response = editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(article, status="published"),
    )

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


def test_an_editor_cannot_schedule_by_posting_a_published_status(editor_client):
    article = make_article(status=Article.Status.DRAFT)
    tomorrow = timezone.localtime() + timedelta(days=1)

    editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(
            article,
            status="published",
            published_at_0=tomorrow.strftime("%Y-%m-%d"),
            published_at_1="10:00:00",
        ),
    )

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_an_editor_edits_a_published_article_without_unpublishing_it(editor_client):
    article = make_article()
    published_at = article.published_at

    response = editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(
            article,
            title_kk="Жаңартылған",
            status="draft",
            published_at_0="2030-01-01",
            published_at_1="00:00:00",
        ),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_kk == "Жаңартылған"
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == published_at


def test_an_editor_has_no_publish_or_unpublish_action(editor_client):
    draft = make_article(status=Article.Status.DRAFT)
    published = make_article()
    changelist = reverse("admin:articles_article_changelist")

    response = editor_client.get(changelist)
    actions = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert "publish_selected" not in actions
    assert "unpublish_selected" not in actions

    for action, article in (("publish_selected", draft), ("unpublish_selected", published)):
        editor_client.post(
            changelist, {"action": action, "_selected_action": [article.pk], "index": 0}
        )

    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert published.status == Article.Status.PUBLISHED


def test_an_editor_cannot_delete_a_published_article(editor_client):
    published = make_article()

    response = editor_client.post(
        reverse("admin:articles_article_delete", args=[published.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Article.objects.filter(pk=published.pk).exists()


def test_an_editor_cannot_bulk_delete_published_articles(editor_client):
    published = make_article()
    draft = make_article(status=Article.Status.DRAFT)

    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [published.pk, draft.pk],
            "post": "yes",
        },
    )

    assert Article.objects.count() == 2


def test_an_editor_deletes_a_draft(editor_client):
    draft = make_article(status=Article.Status.DRAFT)

    response = editor_client.post(
        reverse("admin:articles_article_delete", args=[draft.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Article.objects.exists()


def test_an_editor_cannot_publish_by_restoring_a_published_version(editor_client):
    with reversion.create_revision():
        article = make_article()
    with reversion.create_revision():
        article.status = Article.Status.DRAFT
        article.save()
    published_version = Version.objects.get_for_object(article).last()
    url = reverse("admin:articles_article_revision", args=[article.pk, published_version.pk])

    response = editor_client.post(url, article_form_data(article, status="draft"))

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_an_editor_cannot_manage_users(editor_client):
    response = editor_client.get(reverse("admin:auth_user_changelist"))

    assert response.status_code == 403


def test_a_publisher_publishes_through_the_form(publisher_client):
    article = make_article(status=Article.Status.IN_REVIEW)

    response = publisher_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(article, status="published"),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at is not None
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_a_publisher_publishes_and_unpublishes_in_bulk(publisher_client):
    drafts = [make_article(status=Article.Status.DRAFT) for _ in range(3)]
    changelist = reverse("admin:articles_article_changelist")

    publisher_client.post(
        changelist,
        {"action": "publish_selected", "_selected_action": [a.pk for a in drafts], "index": 0},
    )
    assert Article.objects.published().count() == 3

    publisher_client.post(
        changelist,
        {"action": "unpublish_selected", "_selected_action": [drafts[0].pk], "index": 0},
    )
    assert Article.objects.published().count() == 2


def test_a_publisher_deletes_a_published_article(publisher_client):
    published = make_article()

    response = publisher_client.post(
        reverse("admin:articles_article_delete", args=[published.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Article.objects.exists()


@pytest.mark.parametrize("model", ["person", "organization", "initiative"])
def test_only_a_publisher_deletes_entities(client, model):
    factories = {
        "person": make_person,
        "organization": make_organization,
        "initiative": make_initiative,
    }
    entity = factories[model]()
    url = reverse(f"admin:articles_{model}_delete", args=[entity.pk])

    login(client, "Editor")
    assert client.post(url, {"post": "yes"}).status_code == 403
    login(client, "Publisher")
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not type(entity).objects.filter(pk=entity.pk).exists()
