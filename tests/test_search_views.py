"""The search page (/<lang>/search/?q=), the search box on every page and
the article list's text filter, which runs the same engine."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

from articles import views
from articles.caching import versions
from articles.models import Article
from articles.search import query as search_query
from articles.search.query import MAX_QUERY_LENGTH
from tests.factories import make_article, make_organization, make_person
from tests.helpers import HOSTILE

pytestmark = pytest.mark.django_db


def search_url(language: str) -> str:
    with translation.override(language):
        return reverse("articles:search")


def page(client, language: str, **params):
    response = client.get(search_url(language), params)
    assert response.status_code == 200
    return response


def results(response) -> list[str]:
    return [article.slug for article, _ in response.context["results"]]


@pytest.fixture
def story():
    person = make_person(
        name_kk="Қасым-Жомарт Тоқаев",
        name_ru="Касым-Жомарт Токаев",
        name_en="Kassym-Jomart Tokayev",
    )
    return make_article(
        slug="story",
        title_kk="Жемқорлыққа қарсы кеңес",
        body_kk="Агенттігінің өкілдері жемқорлықпен күрес туралы айтты.",
        title_ru="Совет против коррупции",
        body_ru="Представители агентства рассказали о борьбе с коррупцией.",
        title_en="Council against corruption",
        body_en="Agency officials spoke about the fight against corruption.",
        people=[person],
    )


@pytest.mark.parametrize(
    ("language", "query", "marked"),
    [
        ("kk", "жемқорлық", "<mark>Жемқорлыққа</mark>"),
        ("ru", "коррупция", "<mark>коррупцией</mark>"),
        ("en", "corrupt", "<mark>corruption</mark>"),
    ],
)
def test_it_shows_ranked_results_with_highlighted_snippets(client, story, language, query, marked):
    make_article(slug="other")
    response = page(client, language, q=query)
    assert results(response) == ["story"]
    assertContains(response, marked)


def test_it_shows_the_snippet_in_the_readers_language_when_that_version_matches(client, story):
    response = page(client, "ru", q="жемқорлық")  # a Kazakh word: only kk matches
    _, found = response.context["results"][0]
    assert found.language == "kk"
    response = page(client, "ru", q="Токаев")  # the name matches every version
    _, found = response.context["results"][0]
    assert found.language == "ru"


@pytest.mark.parametrize("query", ["Тоқаев", "Токаев", "Tokayev"])
def test_it_shows_the_matching_person_before_the_stories(client, story, query):
    response = page(client, "en", q=query)
    assert [str(entity) for entity in response.context["entities"]] == ["Kassym-Jomart Tokayev"]
    html = response.content.decode()
    assert html.index("search-entities") < html.index("search-results")
    assert results(response) == ["story"]


def test_it_shows_only_published_stories(client):
    make_article(slug="draft", body_en="tender", status=Article.Status.DRAFT)
    make_article(slug="public", body_en="tender")
    assert results(page(client, "en", q="tender")) == ["public"]


def test_it_combines_the_search_with_the_list_filters(client):
    organization = make_organization(slug="agency")
    make_article(slug="with", body_en="tender", organizations=[organization])
    make_article(slug="without", body_en="tender")
    assert results(page(client, "en", q="tender", organization="agency")) == ["with"]


def test_it_asks_for_a_query_on_an_empty_search_page(client, story):
    response = page(client, "en")
    assert response.context["results"] == []
    assertContains(response, "Type a word or a name")


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_it_answers_any_query_with_a_normal_page(client, story, query):
    response = page(client, "ru", q=query)
    assertNotContains(response, "<script>alert(1)</script>")
    value = re.search(r'id="id_q"[^>]*value="([^"]*)"', response.content.decode())
    assert value is None or len(value.group(1)) <= MAX_QUERY_LENGTH * 6  # escaped


def test_it_cuts_a_long_query_instead_of_refusing_it(client, story):
    response = page(client, "ru", q="коррупция " + "x" * 5000)
    assert results(response) == ["story"]
    assert len(response.context["search_query"].text) <= MAX_QUERY_LENGTH


def test_it_escapes_the_text_around_the_highlights(client):
    # Markup written as text in the story (escaped in the stored body).
    make_article(slug="html", body_en="<p>&lt;b&gt;tender&lt;/b&gt; &amp; &lt;script&gt;x</p>")
    response = page(client, "en", q="tender")
    assertContains(response, "&lt;b&gt;<mark>tender</mark>&lt;/b&gt; &amp; &lt;script&gt;")


def test_it_puts_a_search_box_on_every_page(client, story):
    for path in ("/kk/", "/ru/articles/", "/en/articles/story/", "/en/people/"):
        assertContains(client.get(path), 'role="search" method="get" action="/')
        assertContains(client.get(path), 'name="q"')


def count_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as context:
        page(client, "en", **params)
    return sum(1 for query in context.captured_queries if "SAVEPOINT" not in query["sql"])


def test_it_runs_a_fixed_number_of_queries(client, story):
    few = count_queries(client, q="corruption Tokayev")
    for _ in range(30):
        make_article(body_en="corruption", people=story.people.all())
    many = count_queries(client, q="corruption Tokayev")
    # the page cache's content version, which rows 6 filters offer (their
    # ids, found once per content version), the relevance window (found,
    # scored and ordered: counting it needs no query), the page, matching
    # entities, the filters' rows (only people here), the page's stories'
    # attached documents (for snippets found in them), the navigation's
    # sections
    assert (few, many) == (13, 13)


def test_the_article_list_filter_uses_the_search_engine(client, story):
    response = client.get("/ru/articles/", {"q": "коррупцией"})
    assert [article.slug for article in response.context["object_list"]] == ["story"]
    response = client.get("/en/articles/", {"q": "Токаев"})
    assert [article.slug for article in response.context["object_list"]] == ["story"]


def test_it_runs_one_more_query_to_show_matching_people(client, story):
    few = count_queries(client, q="Tokayev")
    for _ in range(30):
        make_article(people=story.people.all())
    many = count_queries(client, q="Tokayev")
    assert (few, many) == (14, 14)  # + the matched person


def set_window(monkeypatch, size: int) -> None:
    monkeypatch.setattr(search_query, "RELEVANCE_WINDOW", size)
    monkeypatch.setattr(views, "RELEVANCE_WINDOW", size)
    cache.clear()  # pages built with the other size
    versions.forget_recent()  # and each process's copies of them


def test_it_says_when_only_the_newest_matches_are_ranked(client, monkeypatch):
    for _ in range(3):
        make_article(body_en="tender")
    set_window(monkeypatch, 2)
    response = page(client, "en", q="tender")
    assert len(results(response)) == 2
    assertContains(response, "At least 2 stories found; the newest 2 are shown")
    assertContains(page(client, "ru", q="tender"), "Найдено не меньше 2 материалов")
    response = client.get("/en/articles/", {"q": "tender"})
    assertContains(response, "At least 2 stories found")
    set_window(monkeypatch, 4)
    response = page(client, "en", q="tender")
    assertContains(response, "3 stories found")
    assertNotContains(response, "At least")
