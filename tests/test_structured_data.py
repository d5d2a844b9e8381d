"""schema.org data (JSON-LD) on the article, person and organization pages."""

import json
import re
from datetime import datetime, timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from articles.models import Affiliation, Article
from articles.structured_data import json_ld
from tests.factories import make_article, make_initiative, make_organization, make_person
from tests.helpers import LANGUAGES

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def path_of(obj, language: str) -> str:
    with translation.override(language):
        return obj.get_absolute_url()


def absolute(obj, language: str) -> str:
    return f"http://testserver{path_of(obj, language)}"


def page(client, obj, language: str) -> str:
    response = client.get(path_of(obj, language))
    assert response.status_code == 200
    return response.content.decode()


def structured_data(content: str) -> dict:
    """The page's one JSON-LD object."""
    [data] = JSON_LD.findall(content)
    return json.loads(data)


def iso(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat()


# --- Articles ---------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_describes_an_article_as_a_news_article(client, language):
    person = make_person()
    organization = make_organization()
    article = make_article(
        published_at=timezone.make_aware(datetime(2024, 3, 5, 12)),
        byline_kk="Ерке Ерқоңыр",
        byline_ru="Ерке Еркоңыр",
        byline_en="Yerke Yerkonyr",
        people=[person],
        organizations=[organization],
        initiatives=[make_initiative()],
    )
    url = absolute(article, language)

    data = structured_data(page(client, article, language))

    with translation.override(language):
        site_name = gettext("Newsroom")
    assert data == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": getattr(article, f"title_{language}"),
        "description": getattr(article, f"lead_{language}"),
        "articleBody": getattr(article, f"body_{language}")
        .removeprefix("<p>")
        .removesuffix("</p>"),
        "datePublished": "2024-03-05T12:00:00+05:00",
        "dateModified": iso(article.updated_at),
        "inLanguage": language,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "author": {"@type": "Person", "name": getattr(article, f"byline_{language}")},
        "publisher": {
            "@type": "Organization",
            "name": site_name,
            "url": f"http://testserver/{language}/",
        },
        "mentions": [
            {
                "@type": "Person",
                "name": getattr(person, f"name_{language}"),
                "url": absolute(person, language),
            },
            {
                "@type": "Organization",
                "name": getattr(organization, f"name_{language}"),
                "url": absolute(organization, language),
            },
        ],
    }


def test_it_points_mentions_at_the_entity_pages(client):
    people = [make_person(), make_person()]
    article = make_article(people=people, organizations=[make_organization()])

    for mention in structured_data(page(client, article, "ru"))["mentions"]:
        path = mention["url"].removeprefix("http://testserver")
        assert path.startswith("/ru/")
        assert mention["name"] in client.get(path).content.decode()


def test_it_names_the_source_as_author_when_there_is_no_byline(client):
    source = make_organization(name_en="Kazinform")
    article = make_article(byline_en="", source_en=source)

    data = structured_data(page(client, article, "en"))

    assert data["author"] == {
        "@type": "Organization",
        "name": "Kazinform",
        "url": absolute(source, "en"),
    }


def test_it_names_no_author_from_another_language(client):
    article = make_article(byline_ru="Иван Петров", source_ru=make_organization(), byline_en="")

    data = structured_data(page(client, article, "en"))

    assert "author" not in data
    assert "mentions" not in data


def test_it_gives_the_language_of_the_text_shown(client):
    article = make_article(original_language="ru", title_en="", lead_en="", body_en="")

    data = structured_data(page(client, article, "en"))

    assert data["inLanguage"] == "ru"
    assert data["headline"] == article.title_ru


def test_it_dates_a_scheduled_story_from_its_publication(client):
    article = make_article(published_at=timezone.now() + timedelta(minutes=5))
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - timedelta(minutes=5),
        updated_at=timezone.now() - timedelta(hours=2),
    )
    article.refresh_from_db()

    data = structured_data(page(client, article, "kk"))

    assert data["datePublished"] == data["dateModified"] == iso(article.published_at)


NASTY_TITLES = [
    "</script><script>alert(1)</script>",
    "<!-- <script>",
    "\"Quotes\" & 'apostrophes' </SCRIPT >",
    "Line\u2028separator\u2029and more",
]


