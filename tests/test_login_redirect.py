"""Where the admin's login sends an editor."""

import pytest
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def log_in(client, next_url: str):
    user = make_user(role="Editor")
    return client.post(
        reverse("admin:login"),
        {"username": user.username, "password": "correct-horse-battery", "next": next_url},
    )


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/admin/", "//evil.example/", "javascript:alert(1)", ""]
)
def test_an_unsafe_next_lands_on_the_admin_index(client, next_url):
    response = log_in(client, next_url)

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200


def test_a_safe_next_is_followed(client):
    changelist = reverse("admin:articles_article_changelist")

    response = log_in(client, changelist)

    assert response["Location"] == changelist
