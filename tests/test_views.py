"""The public reader site: every page, in every language, published content only."""

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.template import loader
from django.utils import timezone, translation
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Affiliation, Article, Initiative
from articles.partial_dates import Precision
from tests.factories import (
    make_article,
    make_initiative,
    make_organization,
    make_person,
)
from tests.helpers import LANGUAGES, html, url, url_of
from tests.reader_pages import PAGE_NAMES, LinkedStories, make_linked_stories, pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked_stories() -> LinkedStories:
    return make_linked_stories()


def key_text(stories: LinkedStories, what: str, language: str) -> str:
    if what == "title":
        return getattr(stories.article, f"title_{language}")
    return getattr(getattr(stories, what), f"name_{language}")


# --- Every page, every language ------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGE_NAMES)
def test_it_serves_every_page_in_every_language(client, linked_stories, page, language):
    name, kwargs, what = pages(linked_stories)[page]
    path = url(name, language, **kwargs)

    response = client.get(path)

    assertContains(response, f'<html lang="{language}">')
    assertContains(response, f'<link rel="canonical" href="http://testserver{path}">')
    for code in LANGUAGES:
        alternate = f"http://testserver{url(name, code, **kwargs)}"
        assertContains(response, f'<link rel="alternate" hreflang="{code}" href="{alternate}">')
    x_default = f"http://testserver{url(name, 'kk', **kwargs)}"
    assertContains(response, f'<link rel="alternate" hreflang="x-default" href="{x_default}">')
    assertContains(response, f'<meta property="og:url" content="http://testserver{path}">')
    assertContains(response, '<meta property="og:title"')
    assertContains(response, '<meta property="og:description"')
    assertContains(response, f'<meta property="og:locale" content="{language}_')
    assertContains(response, '<meta property="og:locale:alternate"', count=2)
    assertContains(response, key_text(linked_stories, what, language))


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_it_builds_every_page_on_accessible_landmarks(client, linked_stories, page):
    name, kwargs, _what = pages(linked_stories)[page]

    content = html(client.get(url(name, "kk", **kwargs)))

    assert content.count("<h1") == 1
    assert '<a class="skip-link" href="#main">' in content
    for landmark in ('<header class="site-header">', '<main id="main"', "<footer"):
        assert landmark in content
    # A strict Content-Security-Policy comes later: nothing inline. JSON-LD is
    # data that no browser runs, so script-src does not apply to it.
    assert "<style" not in content and " style=" not in content
    assert set(re.findall(r"<script[^>]*>", content)) <= {'<script type="application/ld+json">'}
    # One stylesheet, from this site (hashed by the manifest storage when collected).
    assert (
        len(re.findall(r'<link rel="stylesheet" href="/static/css/site(\.\w+)?\.css">', content))
        == 1
    )
    assert content.count('rel="stylesheet"') == 1


def test_it_marks_the_article_page_as_an_article_for_open_graph(client, linked_stories):
    response = client.get(url("detail", "en", slug=linked_stories.article.slug))

    assertContains(response, '<meta property="og:type" content="article">')
    assertContains(response, '<meta property="article:published_time"')
    assertContains(
        response, f'<meta property="og:description" content="{linked_stories.article.lead_en}">'
    )


def test_it_keeps_the_page_number_in_the_canonical_url_and_drops_filters(client):
    for _ in range(21):
        make_article()

    response = client.get("/ru/articles/?page=2&q=Новость")

    assertContains(response, '<link rel="canonical" href="http://testserver/ru/articles/?page=2">')
    assertContains(response, '<meta name="robots" content="noindex, follow">')


