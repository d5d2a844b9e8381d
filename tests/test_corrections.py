"""Corrections: dated, translated notes at the end of a published story and in
the feeds, kept whatever later happens to the story, and edited in the
article's admin page."""

import re
from datetime import date

import feedparser
import pytest
import reversion
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from reversion.models import Version

from articles.models import Article, Correction
from tests.factories import make_article, make_user
from tests.helpers import LANGUAGES, article_form_data

pytestmark = pytest.mark.django_db


def page(client, article: Article, language: str) -> str:
    with translation.override(language):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def correct(article: Article, day: date, **texts) -> Correction:
    return article.corrections.create(date=day, **texts)


@pytest.mark.parametrize("language", LANGUAGES)
def test_corrections_end_the_story_oldest_first_dated_in_the_pages_language(client, language):
    article = make_article(**{f"body_{code}": f"Story text {code}." for code in LANGUAGES})
    later = correct(
        article,
        date(2024, 3, 5),
        text_kk="Кейінгі түзету.",
        text_ru="Более позднее исправление.",
        text_en="A later correction.",
    )
    earlier = correct(
        article,
        date(2024, 3, 1),
        text_kk="Бірінші түзету.",
        text_ru="Первое исправление.",
        text_en="The first correction.",
    )

    content = page(client, article, language)

    section = content[content.index('<section class="corrections"') :]
    section = section[: section.index("</section>")]
    with translation.override(language):
        days = [date_format(c.date, "DATE_FORMAT") for c in (earlier, later)]
    texts = [getattr(c, f"text_{language}") for c in (earlier, later)]
    assert re.findall(r'<time datetime="([\d-]+)">([^<]+)</time>: ([^<]+)</li>', section) == [
        (c.date.isoformat(), day, text)
        for c, day, text in zip((earlier, later), days, texts, strict=True)
    ]
    # After the story's text, inside the article.
    assert content.index("Story text") < content.index("corrections-heading")
    assert content.index("corrections-heading") < content.index("</article>")


def test_kazakh_dates_are_written_the_kazakh_way(client):
    article = make_article()
    correct(article, date(2024, 3, 5), text_kk="Түзету.")

    assert "2024 ж. 5 наурыз" in page(client, article, "kk")


def test_a_correction_in_one_language_is_shown_in_the_others(client):
    article = make_article()
    correct(article, date(2024, 3, 5), text_kk="Тек қазақша түзету.")

    assert "Тек қазақша түзету." in page(client, article, "en")


def test_a_story_without_corrections_has_no_corrections_section(client):
    article = make_article()

    assert "corrections-heading" not in page(client, article, "ru")


def test_a_correction_is_text_not_html(client):
    article = make_article()
    correct(article, date(2024, 3, 5), text_en="<script>alert(1)</script>\nSecond line")

    content = page(client, article, "en")

    assert "<script>alert(1)" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Second line" in content


def test_the_story_page_runs_a_fixed_number_of_queries_however_many_corrections(client):
    def queries(article: Article) -> int:
        with translation.override("ru"):
            url = article.get_absolute_url()
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    few, many = make_article(), make_article()
    correct(few, date(2024, 1, 1), text_ru="Одно.")
    for day in range(1, 29):
        correct(many, date(2024, 2, day), text_ru=f"Исправление {day}.")

    assert queries(few) == queries(many)


@pytest.mark.parametrize("feed", ["articles:feed", "articles:feed-atom"])
def test_the_feeds_append_corrections_to_the_description(client, feed):
    article = make_article(lead_en="What happened.")
    correct(article, date(2024, 3, 5), text_en="The date was wrong.")
    with translation.override("en"):
        url = reverse(feed)

    entry = feedparser.parse(client.get(url).content).entries[0]

    assert entry.summary.startswith("What happened.")
    assert "Correction, March 5, 2024:" in entry.summary
    assert "The date was wrong." in entry.summary


# --- Kept whatever happens to the story ---------------------------------------------


def test_corrections_are_kept_when_the_story_is_edited(client):
    client.force_login(make_user(role="Editor"))
    article = make_article()
    correction = correct(article, date(2024, 3, 5), text_kk="Түзету.")

    article.body_kk = "Мәтін өзгерді."
    article.save()
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(article, title_kk="Жаңа тақырып"),
    )

    assert response.status_code == 302
    assert list(Article.objects.get().corrections.all()) == [correction]


def test_corrections_are_kept_when_an_earlier_version_is_restored(client):
    client.force_login(make_user(role="Publisher"))
    with reversion.create_revision():
        article = make_article(title_kk="Бірінші нұсқа")
    with reversion.create_revision():
        article.title_kk = "Екінші нұсқа"
        article.save()
    correction = correct(article, date(2024, 3, 5), text_kk="Түзету.")
    first = Version.objects.get_for_object(article).last()

    response = client.post(
        reverse("admin:articles_article_revision", args=[article.pk, first.pk]),
        article_form_data(article, title_kk="Бірінші нұсқа"),
    )

    assert response.status_code == 302
    assert Article.objects.get().title_kk == "Бірінші нұсқа"
    assert list(Article.objects.get().corrections.all()) == [correction]


# --- In the admin ------------------------------------------------------------------------


def correction_form_data(article: Article, rows: list[dict]) -> dict:
    data = article_form_data(article)
    data["corrections-TOTAL_FORMS"] = str(len(rows))
    data["corrections-INITIAL_FORMS"] = str(sum(1 for row in rows if row.get("id")))
    for index, row in enumerate(rows):
        fields = {"id": "", "article": article.pk, "date": "2024-03-05"}
        fields |= {f"text_{code}": "" for code in LANGUAGES}
        fields |= row
        for name, value in fields.items():
            data[f"corrections-{index}-{name}"] = value
    return data


@pytest.mark.parametrize("role", ["Editor", "Publisher"])
def test_both_roles_add_a_correction_on_the_article_page(client, role):
    client.force_login(make_user(role=role))
    article = make_article()

    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        correction_form_data(article, [{"text_ru": "Дата встречи — 20 мая."}]),
    )

    assert response.status_code == 302
    correction = Correction.objects.get()
    assert (correction.article, correction.date) == (article, date(2024, 3, 5))
    assert correction.text_ru == "Дата встречи — 20 мая."


def test_a_correction_needs_text_in_some_language(client):
    client.force_login(make_user(role="Editor"))
    article = make_article()

    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        correction_form_data(article, [{"date": "2024-03-05"}]),
    )

    assert response.status_code == 200
    assert not Correction.objects.exists()


@pytest.mark.parametrize(("role", "deleted"), [("Editor", False), ("Publisher", True)])
def test_only_a_publisher_removes_a_correction_of_a_published_story(client, role, deleted):
    client.force_login(make_user(role=role))
    article = make_article()
    correction = correct(article, date(2024, 3, 5), text_kk="Түзету.")

    client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        correction_form_data(
            article, [{"id": correction.pk, "text_kk": "Түзету.", "DELETE": "on"}]
        ),
    )

    assert Correction.objects.filter(pk=correction.pk).exists() is not deleted


def test_an_editor_removes_a_correction_of_a_draft(client):
    client.force_login(make_user(role="Editor"))
    article = make_article(status=Article.Status.DRAFT)
    correction = correct(article, date(2024, 3, 5), text_kk="Түзету.")

    client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        correction_form_data(
            article, [{"id": correction.pk, "text_kk": "Түзету.", "DELETE": "on"}]
        ),
    )

    assert not Correction.objects.exists()
