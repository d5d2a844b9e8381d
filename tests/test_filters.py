"""The article list's filters: each one, combined, removable, and safe on bad input."""

from datetime import datetime, timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone, translation
from pytest_django.asserts import assertContains, assertNotContains

from articles.filters import ArticleFilter
from articles.models import Article
from tests.factories import (
    make_article,
    make_initiative,
    make_organization,
    make_person,
)

pytestmark = pytest.mark.django_db


def filtered(query: str, language: str = "en") -> list[Article]:
    """The published articles that ``query`` (a query string) selects."""
    with translation.override(language):
        filterset = ArticleFilter(
            data=QueryDict(query), queryset=Article.objects.published().for_listing()
        )
        assert filterset.is_valid(), filterset.errors
        return list(filterset.qs)


def errors(query: str) -> dict:
    filterset = ArticleFilter(data=QueryDict(query), queryset=Article.objects.published())
    assert not filterset.is_valid()
    return filterset.errors


def at(year: int, month: int, day: int, hour: int = 12) -> datetime:
    """A moment in the site's time zone (Asia/Almaty)."""
    return timezone.make_aware(datetime(year, month, day, hour))


# --- Text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "stored", "query"),
    [
        ("ru", "Коррупция в акимате", "коррупция"),
        ("ru", "коррупция в акимате", "КОРРУПЦИЯ"),
        ("ru", "Ёлка и ёж", "ЁЛКА"),
        ("kk", "Жемқорлыққа қарсы іс-қимыл", "ЖЕМҚОРЛЫҚҚА"),
        ("kk", "ӘКІМДІК пен ҰЙЫМ", "әкімдік ұйым"),
        ("en", "Budget Hearings", "budget HEARINGS"),
    ],
)
def test_it_matches_text_whatever_the_case_in_any_script(language, stored, query):
    article = make_article(**{f"title_{language}": stored})
    make_article()

    assert filtered(f"q={query}", language) == [article]


def test_it_matches_the_lead_and_the_body_too():
    in_lead = make_article(lead_en="A tender was annulled.")
    in_body = make_article(body_en="Later the TENDER was repeated.")
    make_article()

    assert set(filtered("q=tender")) == {in_lead, in_body}


def test_it_needs_every_word_but_in_any_order_or_field():
    both = make_article(title_en="Audit report", body_en="by the Accounts Committee")
    make_article(title_en="Audit only")

    assert filtered("q=committee+audit") == [both]


def test_it_searches_the_text_of_every_language():
    # The search engine (articles/search) matches every language version: a
    # reader may type a word in another language than the page's.
    article = make_article(title_ru="Особый случай", title_en="A case")

    assert filtered("q=особый", "en") == [article]
    assert filtered("q=особый", "ru") == [article]


def test_it_takes_wildcards_literally():
    percent = make_article(title_en="Up 100% in a year")
    make_article(title_en="Up 200 times")

    assert filtered("q=100%25") == [percent]
    assert filtered("q=_") == []


# --- Entities, language, source, dates ------------------------------------------------------


@pytest.mark.parametrize(
    ("param", "make_entity", "link"),
    [
        ("person", make_person, "people"),
        ("organization", make_organization, "organizations"),
        ("initiative", make_initiative, "initiatives"),
    ],
)
def test_it_filters_by_entity_slug(param, make_entity, link):
    entity = make_entity(slug="the-one")
    about = make_article(**{link: [entity]})
    make_article(**{link: [make_entity()]})

    assert filtered(f"{param}=the-one") == [about]


def test_it_offers_only_entities_with_published_stories():
    mentioned, drafted = make_person(slug="mentioned"), make_person(slug="drafted")
    make_article(people=[mentioned])
    make_article(people=[drafted], status=Article.Status.DRAFT)

    assert "person" in errors("person=drafted")
    field = ArticleFilter(queryset=Article.objects.published()).form.fields["person"]
    assert list(field.queryset) == [mentioned]


def test_it_filters_by_original_language():
    russian = make_article(original_language="ru")
    make_article(original_language="kk")

    assert filtered("language=ru") == [russian]


def test_it_filters_by_the_active_languages_own_source():
    agency = make_organization(slug="agency")
    credited_in_russian = make_article(source_ru=agency)
    make_article(source_kk=make_organization())

    assert filtered("source=agency", "ru") == [credited_in_russian]
    with translation.override("kk"):
        assert "source" in errors("source=agency")


def test_it_filters_by_a_date_range_including_both_ends_in_local_time():
    make_article(published_at=at(2024, 2, 29, 23))
    first = make_article(published_at=at(2024, 3, 1, 0))
    last = make_article(published_at=at(2024, 3, 31, 23))
    make_article(published_at=at(2024, 4, 1, 0))

    assert filtered("date_from=2024-03-01&date_to=2024-03-31") == [last, first]


def test_it_filters_from_a_date_or_up_to_a_date():
    old = make_article(published_at=at(2020, 1, 1))
    new = make_article(published_at=at(2024, 1, 1))

    assert filtered("date_from=2023-01-01") == [new]
    assert filtered("date_to=2023-01-01") == [old]