# --- / and the language switcher -------------------------------------------------------


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("ru-RU,ru;q=0.9,en;q=0.8", "/ru/"),
        ("en-US,en;q=0.9", "/en/"),
        ("kk", "/kk/"),
        ("de-DE,de;q=0.9", "/kk/"),
        ("", "/kk/"),
    ],
)
def test_it_redirects_the_root_to_the_readers_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})

    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_it_switches_language_on_the_same_object(client, linked_stories, page):
    name, kwargs, _what = pages(linked_stories)[page]

    content = html(client.get(url(name, "kk", **kwargs)))

    for code in ("ru", "en"):
        assert f'<a href="{url(name, code, **kwargs)}" lang="{code}" hreflang="{code}">' in content


def test_it_keeps_the_query_string_when_switching_language(client, linked_stories):
    content = html(client.get("/kk/articles/?person=ivanov&year=2025"))

    assert 'href="/en/articles/?person=ivanov&amp;year=2025"' in content


def test_it_switches_the_language_of_a_404_page(client):
    response = client.get("/ru/articles/no-such-story/")

    assertContains(response, 'href="/en/articles/no-such-story/" lang="en"', status_code=404)


# --- Not found ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "detail",
        "person-detail",
        "organization-detail",
        "initiative-detail",
        "section",
        "topic",
        "author",
    ],
)
def test_it_answers_404_for_an_unknown_slug(client, name):
    response = client.get(url(name, "en", slug="no-such-thing"))

    assertContains(response, "Page not found", status_code=404)
    assertContains(response, '<html lang="en">', status_code=404)


@pytest.mark.parametrize("slug", ["draft", "scheduled", "in-review"])
def test_it_answers_404_for_an_article_that_is_not_public(client, linked_stories, slug):
    make_article(slug="in-review", status=Article.Status.IN_REVIEW)

    response = client.get(url("detail", "kk", slug=slug))

    assert response.status_code == 404


def test_it_shows_the_404_page_in_the_readers_language(client):
    response = client.get("/ru/no/such/page/")

    assertContains(response, '<html lang="ru">', status_code=404)
    assertContains(response, '<meta name="robots" content="noindex">', status_code=404)
    assertNotContains(response, 'rel="canonical"', status_code=404)


def test_it_renders_the_500_page_without_a_request_or_database():
    with translation.override("ru"):
        content = loader.get_template("500.html").render()

    assert '<html lang="ru">' in content
    assert "<h1>" in content


def test_it_answers_404_for_a_page_number_past_the_end(client, linked_stories):
    assert client.get("/en/articles/?page=99999").status_code == 404
    assert client.get(url("person-detail", "en", slug="ivanov") + "?page=2").status_code == 404


# --- Published content only ------------------------------------------------------------


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_it_shows_no_draft_or_scheduled_story_anywhere(client, linked_stories, page):
    name, kwargs, _what = pages(linked_stories)[page]

    response = client.get(url(name, "en", **kwargs))

    assertNotContains(response, "DRAFT")
    assertNotContains(response, "SCHEDULED")
    assertNotContains(response, "/articles/draft/")
    assertNotContains(response, "/articles/scheduled/")


@pytest.mark.parametrize("name", ["person-list", "organization-list", "initiative-list"])
def test_it_counts_only_published_stories_in_entity_lists(client, linked_stories, name):
    response = client.get(url(name, "en"))

    assertContains(response, "1 story")
    assertNotContains(response, "3 stories")


def test_it_relates_only_published_stories(client, linked_stories):
    make_article(people=[linked_stories.person], title_en="RELATED")

    response = client.get(url("detail", "en", slug=linked_stories.article.slug))

    assertContains(response, "RELATED")
    assertNotContains(response, "DRAFT")


# --- Home ------------------------------------------------------------------------------------


def test_it_shows_the_latest_stories_active_initiatives_and_who_is_in_the_news(client):
    busy, quiet = make_person(name_en="Busy Person"), make_person(name_en="Quiet Person")
    make_article(people=[busy], title_en="Old news", published_at=timezone.now() - timedelta(9))
    make_article(people=[busy, quiet], title_en="Fresh news")
    make_initiative(name_en="Active Initiative", status=Initiative.Status.ACTIVE)
    make_initiative(name_en="Finished Initiative", status=Initiative.Status.COMPLETED)

    content = html(client.get("/en/"))

    assert content.index("Fresh news") < content.index("Old news")
    assert "Active Initiative" in content and "Finished Initiative" not in content
    assert content.index("Busy Person") < content.index("Quiet Person")


