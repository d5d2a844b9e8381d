"""After signing in, staff land in the admin, whatever ``next`` says."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import make_user

pytestmark = pytest.mark.django_db

UNSAFE_NEXT = [
    "https://evil.example/",
    "//evil.example/",
    "///evil.example/",
    "\\\\evil.example",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("target", UNSAFE_NEXT)
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_an_unsafe_next_lands_on_the_admin_index(client, target, language):
    user = make_user(role="Editor")
    with translation.override(language):
        login_url, index = reverse("admin:login"), reverse("admin:index")

    response = client.post(
        f"{login_url}?next={target}",
        {"username": user.username, "password": "correct-horse-battery", "next": target},
    )

    assert response.status_code == 302
    assert response["Location"] == index
    assert client.get(response["Location"]).status_code == 200


def test_a_safe_next_is_followed(client):
    user = make_user(role="Editor")
    target = reverse("admin:articles_article_changelist")

    response = client.post(
        f"{reverse('admin:login')}?next={target}",
        {"username": user.username, "password": "correct-horse-battery", "next": target},
    )

    assert response["Location"] == target
