"""Editorial preview: staff see a draft as readers will, in each language, at
an address that is never public."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article
from tests.factories import (
    make_article,
    make_initiative,
    make_organization,
    make_person,
    make_user,
)
from tests.helpers import LANGUAGES, ROLES

pytestmark = pytest.mark.django_db

SECRET = "zzdraftsecret"


def preview_url(article: Article, language: str = "kk") -> str:
    with translation.override(language):
        return reverse("admin:articles_article_preview", args=[article.pk])


@pytest.fixture
def draft() -> Article:
    return make_article(
        status=Article.Status.DRAFT,
        title_kk=f"Жоба {SECRET}",
        title_ru=f"Черновик {SECRET}",
        title_en=f"Draft {SECRET}",
        body_en=f"Not yet public {SECRET}.",
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_preview_a_draft_in_each_language_as_readers_will_see_it(
    client, draft, role, language
):
    client.force_login(make_user(role=role))

    response = client.get(preview_url(draft, language))

    assert response.status_code == 200
    assert response.templates[0].name == "articles/article_detail.html"
    content = response.content.decode()
    assert f'<html lang="{language}">' in content
    assert getattr(draft, f"title_{language}") in content
    assert 'class="preview-banner"' in content
    assert '<meta name="robots" content="noindex, nofollow">' in content


def test_the_preview_is_never_cached_or_indexed(client, draft):
    client.force_login(make_user(role="Editor"))

    response = client.get(preview_url(draft))

    assert response["X-Robots-Tag"] == "noindex, nofollow"
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


@pytest.mark.parametrize("language", LANGUAGES)
def test_anonymous_visitors_are_sent_to_the_login_page_without_the_draft(client, draft, language):
    response = client.get(preview_url(draft, language))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert SECRET not in response.content.decode()


def test_a_signed_in_reader_who_is_not_staff_gets_no_preview(client, draft):
    client.force_login(make_user())

    response = client.get(preview_url(draft))

    assert response.status_code == 302
    assert SECRET not in response.content.decode()


def test_staff_without_permission_to_view_articles_get_no_preview(client, draft):
    staff = make_user()
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(Permission.objects.get(codename="view_person"))
    client.force_login(staff)

    response = client.get(preview_url(draft))

    assert response.status_code == 403
    assert SECRET not in response.content.decode()


def test_an_unknown_article_is_a_404(client):
    client.force_login(make_user(role="Editor"))

    response = client.get(reverse("admin:articles_article_preview", args=[987654]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "in review", "scheduled"],
)
def test_what_staff_preview_stays_off_the_public_site(client, fields):
    article = make_article(title_en=f"Story {SECRET}", **fields)
    client.force_login(make_user(role="Publisher"))
    assert client.get(preview_url(article, "en")).status_code == 200

    for language in LANGUAGES:
        with translation.override(language):
            public = client.get(article.get_absolute_url())
        assert public.status_code == 404
        assert SECRET not in public.content.decode()
    with translation.override("en"):
        listing = client.get(reverse("articles:list")).content.decode()
    assert SECRET not in listing


def test_the_preview_links_its_other_languages_to_their_previews(client, draft):
    client.force_login(make_user(role="Editor"))

    content = client.get(preview_url(draft, "kk")).content.decode()

    assert f'href="{preview_url(draft, "ru")}" hreflang="ru"' in content
    assert f'href="{preview_url(draft, "en")}" hreflang="en"' in content
    assert f'href="{draft.get_absolute_url()}"' not in content


@pytest.mark.parametrize("role", ROLES)
def test_the_change_form_links_to_the_preview_in_each_language(client, draft, role):
    client.force_login(make_user(role=role))

    content = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content
    content = content.decode()

    for language in LANGUAGES:
        assert f'href="{preview_url(draft, language)}"' in content


def test_the_preview_runs_a_fixed_number_of_queries(client):
    client.force_login(make_user(role="Editor"))

    def queries(article: Article) -> int:
        client.get(preview_url(article))  # warm per-process caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(preview_url(article)).status_code == 200
        return len(captured)

    small = make_article(status=Article.Status.DRAFT, people=[make_person()])
    large = make_article(
        status=Article.Status.DRAFT,
        people=[make_person() for _ in range(20)],
        organizations=[make_organization() for _ in range(20)],
        initiatives=[make_initiative() for _ in range(20)],
    )
    for day in range(10):
        large.corrections.create(text_en=f"Correction {day}")

    assert queries(small) == queries(large)
