"""Change history: who changed what, restoring and comparing versions."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from tests.helpers import article_form_data, login

pytestmark = pytest.mark.django_db


# --- History -----------------------------------------------------------------------


def test_it_records_who_changed_what(client):
    user = login(client, "Editor")
    client.post(reverse("admin:articles_article_add"), article_form_data())
    article = Article.objects.get()

    client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(article, title_ru="Другой заголовок"),
    )

    versions = Version.objects.get_for_object(article)
    assert versions.count() == 2
    latest = versions.first()
    assert latest.revision.user == user
    assert "title" in latest.revision.get_comment().lower()
    response = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert response.status_code == 200
    assert user.username in response.content.decode()


def test_it_restores_an_earlier_version(publisher_client):
    publisher_client.post(
        reverse("admin:articles_article_add"), article_form_data(title_kk="Бірінші нұсқа")
    )
    article = Article.objects.get()
    publisher_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(article, title_kk="Екінші нұсқа"),
    )
    first = Version.objects.get_for_object(article).last()

    response = publisher_client.post(
        reverse("admin:articles_article_revision", args=[article.pk, first.pk]),
        article_form_data(article, title_kk="Бірінші нұсқа"),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_kk == "Бірінші нұсқа"


def test_it_compares_two_versions(publisher_client):
    publisher_client.post(reverse("admin:articles_article_add"), article_form_data())
    article = Article.objects.get()
    publisher_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(article, body_ru="Совсем другой текст"),
    )
    newer, older = Version.objects.get_for_object(article)[:2]

    response = publisher_client.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"version_id1": older.pk, "version_id2": newer.pk},
    )

    assert response.status_code == 200
    assert "Совсем другой текст" in response.content.decode()
