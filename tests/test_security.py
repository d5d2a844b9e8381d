"""Security headers, the Content-Security-Policy, `check --deploy`, and
redirects that must never leave the site."""

import json
import os
import re
import secrets
import string
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import (
    make_article,
    make_author,
    make_initiative,
    make_organization,
    make_person,
    make_section,
    make_topic,
    make_user,
)
from tests.inert_html import active_content
from tests.public_urls import public_urls

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_NEXT = [
    "//evil.example",
    "https://evil.example",
    "http://evil.example/kk/",
    "/\\evil.example",
    "%2F%2Fevil.example",
    "/%5Cevil.example",
    "/%2F%2Fevil.example",
    "https:evil.example",
    "\\\\evil.example",
    "///evil.example",
    "\t//evil.example",
    "https://testserver@evil.example",
    "https://evil.example\\@testserver",
    "javascript:alert(1)",
]


@pytest.fixture
def site() -> dict[str, str]:
    """One published story with a person, organization and initiative; the
    slugs of each kind of detail page."""
    person, organization, initiative = make_person(), make_organization(), make_initiative()
    section, topic, author = make_section(), make_topic(), make_author()
    article = make_article(
        people=[person],
        organizations=[organization],
        initiatives=[initiative],
        section=section,
        topics=[topic],
        authors=[author],
        source_url_kk="https://example.kz/news/1",
    )
    return {
        "detail": article.slug,
        "person-detail": person.slug,
        "organization-detail": organization.slug,
        "initiative-detail": initiative.slug,
        "section": section.slug,
        "topic": topic.slug,
        "author": author.slug,
    }


def browser_target(base: str, location: str) -> str:
    """Where a browser goes from ``base`` for this Location: it drops tabs and
    newlines, and reads "\\" as "/" in http(s) URLs."""
    cleaned = "".join(c for c in location if c not in "\t\r\n").strip(" \x00")
    return urljoin(base, cleaned.replace("\\", "/"))


def assert_stays_on_site(client, response, hops: int = 5) -> None:
    """Every redirect in the chain that starts with ``response`` names this
    site, as a browser resolves it; same-site hops are followed."""
    base = "http://testserver" + response.wsgi_request.get_full_path()
    while response.status_code in (301, 302, 303, 307, 308) and hops:
        target = urlsplit(browser_target(base, response["Location"]))
        assert target.scheme in ("http", "https"), response["Location"]
        assert target.hostname == "testserver", response["Location"]
        base = target.geturl()
        response = client.get(target.path, QUERY_STRING=target.query)
        hops -= 1


# --- Headers ------------------------------------------------------------------------


def test_every_public_page_sends_the_security_headers(client, site):
    for url in public_urls(site):
        response = client.get(url)
        assert response.status_code in (200, 301, 302), url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert response["X-Frame-Options"] == "DENY", url
        assert "Content-Security-Policy" in response, url


def test_the_policy_allows_only_the_sites_own_files(client):
    policy = client.get(reverse("articles:home"))["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )

    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert "unsafe" not in policy


def test_the_admin_gets_the_same_strict_policy(client):
    client.force_login(make_user(superuser=True))

    response = client.get(reverse("admin:index"))

    assert response["Content-Security-Policy"] == client.get("/kk/")["Content-Security-Policy"]


def admin_pages() -> list[str]:
    article = make_article()
    make_article()  # a second row, so that the changelist shows its actions
    pages = [reverse("admin:index"), reverse("admin:password_change")]
    for model, obj in (
        ("article", article),
        ("person", make_person()),
        ("organization", make_organization()),
        ("initiative", make_initiative()),
    ):
        pages += [
            reverse(f"admin:articles_{model}_changelist"),
            reverse(f"admin:articles_{model}_add"),
            reverse(f"admin:articles_{model}_change", args=[obj.pk]),
            reverse(f"admin:articles_{model}_history", args=[obj.pk]),
            reverse(f"admin:articles_{model}_delete", args=[obj.pk]),
        ]
    pages += [reverse("admin:auth_user_changelist"), reverse("admin:auth_user_add")]
    return pages


def test_no_page_needs_inline_script_or_style(client, site):
    """The policy forbids inline code, so no page may rely on it: the reader's
    pages and the admin, including django-reversion-compare's history (see
    templates/reversion-compare/action_list_partial.html)."""
    import reversion

    for url in public_urls(site):
        response = client.get(url)
        if response["Content-Type"].startswith("text/html"):
            assert active_content(response.content.decode()) == [], url

    client.force_login(make_user(superuser=True))
    with reversion.create_revision():
        article = make_article()
    with reversion.create_revision():
        article.title_en = "Edited"
        article.save()
    pages = admin_pages() + [reverse("admin:articles_article_history", args=[article.pk])]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert active_content(response.content.decode()) == [], url


# --- Production settings ------------------------------------------------------------


def production_environment() -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "DJANGO_")) and key not in ("DEBUG", "ALLOWED_HOSTS")
    }
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env.update(
        DEBUG="0",
        SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(50)),
        ALLOWED_HOSTS="news.example.kz",
    )
    return env