# --- Article page ----------------------------------------------------------------------------


def test_it_renders_a_plain_body_as_paragraphs_without_repeating_the_lead(client):
    article = make_article(
        lead_en="The agency opened a case.",
        body_en="The agency opened a case.\n\nFirst <b>real</b> paragraph,\nsecond line.\n\nLast.",
    )

    content = html(client.get(url("detail", "en", slug=article.slug)))

    assert '<p class="lead standfirst" lang="en">The agency opened a case.</p>' in content
    assert "<p>The agency opened a case.</p>" not in content
    # Inline markup in text without blocks keeps the text's paragraphs.
    assert "<p>First <strong>real</strong> paragraph,<br>second line.</p>" in content
    assert "<p>Last.</p>" in content


def test_it_shows_date_byline_source_and_links(client, linked_stories):
    source = make_organization(slug="kazinform", name_ru="Казинформ")
    article = make_article(
        published_at=timezone.make_aware(datetime(2024, 3, 5, 12)),
        byline_ru="Иван Петров",
        source_ru=source,
        source_url_ru="https://example.kz/news/1",
        people=[linked_stories.person],
        organizations=[linked_stories.organization],
        initiatives=[linked_stories.initiative],
    )

    response = client.get(url("detail", "ru", slug=article.slug))

    assertContains(response, "5 марта 2024")
    assertContains(response, "Иван Петров")
    assertContains(response, '<a href="/ru/organizations/kazinform/">Казинформ</a>')
    assertContains(response, 'href="https://example.kz/news/1"')
    for entity in (linked_stories.person, linked_stories.organization, linked_stories.initiative):
        assertContains(response, f'<a href="{url_of(entity, "ru")}">{entity.name_ru}</a>')


def test_it_shows_dates_in_kazakh_conventions(client):
    article = make_article(published_at=timezone.make_aware(datetime(2024, 3, 5, 12)))

    assertContains(client.get(url("detail", "kk", slug=article.slug)), "2024 ж. 5 наурыз")


def test_it_shows_no_source_borrowed_from_another_language(client):
    article = make_article(source_ru=make_organization(name_en="Interfax"), byline_ru="Интерфакс")

    response = client.get(url("detail", "en", slug=article.slug))

    assertNotContains(response, "Interfax")
    assertNotContains(response, "Интерфакс")


def test_it_notes_a_story_shown_in_another_language(client):
    article = make_article(original_language="ru", title_en="", lead_en="", body_en="")

    response = client.get(url("detail", "en", slug=article.slug))

    assertContains(
        response, "This story is not yet available in English; showing the Russian version."
    )
    assertContains(response, f'<h1 lang="ru">{article.title_ru}</h1>')


def test_it_notes_a_translation(client):
    article = make_article(original_language="kk")

    response = client.get(url("detail", "en", slug=article.slug))

    assertContains(response, "Translated from Kazakh.")


def test_it_links_the_story_in_its_other_languages_only(client):
    article = make_article(title_en="", lead_en="", body_en="")

    content = html(client.get(url("detail", "kk", slug=article.slug)))

    assert f'<a href="/ru/articles/{article.slug}/" hreflang="ru">' in content
    assert f'<a href="/en/articles/{article.slug}/" hreflang="en">' not in content


def test_it_shows_a_fixed_number_of_related_stories(client, linked_stories):
    for _ in range(8):
        make_article(people=[linked_stories.person])

    content = html(client.get(url("detail", "en", slug=linked_stories.article.slug)))
    related = content[content.index('id="related-heading"') :]

    assert related.count('<article class="card">') == 5


# --- Entity pages ------------------------------------------------------------------------------


