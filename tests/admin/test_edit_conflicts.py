"""Lost updates: a stale save is refused and told what changed."""

from datetime import timedelta

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone

from articles.edit_conflicts import edit_token
from articles.models import Article, Person
from tests.factories import (
    make_article,
    make_person,
    make_user,
)
from tests.helpers import article_form_data, login

pytestmark = pytest.mark.django_db


# --- Lost updates ---------------------------------------------------------------------


def test_the_second_of_two_concurrent_saves_is_refused_and_told_what_changed(client):
    with reversion.create_revision():
        article = make_article(status=Article.Status.DRAFT)
    url = reverse("admin:articles_article_change", args=[article.pk])
    first_editor = make_user(role="Editor", username="aigerim")
    second_editor = make_user(role="Editor", username="dmitry")
    opened_by_both = article_form_data(article)

    client.force_login(first_editor)
    response = client.post(url, {**opened_by_both, "title_ru": "Правка Айгерим"})
    assert response.status_code == 302

    client.force_login(second_editor)
    response = client.post(url, {**opened_by_both, "body_kk": "Дмитрийдің мәтіні"})

    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    assert "aigerim" in errors[0]
    assert str(Article._meta.get_field("title_ru").verbose_name) in errors[0]
    article.refresh_from_db()
    assert article.title_ru == "Правка Айгерим"
    assert article.body_kk != "Дмитрийдің мәтіні"
    refused_form = response.context["adminform"].form
    assert refused_form["body_kk"].value() == "Дмитрийдің мәтіні"


def test_saving_again_after_a_conflict_replaces_the_other_version_deliberately(client):
    article = make_article(status=Article.Status.DRAFT)
    url = reverse("admin:articles_article_change", args=[article.pk])
    login(client, "Editor")
    stale = article_form_data(article)
    client.post(url, {**stale, "title_ru": "Первая правка"})

    refused = client.post(url, {**stale, "title_ru": "Вторая правка"})
    new_token = refused.context["adminform"].form["edit_token"].value()
    response = client.post(url, {**stale, "title_ru": "Вторая правка", "edit_token": new_token})

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_ru == "Вторая правка"


def test_a_change_without_an_edit_token_is_refused(editor_client):
    article = make_article(status=Article.Status.DRAFT)
    data = article_form_data(article, title_ru="Без токена")
    del data["edit_token"]

    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title_ru != "Без токена"


def test_entity_forms_refuse_stale_saves_too(editor_client):
    person = make_person()
    url = reverse("admin:articles_person_change", args=[person.pk])
    data = {
        "name_kk": person.name_kk,
        "name_ru": person.name_ru,
        "name_en": person.name_en,
        "slug": person.slug,
        "edit_token": edit_token(person),
        "affiliations-TOTAL_FORMS": "0",
        "affiliations-INITIAL_FORMS": "0",
    }
    Person.objects.filter(pk=person.pk).update(
        name_en="Renamed elsewhere", updated_at=timezone.now() + timedelta(seconds=1)
    )

    response = editor_client.post(url, {**data, "name_ru": "Моя правка"})

    assert response.status_code == 200
    person.refresh_from_db()
    assert (person.name_en, person.name_ru) == ("Renamed elsewhere", data["name_ru"])
