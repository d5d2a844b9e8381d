"""The search engine on the database: matching, ranking, names, published
content only, and an index that stays current on every write path.

The suite runs on SQLite (FTS5) and PostgreSQL (GIN); these tests are the
same on both, and so must their results be.
"""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article
from articles.search import query as search_query
from articles.search.models import EntityDocument, SearchDocument
from articles.search.query import matching_entities, parse, rank
from articles.services import article_publish
from tests.factories import (
    make_article,
    make_initiative,
    make_organization,
    make_person,
    make_user,
)
from tests.helpers import HOSTILE

pytestmark = pytest.mark.django_db


def search(text: str) -> list[Article]:
    return list(rank(Article.objects.published(), parse(text)))


def slugs(text: str) -> list[str]:
    return [article.slug for article in search(text)]


@pytest.fixture
def stories():
    """One story per language about one word, and a story about nothing."""
    return {
        "kk": make_article(
            slug="kk",
            title_kk="Партиясының жиыны",
            body_kk="Агенттігінің өкілдері жемқорлыққа қарсы күрес туралы айтты.",
            title_ru="",
            title_en="",
        ),
        "ru": make_article(
            slug="ru",
            title_ru="Доклад",
            body_ru="Агентство рассказало о борьбе с коррупцией и о коррупционных рисках.",
            title_kk="",
            title_en="",
        ),
        "en": make_article(
            slug="en",
            title_en="Report",
            body_en="Officials were accused of corruption.",
            title_kk="",
            title_ru="",
        ),
        "other": make_article(slug="other", body_kk="Ауа райы жақсы.", body_ru="Погода хорошая."),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("жемқорлық", ["kk"]),
        ("жемқорлықпен", ["kk"]),
        ("жемқорлықты", ["kk"]),
        ("партия", ["kk"]),
        ("агенттік", ["kk"]),
        ("коррупция", ["ru"]),
        ("коррупции", ["ru"]),
        ("corrupt", ["en"]),
        ("corruption", ["en"]),
    ],
)
def test_it_finds_a_word_in_any_form(stories, query, expected):
    assert slugs(query) == expected


def test_it_finds_the_russian_adjective_from_the_noun():
    make_article(slug="adj", body_ru="Выявлено пять коррупционных схем.")
    make_article(slug="noise", body_ru="Корпорация выросла.")
    assert slugs("коррупция") == ["adj"]


def test_it_needs_every_word_of_the_query(stories):
    assert slugs("агенттік жемқорлық") == ["kk"]
    assert slugs("агенттік погода") == []


@pytest.fixture
def tokayev():
    person = make_person(
        name_kk="Қасым-Жомарт Тоқаев",
        name_ru="Касым-Жомарт Токаев",
        name_en="Kassym-Jomart Tokayev",
    )
    party = make_organization(
        name_kk="Nur Otan партиясы",
        name_ru="Партия «Nur Otan»",
        name_en="Nur Otan party",
        short_name_ru="Нур Отан",
    )
    ti = make_organization(
        name_kk="Transparency International",
        name_ru="Transparency International",
        name_en="Transparency International",
    )
    return {
        "person": person,
        "party": party,
        "ti": ti,
        # The Kazakh-only story never spells the name the way the query does.
        "about": make_article(
            slug="about", title_ru="", title_en="", body_kk="Кездесу өтті.", people=[person]
        ),
        "party-story": make_article(slug="party-story", organizations=[party]),
        "ti-story": make_article(slug="ti-story", title_kk="", title_ru="", organizations=[ti]),
        "unrelated": make_article(slug="unrelated"),
    }


@pytest.mark.parametrize("query", ["Тоқаев", "Токаев", "Tokayev", "Tokaev", "Токаева", "Тоқаевтың"])
def test_it_finds_stories_linked_to_a_person_in_any_spelling(tokayev, query):
    assert slugs(query) == ["about"]
    assert matching_entities(parse(query)) == [("person", tokayev["person"].pk)]


@pytest.mark.parametrize("query", ["Нұр Отан", "Нур Отан", "Nur Otan", "nur otan"])
def test_it_finds_stories_linked_to_an_organization_in_any_script(tokayev, query):
    assert slugs(query) == ["party-story"]
    assert ("organization", tokayev["party"].pk) in matching_entities(parse(query))


