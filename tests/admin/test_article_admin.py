"""The article admin: its pages and their query counts, search, slugs."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import (
    make_article,
    make_initiative,
    make_organization,
    make_person,
)
from tests.helpers import ROLES, article_form_data, count_queries, login

pytestmark = pytest.mark.django_db


# --- Pages and query counts ----------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", ["article", "person", "organization", "initiative"])
def test_it_renders_changelists_with_a_fixed_number_of_queries(client, role, model):
    login(client, role)
    url = reverse(f"admin:articles_{model}_changelist")
    person, organization = make_person(), make_organization()
    make_article(people=[person], organizations=[organization])
    initiative = make_initiative()
    initiative.organizations.add(organization)
    few = count_queries(client, url)

    for _ in range(25):
        person, organization = make_person(), make_organization(parent=organization)
        initiative = make_initiative()
        initiative.people.add(person)
        make_article(people=[person], organizations=[organization], initiatives=[initiative])
    many = count_queries(client, url)

    assert many == few


@pytest.mark.parametrize("role", ROLES)
def test_it_renders_the_article_change_form_with_a_fixed_number_of_queries(client, role):
    login(client, role)
    small = make_article(
        people=[make_person()],
        organizations=[make_organization()],
        initiatives=[make_initiative()],
    )
    few = count_queries(client, reverse("admin:articles_article_change", args=[small.pk]))

    large = make_article(
        people=[make_person() for _ in range(30)],
        organizations=[make_organization() for _ in range(30)],
        initiatives=[make_initiative() for _ in range(30)],
    )
    many = count_queries(client, reverse("admin:articles_article_change", args=[large.pk]))

    assert many == few


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", ["person", "organization", "initiative"])
def test_it_renders_entity_change_forms_with_a_fixed_number_of_queries(client, role, model):
    login(client, role)
    factories = {
        "person": make_person,
        "organization": make_organization,
        "initiative": make_initiative,
    }
    small = factories[model]()
    large = factories[model]()
    if model == "person":
        for _ in range(20):
            large.affiliations.create(organization=make_organization(), role_kk="Мүше")
        small.affiliations.create(organization=make_organization(), role_kk="Мүше")
    elif model == "organization":
        for _ in range(20):
            large.affiliations.create(person=make_person(), role_kk="Мүше")
        small.affiliations.create(person=make_person(), role_kk="Мүше")
    else:
        large.people.add(*[make_person() for _ in range(20)])
        large.organizations.add(*[make_organization() for _ in range(20)])
        small.people.add(make_person())
        small.organizations.add(make_organization())

    few = count_queries(client, reverse(f"admin:articles_{model}_change", args=[small.pk]))
    many = count_queries(client, reverse(f"admin:articles_{model}_change", args=[large.pk]))

    assert many == few


def test_it_shows_status_language_and_completeness_in_the_changelist(publisher_client):
    make_article(title_kk="Толық мақала")
    make_article(title_kk="Аудармасыз", title_en="", lead_en="", body_en="")

    response = publisher_client.get(reverse("admin:articles_article_changelist"))

    content = response.content.decode()
    assert "Толық мақала" in content
    assert "KK RU EN" in content
    assert "KK RU</td>" in content


def test_it_filters_articles_incomplete_in_a_language(publisher_client):
    make_article(title_kk="Толық мақала")
    make_article(title_kk="Аудармасыз", title_en="", lead_en="", body_en="")

    response = publisher_client.get(
        reverse("admin:articles_article_changelist"), {"translation": "en-missing"}
    )

    titles = [article.title_kk for article in response.context["cl"].result_list]
    assert titles == ["Аудармасыз"]


def test_it_searches_articles_in_every_language(publisher_client):
    make_article(title_ru="Коррупция в акимате")
    make_article(title_ru="Другое")

    response = publisher_client.get(reverse("admin:articles_article_changelist"), {"q": "акимате"})

    assert [a.title_ru for a in response.context["cl"].result_list] == ["Коррупция в акимате"]


def test_it_autocompletes_people_for_article_links(editor_client):
    make_person(name_kk="Қасым-Жомарт Тоқаев", name_ru="Касым-Жомарт Токаев")
    make_person(name_kk="Басқа адам")

    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Токаев",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "people",
        },
    )

    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_it_offers_view_on_site(publisher_client):
    article = make_article()

    response = publisher_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert "viewsitelink" in response.content.decode()


# --- Slugs ---------------------------------------------------------------------


def test_it_prefills_the_slug_from_the_title_with_the_server_tables(editor_client):
    response = editor_client.get(reverse("admin:articles_article_add"))

    content = response.content.decode()
    assert "data-slug-sources" in content
    assert "articles/admin/slug_prefill" in content


def test_it_derives_the_slug_on_save_when_left_empty(editor_client):
    response = editor_client.post(
        reverse("admin:articles_article_add"),
        article_form_data(title_kk="Әділдік жолы қоғамдық бірлестігі", slug=""),
    )

    assert response.status_code == 302
    assert Article.objects.get().slug == "adildik-joly-qogamdyq-birlestigi"


def test_the_admin_loads_no_assets_from_other_hosts(publisher_client):
    article = make_article()

    response = publisher_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    content = response.content.decode()
    assert "jquery-ui" in content
    assert 'src="//' not in content
    assert 'src="http' not in content
    assert 'href="//' not in content


@pytest.mark.parametrize("role", ROLES)
def test_the_change_form_shows_corrections_in_a_fixed_number_of_queries(client, role):
    login(client, role)
    small, large = make_article(), make_article()
    small.corrections.create(text_kk="Түзету")
    for number in range(20):
        large.corrections.create(text_kk=f"Түзету {number}")

    few = count_queries(client, reverse("admin:articles_article_change", args=[small.pk]))
    many = count_queries(client, reverse("admin:articles_article_change", args=[large.pk]))

    assert many == few