def test_it_shows_a_persons_affiliations_and_stories_newest_first(client, linked_stories):
    Affiliation.objects.filter(person=linked_stories.person).update(
        start_date=date(2019, 1, 1), start_precision=Precision.YEAR
    )
    older = make_article(
        people=[linked_stories.person], published_at=timezone.now() - timedelta(days=3)
    )

    content = html(client.get(url("person-detail", "ru", slug="ivanov")))

    assert "Председатель" in content
    assert "2019 –" in content
    assert content.index(linked_stories.article.title_ru) < content.index(older.title_ru)


def test_it_paginates_a_persons_stories(client, linked_stories):
    for _ in range(25):
        make_article(people=[linked_stories.person])

    first = html(client.get(url("person-detail", "en", slug="ivanov")))
    second = html(client.get(url("person-detail", "en", slug="ivanov") + "?page=2"))

    assert first.count('<article class="card">') == 20
    assert second.count('<article class="card">') == 6
    assert "26 stories" in first


def test_it_shows_an_organizations_people_parent_and_sub_organizations(client, linked_stories):
    parent = make_organization(name_en="The Ministry")
    child = make_organization(name_en="Regional Office", parent=linked_stories.organization)
    linked_stories.organization.parent = parent
    linked_stories.organization.save()

    response = client.get(url("organization-detail", "en", slug="agency"))

    assertContains(response, linked_stories.person.name_en)
    assertContains(response, "The Ministry")
    assertContains(response, child.name_en)


def test_it_shows_an_initiatives_status_and_timeline_oldest_first(client, linked_stories):
    linked_stories.initiative.status = Initiative.Status.COMPLETED
    linked_stories.initiative.save()
    first = make_article(
        initiatives=[linked_stories.initiative],
        published_at=timezone.make_aware(datetime(2023, 5, 10)),
        title_en="How it began",
    )

    content = html(client.get(url("initiative-detail", "en", slug="open-budget")))

    assert "Completed" in content
    assert "May 2023" in content
    assert content.index(first.title_en) < content.index(linked_stories.article.title_en)


def test_it_uses_no_html_from_the_data(client):
    article = make_article(title_en="<script>alert(1)</script>")

    content = html(client.get(url("detail", "en", slug=article.slug)))

    assert "<script>" not in content
    assert re.search(r"&lt;script&gt;alert\(1\)&lt;/script&gt;", content)


# --- Interface language --------------------------------------------------------------------

LOCALE_DIR = Path(settings.BASE_DIR) / "articles" / "locale"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "kk",
            ["Барлық жаңалықтар", "Жаңалықтардағы тұлғалар", "1 материал", "Негізгі мазмұнға өту"],
        ),
        ("ru", ["Все новости", "Персоны в новостях", "1 материал", "Перейти к основному"]),
        ("en", ["All news", "People in the news", "1 story", "Skip to main content"]),
    ],
)
def test_it_speaks_the_readers_language(client, linked_stories, language, expected):
    content = html(client.get(url("home", language)))

    for text in expected:
        assert text in content


@pytest.mark.parametrize(
    ("count", "expected"), [(1, "1 материал"), (3, "3 материала"), (5, "5 материалов")]
)
def test_it_counts_stories_in_russian_plural_forms(client, count, expected):
    person = make_person(slug="counted")
    for _ in range(count):
        make_article(people=[person])

    assertContains(client.get(url("person-detail", "ru", slug="counted")), expected)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_it_has_every_interface_string_translated(language):
    """articles/locale holds the app's and the templates' strings: after
    `make messages`, every new one needs a Kazakh and a Russian translation."""
    catalog = (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = catalog.split("\n\n")[1:]

    fuzzy = [entry for entry in entries if re.search(r"^#,.*\bfuzzy\b", entry, re.MULTILINE)]
    empty = [
        entry for entry in entries if re.search(r'^msgstr(\[\d\])? ""\n?\Z', entry, re.MULTILINE)
    ]

    assert not fuzzy, fuzzy
    assert not empty, empty