def test_it_filters_by_year():
    make_article(published_at=at(2023, 12, 31))
    in_2024 = make_article(published_at=at(2024, 6, 1))

    assert filtered("year=2024") == [in_2024]


def test_it_combines_filters():
    person, organization = make_person(slug="p"), make_organization(slug="o")
    match = make_article(
        people=[person], organizations=[organization], title_en="Audit", published_at=at(2024, 5, 1)
    )
    make_article(people=[person], title_en="Audit", published_at=at(2024, 5, 1))
    make_article(people=[person], organizations=[organization], title_en="Other")
    make_article(
        people=[person], organizations=[organization], title_en="Audit", published_at=at(2023, 5, 1)
    )

    assert filtered("person=p&organization=o&q=audit&year=2024") == [match]


def test_it_ignores_empty_values():
    article = make_article()

    assert filtered("q=&person=&year=&date_from=") == [article]


def test_it_never_lists_unpublished_stories():
    person = make_person(slug="p")
    make_article(people=[person], status=Article.Status.DRAFT)
    make_article(people=[person], published_at=timezone.now() + timedelta(days=1))
    public = make_article(people=[person])

    assert filtered("person=p") == [public]


# --- The page: active filters, messages ---------------------------------------------------------


def test_it_lists_active_filters_with_links_that_remove_one_each(client):
    make_article(people=[make_person(slug="ivanov", name_en="Ivan Ivanov")], original_language="ru")

    response = client.get("/en/articles/?q=story&person=ivanov&language=ru&page=1")

    assertContains(response, 'href="/en/articles/?person=ivanov&amp;language=ru"')
    assertContains(response, 'href="/en/articles/?q=story&amp;language=ru"')
    assertContains(response, 'href="/en/articles/?q=story&amp;person=ivanov"')
    assertContains(response, "Person: Ivan Ivanov")
    assertContains(response, "Original language: Russian")
    assertContains(response, '<a href="/en/articles/">Remove all filters</a>')


def test_it_shows_no_active_filters_without_any(client):
    make_article()

    assertNotContains(client.get("/en/articles/"), "Active filters")


def test_it_explains_a_reversed_date_range(client):
    make_article()

    response = client.get("/en/articles/?date_from=2024-05-01&date_to=2024-01-01")

    assertContains(response, "The “from” date is after the “to” date.")
    assertContains(response, "0 stories found")
    assertContains(response, "Some filters are not valid")


def test_it_keeps_filters_in_pagination_links(client):
    person = make_person(slug="p")
    for _ in range(21):
        make_article(people=[person])

    response = client.get("/en/articles/?person=p")

    assertContains(response, 'href="?person=p&amp;page=2" rel="next"')


# --- Hostile input ---------------------------------------------------------------------------

LONG = "x" * 10_000

HOSTILE = [
    "person=12abc",
    "person=1",
    "person=../../etc/passwd",
    f"person={LONG}",
    "person=a%00b",
    "person=a&person=b",
    "organization=%00",
    "initiative=' OR 1=1 --",
    "source=%FF%FE",
    "language=xx",
    "language=%00",
    f"q={LONG}",
    "q=a%00b",
    "q=%25%25%25",
    "q=<script>alert(1)</script>",
    "q=" + "+".join(["w"] * 500),
    "year=abc",
    "year=-1",
    "year=0",
    "year=1",
    "year=2024.5",
    "year=1e400",
    "year=99999999999999999999999999999",
    "date_from=2024-13-45",
    "date_from=0001-01-01",
    "date_to=9999-12-31",
    "date_from=99999-01-01",
    f"date_to={LONG}",
    "date_from=2024-05-01&date_to=2024-01-01",
    "unknown=1",
    "page=1",
    "page=last",
]

NOT_FOUND = ["page=99999", "page=0", "page=-1", "page=abc", f"page={10**30}", "page=1%00"]


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_it_answers_hostile_input_with_a_normal_page(client, query, language):
    make_article(people=[make_person(slug="ivanov")])

    response = client.get(f"/{language}/articles/?{query}")

    assert response.status_code == 200
    assert b"<h1>" in response.content


@pytest.mark.parametrize("query", NOT_FOUND)
def test_it_answers_a_page_that_does_not_exist_with_the_404_page(client, query):
    make_article()

    response = client.get(f"/en/articles/?{query}")

    assertContains(response, "Page not found", status_code=404)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("person=12abc", "Select a valid choice."),
        ("year=99999", "Ensure this value is less than or equal to 2100."),
        ("year=abc", "Enter a whole number."),
        ("date_from=2024-13-45", "Enter a valid date."),
        (f"q={LONG}", "Ensure this value has at most 200 characters"),
        ("q=a%00b", "Null characters are not allowed."),
    ],
)
def test_it_says_what_is_wrong_with_a_value(client, query, message):
    response = client.get(f"/en/articles/?{query}")

    assertContains(response, message)
    assertContains(response, "0 stories found")
