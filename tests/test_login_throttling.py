"""Login throttling (django-axes): five wrong passwords for one user name
from one address lock that pair out for a while, in the reader's language."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
LIMIT = 5


def login_url(language: str = "kk") -> str:
    with translation.override(language):
        return reverse("admin:login")


def attempt(client, username: str, password: str, *, ip: str = "203.0.113.7", language="kk"):
    return client.post(
        login_url(language),
        {"username": username, "password": password, "next": "/kk/admin/"},
        REMOTE_ADDR=ip,
    )


def fail(client, username: str, times: int = LIMIT, **kwargs) -> None:
    for _ in range(times):
        response = attempt(client, username, "wrong password", **kwargs)
        assert response.status_code in (200, 429)


def test_a_wrong_password_shows_the_login_form_again(client):
    user = make_user(role="Editor")

    response = attempt(client, user.username, "wrong password")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_user_out_even_with_the_right_password(client):
    user = make_user(role="Editor")
    fail(client, user.username)

    response = attempt(client, user.username, PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert int(response["Retry-After"]) == 15 * 60


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("kk", "Кіру әрекеттері тым көп"),
        ("ru", "Слишком много неудачных попыток входа"),
        ("en", "Too many failed sign-in attempts"),
    ],
)
def test_the_lockout_page_speaks_the_readers_language(client, language, text):
    user = make_user(role="Editor")
    fail(client, user.username, language=language)

    response = attempt(client, user.username, PASSWORD, language=language)

    assert response.status_code == 429
    content = response.content.decode()
    assert text in content
    assert f'<html lang="{language}">' in content
    assert "15" in content


def test_the_same_user_from_another_address_is_not_locked_out(client):
    user = make_user(role="Editor")
    fail(client, user.username, ip="203.0.113.7")

    response = attempt(client, user.username, PASSWORD, ip="198.51.100.23")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_another_user_from_the_same_address_is_not_locked_out(client):
    victim, other = make_user(role="Editor"), make_user(role="Publisher")
    fail(client, victim.username)

    response = attempt(client, other.username, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


def locked_minutes_ago(minutes: int) -> None:
    """Moves the recorded failures into the past, as if time had passed."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


def test_the_lock_lifts_after_the_cool_off(client):
    user = make_user(role="Editor")
    fail(client, user.username)
    assert attempt(client, user.username, PASSWORD).status_code == 429

    locked_minutes_ago(16)
    response = attempt(client, user.username, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_lock_holds_until_the_cool_off_ends(client):
    user = make_user(role="Editor")
    fail(client, user.username)

    locked_minutes_ago(14)
    response = attempt(client, user.username, PASSWORD)

    assert response.status_code == 429


def test_a_successful_login_resets_the_count(client):
    user = make_user(role="Editor")
    fail(client, user.username, times=LIMIT - 1)
    assert attempt(client, user.username, PASSWORD).status_code == 302
    client.logout()

    fail(client, user.username, times=LIMIT - 1)
    response = attempt(client, user.username, PASSWORD)

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=user.username, failures_since_start__gte=LIMIT)


@override_settings(CLIENT_IP_HEADER="X-Real-IP", TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_a_proxy_the_readers_address_is_the_one_that_counts(client):
    user = make_user(role="Editor")
    for _ in range(LIMIT):
        client.post(
            login_url(),
            {"username": user.username, "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            headers={"x-real-ip": "203.0.113.7"},
        )

    from_reader = client.post(
        login_url(),
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        headers={"x-real-ip": "203.0.113.7"},
    )
    from_colleague = client.post(
        login_url(),
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        headers={"x-real-ip": "198.51.100.23"},
    )

    assert from_reader.status_code == 429
    assert from_colleague.status_code == 302


@override_settings(CLIENT_IP_HEADER="X-Real-IP", TRUSTED_PROXIES=["10.0.0.0/8"])
def test_the_address_header_counts_only_from_a_trusted_proxy(client):
    """Someone who talks to the site directly cannot dodge the lockout by
    writing a new address into the header on every attempt."""
    user = make_user(role="Editor")
    for number in range(LIMIT):
        client.post(
            login_url(),
            {"username": user.username, "password": "wrong"},
            REMOTE_ADDR="203.0.113.99",
            headers={"x-real-ip": f"198.51.100.{number}"},
        )

    response = client.post(
        login_url(),
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.99",
        headers={"x-real-ip": "198.51.100.200"},
    )

    assert response.status_code == 429


@override_settings(CLIENT_IP_HEADER="X-Forwarded-For", TRUSTED_PROXIES=["127.0.0.1"])
def test_of_a_forwarded_chain_the_address_the_proxy_added_counts(rf):
    from newsroom.security import client_ip

    forged = rf.get(
        "/", REMOTE_ADDR="127.0.0.1", headers={"x-forwarded-for": "1.2.3.4, 203.0.113.7"}
    )
    direct = rf.get("/", REMOTE_ADDR="203.0.113.8", headers={"x-forwarded-for": "1.2.3.4"})
    malformed = rf.get("/", REMOTE_ADDR="not an address", headers={"x-forwarded-for": "1.2.3.4"})

    assert client_ip(forged) == "203.0.113.7"
    assert client_ip(direct) == "203.0.113.8"
    assert client_ip(malformed) == "not an address"