def test_it_finds_an_organization_by_its_latin_name_in_a_kazakh_only_list(tokayev):
    assert slugs("Transparency International") == ["ti-story"]


def test_it_shows_only_published_stories():
    make_article(slug="draft", body_ru="коррупция", status=Article.Status.DRAFT)
    make_article(slug="review", body_ru="коррупция", status=Article.Status.IN_REVIEW)
    make_article(
        slug="scheduled", body_ru="коррупция", published_at=timezone.now() + timedelta(hours=1)
    )
    make_article(slug="public", body_ru="коррупция")
    assert slugs("коррупция") == ["public"]


def test_it_ranks_names_then_titles_then_leads_then_bodies():
    person = make_person(name_en="Ivan Transparentov", name_ru="Иван Транспарентов")
    now = timezone.now()
    make_article(slug="body", body_en="budget", published_at=now - timedelta(hours=1))
    make_article(slug="lead", lead_en="budget", published_at=now - timedelta(hours=2))
    make_article(slug="title", title_en="Budget", published_at=now - timedelta(hours=3))
    make_article(
        slug="name", body_en="budget", people=[person], published_at=now - timedelta(hours=4)
    )
    assert slugs("budget Transparentov") == ["name"]
    assert slugs("budget") == ["title", "lead", "body", "name"]


def test_it_breaks_ties_newest_first_then_by_id():
    now = timezone.now()
    old = make_article(body_en="audit", published_at=now - timedelta(days=2))
    first = make_article(body_en="audit", published_at=now - timedelta(days=1))
    second = make_article(body_en="audit", published_at=first.published_at)
    assert search("audit") == [second, first, old]


# --- The relevance window -------------------------------------------------------


@pytest.fixture
def audits():
    """Six stories with "audit", a day apart, newest first: the two oldest
    have it in the title, the others in the body; and, between the second
    and the third, one without it."""
    now = timezone.now()
    stories = [
        make_article(
            slug=f"audit-{age}",
            published_at=now - timedelta(days=age),
            **({"title_en": "Audit"} if age >= 5 else {"body_en": "An audit."}),
        )
        for age in range(1, 7)
    ]
    make_article(slug="other", body_en="Nothing here.", published_at=now - timedelta(days=2.5))
    return stories


@pytest.mark.parametrize(
    ("sampled", "probed"),
    [
        (1, 100),  # the newest articles walked until 5 match
        (1, 5),  # the same, falling short: then from the GIN index
        (3, 4),  # too few matches expected: from the GIN index
    ],
)
def test_it_ranks_only_the_newest_matches(audits, monkeypatch, sampled, probed):
    """Only the RELEVANCE_WINDOW newest matches are ranked, whichever way
    PostgreSQL finds them (query.py's _pg_window)."""
    monkeypatch.setattr(search_query, "RELEVANCE_WINDOW", 5)
    monkeypatch.setattr(search_query, "SAMPLED_NEWEST", sampled)
    monkeypatch.setattr(search_query, "PROBED_NEWEST", probed)
    # The window holds audit-1 to audit-5: audit-5, with the word in its
    # title, comes first; audit-6, older, is left out.
    assert slugs("audit") == ["audit-5", "audit-1", "audit-2", "audit-3", "audit-4"]
    assert rank(Article.objects.published(), parse("audit")).count() == 5
    assert search_query.is_capped(5)


def test_the_window_changes_nothing_when_it_holds_every_match(audits, monkeypatch):
    monkeypatch.setattr(search_query, "RELEVANCE_WINDOW", 6)
    assert slugs("audit") == ["audit-5", "audit-6", "audit-1", "audit-2", "audit-3", "audit-4"]
    assert not search_query.is_capped(5)


def test_the_ranked_list_counts_and_pages_itself(audits, django_assert_num_queries):
    results = rank(Article.objects.published(), parse("audit"))
    with django_assert_num_queries(0):
        assert results.count() == 6
    with django_assert_num_queries(1):
        assert [a.slug for a in results[1:3]] == ["audit-6", "audit-1"]
    assert results[0].slug == "audit-5"
    narrower = results.filter(slug__in=["audit-2", "audit-6"])
    assert [a.slug for a in narrower] == ["audit-6", "audit-2"]
    assert narrower.count() == 2


