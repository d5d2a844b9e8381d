"""While the database is down, readers get the last copy of the page they
asked for, marked stale; a page never stored, and every editor, get the 503."""

import pytest
from django.urls import reverse

from articles.caching.middleware import STALE_HEADER
from tests.factories import make_article, make_user
from tests.outages import database_down

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_gets_the_last_copy_of_a_page_while_the_database_is_down(client):
    article = make_article(title_en="Tenders under review")
    url = reverse("articles:detail", kwargs={"slug": article.slug})
    fresh = client.get(url)
    assert fresh.status_code == 200 and STALE_HEADER not in fresh

    with database_down():
        stale = client.get(url)

    assert stale.status_code == 200
    assert stale[STALE_HEADER] == "1"
    assert stale.content == fresh.content
    assert "no-store" in stale["Cache-Control"]


def test_the_copy_is_the_one_stored_last(client):
    article = make_article(title_en="First headline")
    url = reverse("articles:detail", kwargs={"slug": article.slug})
    client.get(url)
    article.title_en = "Corrected headline"
    article.save()
    assert b"Corrected headline" in client.get(url).content

    with database_down():
        stale = client.get(url)

    assert b"Corrected headline" in stale.content
    assert b"First headline" not in stale.content


def test_a_page_never_stored_is_the_503_page(client):
    make_article()
    client.get(reverse("articles:list"))

    with database_down():
        response = client.get(reverse("articles:list"), {"page": "1"})

    assert response.status_code == 503
    assert STALE_HEADER not in response


def test_an_editor_gets_the_503_page(client):
    article = make_article()
    url = reverse("articles:detail", kwargs={"slug": article.slug})
    client.get(url)
    client.force_login(make_user())  # signed in: a session, like every editor

    with database_down():
        response = client.get(url)

    assert response.status_code == 503
    assert STALE_HEADER not in response
