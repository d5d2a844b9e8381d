"""Article methods the reader relies on: paragraphs, language versions, credits."""

import pytest
from django.utils import translation

from articles.models import Article, Language
from articles.notices import language_notes
from tests.factories import make_article, make_organization

pytestmark = pytest.mark.django_db


def only_in(language: str, **fields) -> Article:
    """An article written in ``language`` and not yet translated."""
    for other in ("kk", "ru", "en"):
        if other != language:
            for field in ("title", "lead", "body"):
                fields.setdefault(f"{field}_{other}", "")
    return make_article(original_language=language, **fields)


# --- body paragraphs ---------------------------------------------------------------


def test_it_splits_the_body_at_empty_lines():
    article = Article(body="First line\nstill first.\n\n\nSecond.\r\n\r\nThird.\n", lead="")

    assert article.body_paragraphs() == ["First line\nstill first.", "Second.", "Third."]


def test_it_drops_a_first_paragraph_that_repeats_the_lead():
    article = Article(lead="The agency  opened a case.", body="the agency opened\na case.\n\nMore.")

    assert article.body_paragraphs() == ["More."]


def test_it_drops_the_leads_sentences_from_the_start_of_the_first_paragraph():
    article = Article(
        lead="Агенттік іс қозғады.",
        body="АГЕНТТІК іс   қозғады. Тергеу жүріп жатыр.\n\nТағы бір абзац.",
    )

    assert article.body_paragraphs() == ["Тергеу жүріп жатыр.", "Тағы бір абзац."]


def test_it_keeps_a_first_paragraph_that_only_resembles_the_lead():
    article = Article(lead="The agency opened a case.", body="The agency opened a case today.")

    assert article.body_paragraphs() == ["The agency opened a case today."]


def test_it_does_not_cut_a_sentence_in_the_middle():
    article = Article(lead="The agency", body="The agency said it had opened a case.")

    assert article.body_paragraphs() == ["The agency said it had opened a case."]


def test_it_has_no_paragraphs_for_an_empty_body():
    assert Article(body="", lead="Lead").body_paragraphs() == []


# --- language versions -------------------------------------------------------------


def test_it_names_the_languages_that_have_their_own_version():
    article = make_article(title_en="")

    assert article.available_languages() == ["kk", "ru"]


def test_it_tells_which_language_each_field_is_shown_in():
    article = make_article(title_en="Story", lead_en="", body_en="", body_ru="")

    assert article.shown_language("title", "en") == "en"
    assert article.shown_language("lead", "en") == "ru"  # en falls back to ru first
    assert article.shown_language("body", "en") == "kk"  # ... then to kk


def test_it_reports_no_fallback_for_a_complete_version():
    article = make_article()

    assert article.fallback_language("en") is None


def test_it_reports_the_language_shown_for_a_missing_version():
    article = only_in("ru")

    assert article.fallback_language("en") == "ru"
    assert article.fallback_language("kk") == "ru"
    assert article.fallback_language("ru") is None


def test_it_reads_the_active_language_by_default():
    article = only_in("kk")

    with translation.override("ru"):
        assert article.fallback_language() == "kk"
        assert article.shown_language("title") == "kk"


def test_it_reports_a_translation_from_the_original_language():
    article = make_article(original_language=Language.KAZAKH)

    assert article.translated_from("ru") == "kk"
    assert article.translated_from("en") == "kk"
    assert article.translated_from("kk") is None


def test_it_reports_no_translation_when_the_original_is_shown_as_a_fallback():
    article = only_in("ru")

    assert article.translated_from("en") is None


# --- credits -------------------------------------------------------------------------


def test_it_credits_each_version_with_its_own_byline_and_source():
    kazinform, interfax = make_organization(), make_organization()
    article = make_article(
        byline_kk="Қазақпарат",
        source_kk=kazinform,
        source_url_kk="https://example.kz/1",
        byline_ru="Интерфакс",
        source_ru=interfax,
    )

    assert article.credits("kk") == ("Қазақпарат", kazinform, "https://example.kz/1")
    assert article.credits("ru") == ("Интерфакс", interfax, "")


def test_it_never_borrows_another_versions_source():
    article = make_article(byline_ru="Интерфакс", source_ru=make_organization())

    with translation.override("en"):
        assert article.credits() == ("", None, "")


# --- language notes ---------------------------------------------------------------


def test_it_notes_a_whole_story_shown_in_another_language():
    article = only_in("ru")

    with translation.override("en"):
        notes = [str(note) for note in language_notes(article)]

    assert notes == ["This story is not yet available in English; showing the Russian version."]


def test_it_notes_parts_shown_in_another_language():
    article = make_article(original_language="en", body_kk="")

    with translation.override("en"):
        notes = [str(note) for note in language_notes(article, "kk")]

    assert notes == [
        "Parts of this story are not yet translated; they are shown in Russian.",
        "Translated from English.",
    ]


def test_it_notes_nothing_for_the_original_version():
    assert language_notes(make_article(original_language="ru"), "ru") == []