def test_the_window_is_taken_after_the_other_filters(audits, monkeypatch):
    monkeypatch.setattr(search_query, "RELEVANCE_WINDOW", 2)
    older = Article.objects.published().filter(slug__in=["audit-4", "audit-5", "audit-6"])
    assert [a.slug for a in rank(older, parse("audit"))] == ["audit-5", "audit-4"]


# --- The index stays current -----------------------------------------------------


# --- The index stays current -----------------------------------------------------


def test_it_reindexes_an_article_when_it_is_saved():
    article = make_article(body_en="tender")
    article.body_en = "procurement"
    article.save()
    assert search("procurement") == [article]
    assert search("tender") == []


def test_it_reindexes_when_links_change_from_either_side():
    person = make_person(name_en="Aliya Nurlanova")
    article = make_article()
    article.people.add(person)
    assert search("Nurlanova") == [article]
    article.people.remove(person)
    assert search("Nurlanova") == []
    person.articles.add(article)
    assert search("Nurlanova") == [article]
    person.articles.clear()
    assert search("Nurlanova") == []
    article.people.add(person)
    article.people.clear()
    assert search("Nurlanova") == []


def test_it_reindexes_the_stories_of_a_renamed_entity():
    initiative = make_initiative(name_en="Open Budget")
    article = make_article(initiatives=[initiative])
    initiative.name_en = "Clean Tender"
    initiative.save()
    assert search("Clean Tender") == [article]
    assert search("Open Budget") == []
    assert matching_entities(parse("Clean Tender")) == [("initiative", initiative.pk)]


def test_it_forgets_a_deleted_entity():
    person = make_person(name_en="Dana Zhaksylykova")
    article = make_article(people=[person])
    person.delete()
    assert search("Zhaksylykova") == []
    assert not EntityDocument.objects.filter(kind="person", object_id=person.pk).exists()
    assert SearchDocument.objects.filter(article=article).exists()


def test_it_forgets_a_deleted_article():
    article = make_article(body_en="tender")
    article.delete()
    assert not SearchDocument.objects.exists()
    assert search("tender") == []


def test_it_indexes_what_loaddata_loads():
    call_command("loaddata", "seed", verbosity=0)
    assert SearchDocument.objects.count() == Article.objects.count() == 4
    tokayev = Article.objects.filter(people__name_en="Kassym-Jomart Tokayev")
    assert search("Tokayev") == list(tokayev.order_by("-published_at"))
    assert len(search("Нұр Отан")) >= 1
    assert len(search("жемқорлықпен")) == 4


def test_it_indexes_articles_changed_by_the_publishing_services():
    article = make_article(body_en="tender", status=Article.Status.DRAFT)
    assert search("tender") == []
    article_publish(articles=[article], user=make_user(role="Publisher"))
    assert search("tender") == [article]


def test_it_rebuilds_the_index_with_a_command():
    article = make_article(body_en="tender", people=[make_person(name_en="Erlan Karin")])
    SearchDocument.objects.all().delete()
    EntityDocument.objects.all().delete()
    assert search("tender") == []
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert search("tender") == search("Karin") == [article]
    assert "1 / 1 articles" in out.getvalue()
    assert "Indexed 1 people, organizations and initiatives and 1 articles" in out.getvalue()


def test_it_generates_synthetic_articles_with_entities_and_search_documents():
    call_command("loaddata", "seed", verbosity=0)
    out = io.StringIO()
    call_command("generate_articles", "30", "--batch-size", "10", stdout=out)
    generated = Article.objects.filter(slug__startswith="gen-")
    assert generated.count() == 30
    assert SearchDocument.objects.filter(article__in=generated).count() == 30
    assert generated.filter(organizations__isnull=False).distinct().count() == 30
    assert all(a.title_kk and a.title_ru and a.title_en for a in generated)
    assert generated.filter(section__isnull=False).count() >= 20
    assert generated.filter(topics__isnull=False).exists()
    assert all(a.body_kk.startswith("<p>") for a in generated)
    assert "30 / 30 articles" in out.getvalue()
    assert "Created 30 articles" in out.getvalue()


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_it_answers_any_query_without_an_error(stories, query):
    results = search(query)
    assert all(isinstance(article, Article) for article in results)
    matching_entities(parse(query))