@pytest.mark.parametrize("title", NASTY_TITLES)
def test_it_keeps_any_title_inside_the_script_element(client, title):
    plain = page(client, make_article(title_en="Plain", lead_en="Plain"), "en")
    article = make_article(title_en=title, lead_en=title, byline_en=title)

    content = page(client, article, "en")

    for tag in ("<script", "</script"):
        assert content.lower().count(tag) == plain.lower().count(tag) == 1
    assert "<!--" not in content
    data = structured_data(content)
    assert data["headline"] == data["description"] == data["author"]["name"] == title


def test_it_escapes_what_could_end_the_element_or_a_javascript_string():
    output = json_ld({"text": "</script> <!-- & \u2028\u2029 Қазақ"})

    assert output == (
        '<script type="application/ld+json">'
        '{"text": "\\u003C/script\\u003E \\u003C!-- \\u0026 \\u2028\\u2029 Қазақ"}'
        "</script>"
    )
    assert json.loads(JSON_LD.search(output).group(1)) == {
        "text": "</script> <!-- & \u2028\u2029 Қазақ"
    }


# --- People and organizations -----------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_describes_a_person(client, language):
    agency, party = make_organization(), make_organization()
    person = make_person(
        position_kk="Агенттік төрағасы",
        position_ru="Председатель агентства",
        position_en="Chair of the agency",
    )
    for organization in (agency, party, agency):
        Affiliation.objects.create(person=person, organization=organization)

    data = structured_data(page(client, person, language))

    assert data == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": getattr(person, f"name_{language}"),
        "url": absolute(person, language),
        "description": getattr(person, f"position_{language}"),
        "affiliation": [
            {
                "@type": "Organization",
                "name": getattr(organization, f"name_{language}"),
                "url": absolute(organization, language),
            }
            for organization in sorted(
                (agency, party), key=lambda o: getattr(o, f"name_{language}")
            )
        ],
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_describes_an_organization(client, language):
    parent = make_organization()
    organization = make_organization(
        parent=parent,
        short_name_en="ACA",
        short_name_ru="АПК",
        short_name_kk="СЖҚА",
        description_kk="Сипаттама",
        description_ru="Описание",
        description_en="Description",
        website="https://anticorruption.gov.kz/",
    )

    data = structured_data(page(client, organization, language))

    assert data == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": getattr(organization, f"name_{language}"),
        "url": absolute(organization, language),
        "alternateName": getattr(organization, f"short_name_{language}"),
        "description": getattr(organization, f"description_{language}"),
        "sameAs": "https://anticorruption.gov.kz/",
        "parentOrganization": {
            "@type": "Organization",
            "name": getattr(parent, f"name_{language}"),
            "url": absolute(parent, language),
        },
    }


def test_it_leaves_out_what_an_organization_does_not_have(client):
    organization = make_organization()

    data = structured_data(page(client, organization, "en"))

    assert set(data) == {"@context", "@type", "name", "url"}


# --- Published content only, and pages without structured data ---------------------------


def test_it_never_mentions_a_story_that_is_not_public(client):
    person, organization = make_person(), make_organization()
    links = {"people": [person], "organizations": [organization]}
    article = make_article(**links)
    make_article(slug="draft", title_en="DRAFT", status=Article.Status.DRAFT, **links)
    make_article(
        slug="scheduled",
        title_en="SCHEDULED",
        published_at=timezone.now() + timedelta(hours=1),
        **links,
    )

    for obj in (article, person, organization):
        data = JSON_LD.search(page(client, obj, "en")).group(1)
        for hidden in ("DRAFT", "SCHEDULED", "/articles/draft/", "/articles/scheduled/"):
            assert hidden not in data


@pytest.mark.parametrize("path", ["/en/", "/en/articles/", "/en/people/"])
def test_it_adds_no_structured_data_to_lists(client, path):
    make_article(people=[make_person()])

    assert not JSON_LD.search(client.get(path).content.decode())


def test_it_adds_no_structured_data_to_initiative_pages(client):
    initiative = make_initiative()

    assert not JSON_LD.search(page(client, initiative, "en"))


# --- Open Graph -----------------------------------------------------------------------------


def test_it_gives_an_articles_publication_and_modification_times_for_open_graph(client):
    article = make_article(published_at=timezone.make_aware(datetime(2024, 3, 5, 12)))

    content = page(client, article, "en")

    assert '<meta property="article:published_time" content="2024-03-05T12:00:00+05:00">' in (
        content
    )
    assert f'<meta property="article:modified_time" content="{iso(article.updated_at)}">' in (
        content
    )
