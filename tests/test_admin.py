"""The editors' admin: pages, query counts, roles and publication rules."""

from datetime import timedelta

import pytest
import reversion
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from reversion.models import Version

from articles.edit_conflicts import edit_token
from articles.models import Article, Initiative, Language, Person
from articles.partial_dates import Precision
from tests.factories import (
    make_article,
    make_initiative,
    make_organization,
    make_person,
    make_user,
)

pytestmark = pytest.mark.django_db

ROLES = ["Editor", "Publisher"]
INLINE_PREFIXES = ("mention_suggestions", "corrections")


@pytest.fixture
def editor_client(client):
    client.force_login(make_user(role="Editor"))
    return client


@pytest.fixture
def publisher_client(client):
    client.force_login(make_user(role="Publisher"))
    return client


def login(client, role):
    user = make_user(role=role)
    client.force_login(user)
    return user


def article_form_data(article: Article | None = None, **overrides) -> dict:
    """The POST data the article change form sends, as an editor would."""
    data = {
        "title_kk": article.title_kk if article else "Жаңа мақала",
        "title_ru": article.title_ru if article else "Новая статья",
        "title_en": article.title_en if article else "New story",
        "lead_kk": "Лид",
        "lead_ru": "Лид",
        "lead_en": "Lead",
        "body_kk": "Мәтін",
        "body_ru": "Текст",
        "body_en": "Text",
        "byline_kk": "",
        "byline_ru": "",
        "byline_en": "",
        "status": article.status if article else Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "original_language": "kk",
        "slug": article.slug if article else "",
        "source_url_kk": "",
        "source_url_ru": "",
        "source_url_en": "",
    }
    # The inlines' management forms: no suggested link decided, no correction.
    for prefix in INLINE_PREFIXES:
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    if article:
        article.refresh_from_db()
        data["edit_token"] = edit_token(article)
    if article and article.published_at:
        local = timezone.localtime(article.published_at)
        data["published_at_0"] = local.strftime("%Y-%m-%d")
        data["published_at_1"] = local.strftime("%H:%M:%S")
    data.update(overrides)
    return data


def count_queries(client, url) -> int:
    client.get(url)  # warm per-process caches (content types, permissions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(captured)


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


# --- Partial dates in entity forms ------------------------------------------------


def initiative_form_data(**overrides) -> dict:
    data = {
        "name_kk": "Бағдарлама",
        "name_ru": "Программа",
        "name_en": "Programme",
        "description_kk": "",
        "description_ru": "",
        "description_en": "",
        "status": "active",
        "slug": "",
        "start": "",
        "end": "",
    }
    data.update(overrides)
    return data


def test_it_accepts_a_year_alone_for_an_initiative_period(editor_client):
    response = editor_client.post(
        reverse("admin:articles_initiative_add"), initiative_form_data(start="2019", end="2025")
    )

    assert response.status_code == 302
    initiative = Initiative.objects.get()
    assert (initiative.start_date.isoformat(), initiative.start_precision) == (
        "2019-01-01",
        Precision.YEAR,
    )
    assert (initiative.end_date.isoformat(), initiative.end_precision) == (
        "2025-12-31",
        Precision.YEAR,
    )
    assert initiative.slug == "bagdarlama"


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [("2020", "2019-05", "end"), ("20x9", "", "start"), ("2019-13", "", "start")],
)
def test_it_rejects_bad_periods_with_field_errors(editor_client, start, end, field):
    response = editor_client.post(
        reverse("admin:articles_initiative_add"), initiative_form_data(start=start, end=end)
    )

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Initiative.objects.exists()


def test_it_edits_affiliations_inline_on_a_person(editor_client):
    person = make_person()
    organization = make_organization()
    prefix = "affiliations"
    data = {
        "name_kk": person.name_kk,
        "name_ru": person.name_ru,
        "name_en": person.name_en,
        "position_kk": "",
        "position_ru": "",
        "position_en": "",
        "biography_kk": "",
        "biography_ru": "",
        "biography_en": "",
        "slug": person.slug,
        "edit_token": edit_token(person),
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-organization": organization.pk,
        f"{prefix}-0-role_kk": "Төраға",
        f"{prefix}-0-role_ru": "Председатель",
        f"{prefix}-0-role_en": "Chairman",
        f"{prefix}-0-start": "2019-03",
        f"{prefix}-0-end": "",
    }

    response = editor_client.post(reverse("admin:articles_person_change", args=[person.pk]), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    affiliation = Person.objects.get(pk=person.pk).affiliations.get()
    assert affiliation.role_en == "Chairman"
    assert affiliation.start_precision == Precision.MONTH


def test_the_admin_loads_no_assets_from_other_hosts(publisher_client):
    article = make_article()

    response = publisher_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    content = response.content.decode()
    assert "jquery-ui" in content
    assert 'src="//' not in content
    assert 'src="http' not in content
    assert 'href="//' not in content


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