def manage(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_finds_nothing_to_warn_about():
    result = manage("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_turns_on_https_only_cookies_and_hsts():
    script = (
        "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k)"
        " for k in ['SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS',"
        " 'SECURE_HSTS_PRELOAD', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE',"
        " 'LANGUAGE_COOKIE_SECURE', 'X_FRAME_OPTIONS']}))"
    )
    result = manage("shell", "-c", script)

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "X_FRAME_OPTIONS": "DENY",
    }


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_redirected_to_https(client):
    response = client.get("/kk/articles/?page=2")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/kk/articles/?page=2"


@override_settings(
    SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
)
def test_https_responses_carry_hsts(client):
    response = client.get("/kk/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_the_proxy_header_marks_a_request_as_https(client):
    response = client.get("/kk/", headers={"x-forwarded-proto": "https"})

    assert response.wsgi_request.is_secure()


# --- Redirects that must stay on the site -------------------------------------------


@pytest.mark.parametrize("target", HOSTILE_NEXT)
@pytest.mark.parametrize("method", ["get", "post"])
def test_the_language_switch_never_redirects_to_another_host(client, target, method):
    response = getattr(client, method)(reverse("set_language"), {"language": "ru", "next": target})

    assert response.status_code in (200, 302, 405)
    assert_stays_on_site(client, response)


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_the_language_switch_ignores_a_hostile_referer(client, target):
    response = client.post(reverse("set_language"), {"language": "en"}, headers={"referer": target})

    assert_stays_on_site(client, response)


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_the_admin_login_never_redirects_to_another_host(client, target):
    user = make_user(role="Editor")
    login_url = reverse("admin:login")

    page = client.get(login_url, {"next": target})
    response = client.post(
        f"{login_url}?next={target}",
        {"username": user.username, "password": "correct-horse-battery", "next": target},
    )

    assert page.status_code == 200
    assert response.status_code == 302, "the login should have succeeded"
    assert_stays_on_site(client, response)


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_the_admin_logout_never_redirects_to_another_host(client, target):
    client.force_login(make_user(role="Editor"))

    response = client.post(f"{reverse('admin:logout')}?next={target}", {"next": target})

    assert response.status_code in (200, 302)
    assert_stays_on_site(client, response)


@pytest.mark.parametrize(
    "path",
    [
        "/kk//evil.example/",
        "//evil.example/kk/",
        "/kk/\\evil.example",
        "/%2F%2Fevil.example",
        "/%5Cevil.example",
        "/%2F%5Cevil.example",
        "/kk/%2F%2Fevil.example",
    ],
)
def test_the_language_switcher_links_stay_on_the_site(client, path):
    response = client.get(path)
    assert_stays_on_site(client, response)
    if response.status_code in (301, 302):
        response = client.get(response["Location"])
    switcher = re.search(
        r'<nav class="language-switcher".*?</nav>', response.content.decode(), re.DOTALL
    )

    links = re.findall(r'href="([^"]*)"', switcher.group())
    assert len(links) == 3
    for link in links:
        target = urlsplit(browser_target("http://testserver/kk/", link))
        assert target.hostname == "testserver", link
