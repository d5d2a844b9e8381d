"""The database goes away: readers get a friendly 503 in their language,
/healthz says so, and the site recovers by itself when the database is back."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from tests.factories import make_article
from tests.outages import database_down

pytestmark = pytest.mark.django_db(transaction=True)


def page(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(f"articles:{name}", kwargs=kwargs or None)


@pytest.mark.parametrize(
    ("language", "heading"),
    [("kk", "Жақында қайта ораламыз"), ("ru", "Скоро вернёмся"), ("en", "We will be back shortly")],
)
def test_pages_answer_a_friendly_503_in_the_readers_language(client, language, heading):
    article = make_article()

    with database_down():
        responses = [
            client.get(page("home", language)),
            client.get(page("list", language)),
            client.get(page("detail", language, slug=article.slug)),
        ]

    for response in responses:
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert "no-store" in response["Cache-Control"]
        content = response.content.decode()
        assert f'<html lang="{language}">' in content
        assert heading in content


def test_healthz_reports_the_database(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["database"]["response_time_ms"] >= 0


def test_healthz_answers_503_while_the_database_is_down(client):
    with database_down():
        response = client.get(reverse("healthz"))

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["status"] == "down"
    assert body["checks"]["database"]["error"] == "OperationalError"


def test_the_site_recovers_without_a_restart(client):
    article = make_article(title_en="Still here")
    url = page("detail", "en", slug=article.slug)

    with database_down():
        assert client.get(url).status_code == 503
        assert client.get(reverse("healthz")).status_code == 503

    response = client.get(url)
    assert response.status_code == 200
    assert "Still here" in response.content.decode()
    assert client.get(reverse("healthz")).status_code == 200


def test_a_query_error_is_still_a_500_not_an_outage(client, monkeypatch):
    """Only an unreachable database is an outage: a broken query is a bug and
    must be reported as one (SQLite calls both OperationalError)."""
    from articles.views import HomeView

    def broken(self, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(HomeView, "get_context_data", broken)
    client.raise_request_exception = False

    response = client.get(page("home", "en"))

    assert response.status_code == 500
