"""Authors: their public pages and feeds, and the byline that credits them
in order beside a free-text credit."""

import feedparser
import pytest
from django.urls import reverse

from articles.authors.models import Author
from articles.models import Article
from tests.factories import make_article, make_author, make_image
from tests.helpers import LANGUAGES, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(tmp_path, settings) -> Author:
    settings.MEDIA_ROOT = str(tmp_path)
    return make_author(
        slug="aigerim",
        name_kk="Әйгерім Сейітова",
        name_ru="Айгерим Сеитова",
        name_en="Aigerim Seitova",
        biography_en="Covers the courts.",
        portrait=make_image(alt_en="Aigerim Seitova"),
    )


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_authors_page_shows_the_profile_and_published_stories(client, author, language):
    story = make_article(authors=[author])
    make_article(authors=[author], status=Article.Status.DRAFT, title_en="DRAFT story")

    content = html(client.get(url("author", language, slug=author.slug)))

    assert f"<h1>{getattr(author, f'name_{language}')}</h1>" in content
    assert getattr(story, f"title_{language}") in content
    assert 'class="portrait"' in content
    assert "DRAFT" not in content


def test_the_author_list_counts_published_stories(client, author):
    make_article(authors=[author])
    make_article(authors=[author], status=Article.Status.DRAFT)

    content = html(client.get(url("author-list", "en")))

    assert "Aigerim Seitova" in content
    assert "1 story" in content and "2 stories" not in content


@pytest.mark.parametrize("feed", ["author-feed", "author-feed-atom"])
def test_an_author_has_feeds(client, author, feed):
    story = make_article(authors=[author])
    make_article(title_en="Someone else's")

    parsed = feedparser.parse(client.get(url(feed, "ru", slug=author.slug)).content)

    assert [entry.title for entry in parsed.entries] == [story.title_ru]


def test_the_byline_credits_authors_in_order_and_keeps_the_agencys_credit(client, author):
    second = make_author(name_en="Daniyar Ospanov", slug="daniyar")
    story = make_article(authors=[second, author], byline_en="Kazinform")

    content = html(client.get(url("detail", "en", slug=story.slug)))

    byline = content.split('<p class="byline">', 1)[1].split("</p>", 1)[0]
    assert byline.index("Daniyar Ospanov") < byline.index("Aigerim Seitova")
    assert f'<a href="{url("author", "en", slug="aigerim")}" rel="author">' in byline
    assert '<span class="credit">Kazinform</span>' in byline


def test_a_free_text_credit_that_names_an_author_is_not_said_twice(client, author):
    story = make_article(authors=[author], byline_en="Aigerim  Seitova")

    content = html(client.get(url("detail", "en", slug=story.slug)))

    assert content.count("Aigerim Seitova") >= 1
    assert 'class="credit"' not in content


def test_a_byline_names_the_authors_in_json_ld_and_feeds(client, author):
    story = make_article(authors=[author], byline_en="")

    parsed = feedparser.parse(client.get(url("feed", "en")).content)
    content = html(client.get(url("detail", "en", slug=story.slug)))

    assert parsed.entries[0].author == "Aigerim Seitova"
    assert '"name": "Aigerim Seitova"' in content


def test_an_unknown_author_is_a_404(client):
    assert client.get(url("author", "en", slug="nobody")).status_code == 404


def test_an_editor_makes_an_author_with_a_slug_from_the_kazakh_name(editor_client):
    response = editor_client.post(
        reverse("admin:authors_author_add"),
        {
            "name_kk": "Ерке Ерқоңыр",
            "name_ru": "Ерке Ерконыр",
            "name_en": "Yerke Yerkonyr",
            "role": "contributor",
            "biography_kk": "",
            "biography_ru": "",
            "biography_en": "",
            "slug": "",
        },
    )

    assert response.status_code == 302
    assert Author.objects.get().slug == "erke-erqonyr"


def test_an_author_with_stories_cannot_be_deleted(publisher_client, author):
    make_article(authors=[author], title_kk="Автордың материалы")

    page = publisher_client.get(reverse("admin:authors_author_delete", args=[author.pk]))
    publisher_client.post(reverse("admin:authors_author_delete", args=[author.pk]), {"post": "yes"})

    assert "Автордың материалы" in page.content.decode()
    assert Author.objects.filter(pk=author.pk).exists()
