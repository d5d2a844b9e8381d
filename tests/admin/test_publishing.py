"""Publishing needs every language, unless a publisher confirms."""

import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import Article, Language
from tests.factories import (
    make_article,
)
from tests.helpers import article_form_data, login

pytestmark = pytest.mark.django_db


# --- Publishing needs every language ---------------------------------------------------


def test_a_publisher_publishes_without_all_translations_only_when_confirming(publisher_client):
    article = make_article(status=Article.Status.IN_REVIEW, lead_en="")
    url = reverse("admin:articles_article_change", args=[article.pk])

    refused = publisher_client.post(url, article_form_data(article, status="published", lead_en=""))

    assert refused.status_code == 200
    errors = refused.context["adminform"].form.non_field_errors()
    with translation.override("kk"):  # the admin's language at /kk/admin/
        english = str(Language.ENGLISH.label)
    assert len(errors) == 1 and english in errors[0]
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW

    response = publisher_client.post(
        url,
        article_form_data(article, status="published", lead_en="", publish_incomplete="on"),
    )

    assert response.status_code == 302
    assert Article.objects.published().filter(pk=article.pk).exists()


@pytest.mark.parametrize(("role", "offered"), [("Editor", False), ("Publisher", True)])
def test_only_a_publisher_is_offered_publishing_without_all_translations(client, role, offered):
    login(client, role)

    response = client.get(reverse("admin:articles_article_add"))

    assert ("publish_incomplete" in response.context["adminform"].form.fields) is offered
    assert ('name="publish_incomplete"' in response.content.decode()) is offered


def test_an_editor_cannot_publish_by_posting_the_confirmation(editor_client):
    article = make_article(status=Article.Status.IN_REVIEW, lead_en="")

    editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(article, status="published", lead_en="", publish_incomplete="on"),
    )

    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


def test_the_bulk_publish_action_leaves_incomplete_articles_out_and_says_so(publisher_client):
    complete = make_article(status=Article.Status.DRAFT, title_kk="Толық")
    make_article(status=Article.Status.DRAFT, title_kk="Аудармасыз", title_en="")

    response = publisher_client.post(
        reverse("admin:articles_article_changelist"),
        {
            "action": "publish_selected",
            "_selected_action": list(Article.objects.values_list("pk", flat=True)),
            "index": 0,
        },
        follow=True,
    )

    assert list(Article.objects.published()) == [complete]
    messages = [str(message) for message in response.context["messages"]]
    assert len(messages) == 2
    assert "“Аудармасыз”" in messages[1] and "“Толық”" not in messages[1]


def test_a_published_story_stays_editable_without_all_translations(publisher_client):
    article = make_article()

    response = publisher_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(article, status="published", lead_en=""),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.lead_en) == (Article.Status.PUBLISHED, "")
