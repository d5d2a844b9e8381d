"""Translation status: when each language version was last edited, on every
save path; missing, incomplete, out of date or complete, in Python and SQL;
the changelist column and filter; the translations page; and the rule that
publishing needs a title and a lead in every language."""

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from articles.importing import article_import, parse_story
from articles.models import (
    LANGUAGE_CODES,
    TRANSLATION_WORK,
    Article,
    TranslationStatus,
)
from articles.services import article_publish
from tests.factories import make_article, make_user
from tests.helpers import ROLES, article_form_data

pytestmark = pytest.mark.django_db

MISSING, INCOMPLETE, OUT_OF_DATE, COMPLETE = (
    TranslationStatus.MISSING,
    TranslationStatus.INCOMPLETE,
    TranslationStatus.OUT_OF_DATE,
    TranslationStatus.COMPLETE,
)


def without(language: str) -> dict:
    return {f"{field}_{language}": "" for field in ("title", "lead", "body")}


def edit_times(article: Article) -> dict[str, datetime | None]:
    article.refresh_from_db()
    return {code: getattr(article, f"edited_at_{code}") for code in LANGUAGE_CODES}


# --- Edit times ------------------------------------------------------------------------


def test_a_new_article_is_edited_in_the_languages_it_has_text_in():
    article = make_article(**without("en"))

    times = edit_times(article)

    assert times["kk"] is not None
    assert times["kk"] == times["ru"]
    assert times["en"] is None


def test_an_edit_moves_only_its_languages_time():
    before = edit_times(make_article())
    article = Article.objects.get()

    article.body_ru = "Новый текст"
    article.save()

    after = edit_times(article)
    assert after["ru"] > before["ru"]
    assert (after["kk"], after["en"]) == (before["kk"], before["en"])


def test_a_save_that_changes_no_text_keeps_every_time():
    article = make_article(status=Article.Status.DRAFT)
    before = edit_times(article)

    article_publish(articles=Article.objects.all(), user=make_user(role="Publisher"))
    Article.objects.get().save()

    assert edit_times(article) == before


def test_a_save_of_some_fields_saves_the_edit_time_too():
    article = make_article()
    before = edit_times(article)

    article.title_en = "A new headline"
    article.save(update_fields=["title_en"])

    after = edit_times(Article.objects.get())
    assert after["en"] > before["en"]
    assert after["kk"] == before["kk"]


def test_a_text_loaded_later_is_compared_from_then_on():
    make_article()
    article = Article.objects.only("pk", "slug").get()
    before = edit_times(Article.objects.get())

    article.title_kk = article.title_kk  # loads the deferred column, changes nothing
    article.save()
    assert edit_times(Article.objects.get()) == before

    article.title_kk = "Жаңа тақырып"
    article.save()
    assert edit_times(Article.objects.get())["kk"] > before["kk"]


def test_an_imported_story_is_edited_in_its_language_only():
    story = parse_story(
        "Заголовок новости\n"
        "Агентство сообщило о новых мерах по противодействию коррупции в регионах.\n"
        "Второй абзац текста новости о работе агентства и общественных советов.\n"
    )

    article = article_import(story=story).article

    statuses = article.translation_statuses()
    assert article.original_language == "ru"
    assert edit_times(article)["ru"] is not None
    assert statuses == {"kk": MISSING, "ru": COMPLETE, "en": MISSING}


@pytest.mark.parametrize("role", ROLES)
def test_an_edit_in_the_admin_moves_only_the_edited_languages_time(client, role):
    client.force_login(make_user(role=role))
    article = make_article(status=Article.Status.DRAFT)
    before = edit_times(article)
    unchanged = {
        f"{field}_{code}": getattr(article, f"{field}_{code}")
        for field in ("title", "lead", "body")
        for code in LANGUAGE_CODES
    }

    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(article, **{**unchanged, "lead_kk": "Жаңа лид"}),
    )

    assert response.status_code == 302
    after = edit_times(article)
    assert after["kk"] > before["kk"]
    assert (after["ru"], after["en"]) == (before["ru"], before["en"])


# --- Statuses -----------------------------------------------------------------------


def test_each_language_is_missing_incomplete_out_of_date_or_complete():
    article = make_article(**without("en"), lead_ru="")
    assert article.translation_statuses() == {"kk": COMPLETE, "ru": INCOMPLETE, "en": MISSING}

    article.lead_ru = "Лид"
    article.title_en, article.lead_en, article.body_en = "Story", "Lead", "Body"
    article.save()
    assert article.translation_statuses() == {"kk": COMPLETE, "ru": COMPLETE, "en": COMPLETE}

    article.body_kk = "Түпнұсқа өзгерді."
    article.save()
    assert article.translation_statuses() == {
        "kk": COMPLETE,
        "ru": OUT_OF_DATE,
        "en": OUT_OF_DATE,
    }

    article.body_ru = "Перевод обновлён."
    article.save()
    assert article.translation_status("ru") == COMPLETE
    assert article.translation_status("en") == OUT_OF_DATE


def test_out_of_date_is_relative_to_the_original_language():
    article = make_article(original_language="ru")
    article.body_kk = "Аударма өзгерді."
    article.save()

    assert article.translation_statuses() == {"kk": COMPLETE, "ru": COMPLETE, "en": COMPLETE}

    article.body_ru = "Оригинал изменён."
    article.save()

    assert article.translation_statuses() == {
        "kk": OUT_OF_DATE,
        "ru": COMPLETE,
        "en": OUT_OF_DATE,
    }


def test_a_version_without_an_edit_time_is_not_out_of_date():
    # Rows written around save() (bulk_create, raw loads) have no times.
    article = make_article()
    Article.objects.filter(pk=article.pk).update(edited_at_ru=None)

    assert Article.objects.get().translation_status("ru") == COMPLETE


def test_the_database_agrees_with_the_model_on_every_status():
    """Every combination of text and edit times, filtered and annotated in
    SQL, gives what Article.translation_status gives."""
    base = datetime(2024, 1, 1, tzinfo=UTC)
    texts = {"none": without, "some": lambda c: {f"lead_{c}": ""}, "all": lambda c: {}}
    times = [None, base, base + timedelta(hours=1)]
    for original, ru_text, ru_time, kk_time in itertools.product(("kk", "ru"), texts, times, times):
        article = make_article(original_language=original, **texts[ru_text]("ru"))
        Article.objects.filter(pk=article.pk).update(edited_at_ru=ru_time, edited_at_kk=kk_time)
    articles = list(Article.objects.with_translation_statuses())

    for code in LANGUAGE_CODES:
        for status in TRANSLATION_WORK:
            expected = {a.pk for a in articles if a.translation_status(code) == status}
            assert (
                set(Article.objects.translation_status(code, status).values_list("pk", flat=True))
                == expected
            ), (code, status)
        for article in articles:
            assert getattr(article, f"translation_{code}") == article.translation_status(code)
    needing = {a.pk for a in articles if set(a.translation_statuses().values()) != {COMPLETE}}
    assert set(Article.objects.needing_translation().values_list("pk", flat=True)) == needing
    assert len({a.translation_status("ru") for a in articles}) == 4


# --- Admin: changelist and translations page -------------------------------------------


def make_outdated_article(**fields) -> Article:
    article = make_article(**fields)
    article.body_kk = "Түпнұсқа өзгерді."
    article.save()
    return article


@pytest.mark.parametrize("role", ROLES)
def test_the_changelist_shows_and_filters_by_translation_status(client, role):
    client.force_login(make_user(role=role))
    complete = make_article(title_kk="Толық")
    outdated = make_outdated_article(title_kk="Ескірген")
    missing = make_article(**{**without("en"), "title_kk": "Ағылшынсыз"})
    with translation.override("en"):
        url = reverse("admin:articles_article_changelist")

    content = client.get(url).content.decode()
    assert "RU: out of date; EN: out of date" in content
    assert "EN: missing" in content

    def titles(value: str) -> set[str]:
        response = client.get(url, {"translation": value})
        return {article.title_kk for article in response.context["cl"].result_list}

    assert titles("ru-out_of_date") == {outdated.title_kk}
    assert titles("en-missing") == {missing.title_kk}
    assert titles("any") == {outdated.title_kk, missing.title_kk}
    assert complete.title_kk in {a.title_kk for a in client.get(url).context["cl"].result_list}


@pytest.mark.parametrize("role", ROLES)
def test_the_article_page_shows_each_languages_state(client, role):
    client.force_login(make_user(role=role))
    article = make_outdated_article(**without("en"))

    with translation.override("en"):
        response = client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert "KK: complete · RU: out of date · EN: missing" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_the_translations_page_lists_what_needs_translating_by_language(client, role):
    client.force_login(make_user(role=role))
    make_article(title_kk="Толық")
    outdated = make_outdated_article(title_kk="Ескірген")
    missing = make_article(**{**without("en"), "title_kk": "Ағылшынсыз"})

    response = client.get(reverse("admin:articles_article_translations"))

    assert response.status_code == 200
    groups = {group["code"]: group for group in response.context["groups"]}
    assert groups["kk"]["states"] == []
    assert [(s["status"], s["articles"]) for s in groups["ru"]["states"]] == [
        (OUT_OF_DATE, [outdated])
    ]
    assert [(s["status"], s["articles"]) for s in groups["en"]["states"]] == [
        (MISSING, [missing]),
        (OUT_OF_DATE, [outdated]),
    ]
    content = response.content.decode()
    assert reverse("admin:articles_article_change", args=[outdated.pk]) in content
    assert "Толық" not in content


def test_the_changelist_links_to_the_translations_page(client):
    client.force_login(make_user(role="Editor"))

    content = client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert reverse("admin:articles_article_translations") in content


def test_the_translations_page_runs_a_fixed_number_of_queries(client):
    client.force_login(make_user(role="Editor"))
    url = reverse("admin:articles_article_translations")
    make_outdated_article()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)

    for _ in range(20):
        make_outdated_article()
        make_article(**without("ru"))
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_the_translations_page_is_for_staff_only(client):
    url = reverse("admin:articles_article_translations")

    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))

    staff = make_user()  # staff, but with no permission on articles
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    assert client.get(url).status_code == 403


# --- Publishing needs every language ------------------------------------------------------


def test_publishing_refuses_articles_without_a_title_or_lead_in_every_language():
    publisher = make_user(role="Publisher")
    complete = make_article(status=Article.Status.DRAFT)
    incomplete = make_article(status=Article.Status.DRAFT, lead_en="")

    with pytest.raises(ValidationError) as refused:
        article_publish(articles=[complete, incomplete], user=publisher)

    assert refused.value.code == "incomplete"
    assert str(incomplete) in refused.value.message

    assert not Article.objects.published().exists()


def test_a_publisher_may_publish_without_every_translation_deliberately():
    incomplete = make_article(status=Article.Status.DRAFT, **without("en"))

    count = article_publish(
        articles=[incomplete], user=make_user(role="Publisher"), allow_incomplete=True
    )

    assert count == 1
    assert Article.objects.published().get() == incomplete


def test_a_missing_body_does_not_stop_publication():
    article = make_article(status=Article.Status.DRAFT, body_en="")

    article_publish(articles=[article], user=make_user(role="Publisher"))

    assert Article.objects.published().exists()
