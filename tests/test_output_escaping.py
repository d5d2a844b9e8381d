"""Hostile text in every field an editor fills in, in every language, comes
out inert on every public page, feed, sitemap, JSON-LD block and admin page.

Bodies are rich text, cleaned by an allowlist sanitiser on every save
(tests/richtext/test_sanitizer.py): the payloads' script and image tags in
them do not survive, and their text is shown as text.
"""

import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest
import reversion
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from articles.authors.models import Author, Byline
from articles.edit_conflicts import edit_token
from articles.models import Affiliation, Article, Initiative, Organization, Person
from articles.taxonomy.models import Section, Topic
from tests.factories import make_article, make_user
from tests.helpers import LANGUAGES
from tests.inert_html import active_content, is_script_url
from tests.public_urls import public_urls

pytestmark = pytest.mark.django_db

SCRIPT_URL = "javascript:alert(1)"


def payload(tag: str) -> str:
    """Script, an attribute breakout, the end of a JSON-LD element and an
    unclosed comment, marked with ``tag`` to tell the copies apart."""
    return (
        f'<script>alert`{tag}`</script>"><img src=x onerror=alert`{tag}`>'
        f"</script><script>{tag}<!--{tag}"
    )


def unescaped_payloads(text: str, tags) -> list[str]:
    """The payloads found as markup, that is, not escaped."""
    found = []
    for tag in tags:
        for piece in (f"<script>alert`{tag}`", f"<script>{tag}", "<img src=x", f"<!--{tag}"):
            if piece in text:
                found.append(piece)
    return found


@dataclass
class Hostile:
    article: Article
    draft: Article
    person: Person
    organization: Organization
    initiative: Initiative
    section: Section
    topic: Topic
    author: Author
    tags: list[str]


def fill(model_fields: dict, prefix: str, tags: list[str], max_length: dict) -> dict:
    values = {}
    for field in model_fields:
        for language in LANGUAGES:
            tag = f"{prefix}{field[:3]}{language}"
            tags.append(tag)
            text = payload(tag)
            assert len(text) <= max_length.get(field, 10_000), field
            values[f"{field}_{language}"] = text
    return values


@pytest.fixture
def hostile() -> Hostile:
    """Everything an editor types, hostile in every language; URLs that the
    admin would refuse, as loaddata or an import could store them."""
    tags: list[str] = []
    with reversion.create_revision():
        organization = Organization.objects.create(
            slug="hostile-organization",
            website=SCRIPT_URL,
            **fill(
                ["name", "short_name", "description"],
                "o",
                tags,
                {"name": 300, "short_name": 100},
            ),
        )
        person = Person.objects.create(
            slug="hostile-person",
            **fill(["name", "position", "biography"], "p", tags, {"name": 200, "position": 300}),
        )
        Affiliation.objects.create(
            person=person,
            organization=organization,
            **fill(["role"], "a", tags, {"role": 300}),
        )
        initiative = Initiative.objects.create(
            slug="hostile-initiative", **fill(["name", "description"], "i", tags, {"name": 300})
        )
        initiative.people.add(person)
        initiative.organizations.add(organization)
        section = Section.objects.create(
            slug="hostile-section", **fill(["name", "description"], "s", tags, {"name": 120})
        )
        topic = Topic.objects.create(
            slug="hostile-topic", **fill(["name", "description"], "c", tags, {"name": 120})
        )
        author = Author.objects.create(
            slug="hostile-author", **fill(["name", "biography"], "w", tags, {"name": 200})
        )
        from django.utils import timezone

        article = Article.objects.create(
            section=section,
            slug="hostile-story",
            status=Article.Status.PUBLISHED,
            published_at=timezone.now(),
            source_kk=organization,
            source_ru=organization,
            source_en=organization,
            source_url_kk=SCRIPT_URL,
            source_url_ru=" JaVaScRiPt:alert(1)",
            source_url_en='https://example.kz/"><script>alert(1)</script>',
            **fill(["title", "lead", "body", "byline"], "t", tags, {"title": 300, "byline": 200}),
        )
        article.people.add(person)
        article.organizations.add(organization)
        article.initiatives.add(initiative)
        article.topics.add(topic)
        Byline.objects.create(article=article, author=author, position=0)
    with reversion.create_revision():
        article.body_en = payload("second-version") + "\n\n" + article.body_en
        article.save()
    tags.append("second-version")
    draft = Article.objects.create(
        slug="hostile-draft", status=Article.Status.DRAFT, title_kk=payload("draft")
    )
    tags.append("draft")
    user = User.objects.get(pk=make_user(superuser=True).pk)
    user.first_name = payload("user")
    user.save()
    tags.append("user")
    return Hostile(article, draft, person, organization, initiative, section, topic, author, tags)


def assert_inert(response, hostile: Hostile, url: str) -> None:
    assert response.status_code == 200, url
    content = response.content.decode()
    kind = response["Content-Type"]
    if kind.startswith("text/html"):
        assert active_content(content) == [], url
    elif "xml" in kind:
        root = ET.fromstring(response.content)  # well-formed, whatever editors typed
        for element in root.iter():
            if element.tag.rsplit("}", 1)[-1] in ("description", "summary", "content"):
                # HTML in the feed: the lead must arrive escaped inside it.
                assert unescaped_payloads(element.text or "", hostile.tags) == [], url
    assert unescaped_payloads(content, hostile.tags) == [], url


def test_public_pages_feeds_and_sitemaps_show_hostile_text_as_text(client, hostile):
    objects = {
        "detail": hostile.article.slug,
        "person-detail": hostile.person.slug,
        "organization-detail": hostile.organization.slug,
        "initiative-detail": hostile.initiative.slug,
        "section": hostile.section.slug,
        "topic": hostile.topic.slug,
        "author": hostile.author.slug,
    }
    urls = public_urls(objects)
    for language in LANGUAGES:
        with translation.override(language):
            urls += [
                reverse("articles:search") + "?q=alert",
                reverse("articles:search") + "?q=" + payload("query"),
                reverse("articles:list") + "?person=" + payload("filter") + "&q=img",
            ]
    hostile.tags += ["query", "filter"]

    for url in urls:
        response = client.get(url)
        if response.status_code in (301, 302):
            response = client.get(response["Location"])
        assert_inert(response, hostile, url)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_story_page_shows_its_text_but_links_no_script_url(client, hostile, language):
    with translation.override(language):
        response = client.get(hostile.article.get_absolute_url())

    content = response.content.decode()
    assert "&lt;script&gt;alert`" in content
    assert SCRIPT_URL not in content.lower()
    assert "Original publication" not in content or language == "en"
    if language == "en":  # an http(s) URL with quotes in it: linked, escaped
        assert 'href="https://example.kz/&quot;&gt;&lt;script&gt;' in content


def test_an_organization_with_a_script_url_website_has_no_website_link(client, hostile):
    with translation.override("en"):
        response = client.get(hostile.organization.get_absolute_url())

    content = response.content.decode()
    assert "Official website" not in content
    assert not is_script_url(content.split("sameAs", 1)[-1][:40].strip('": '))


def test_a_body_keeps_its_formatting_and_loses_its_scripts(client):
    article = make_article(
        body_en="<b>Bold</b> and <a href='https://x.example' onclick='alert(1)'>a link</a>"
        "<script>alert(2)</script>\nnext"
    )

    with translation.override("en"):
        content = client.get(article.get_absolute_url()).content.decode()

    assert (
        '<strong>Bold</strong> and <a href="https://x.example" rel="noopener noreferrer">a link</a>'
        "<br>next" in content
    )
    assert "alert(" not in content


def admin_urls(hostile: Hostile) -> list[str]:
    article = hostile.article
    newer, older = Version.objects.get_for_object(article)[:2]
    urls = [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist") + "?q=alert",
        reverse("admin:articles_article_changelist") + "?q=" + payload("admin-query"),
        reverse("admin:articles_article_compare", args=[article.pk])
        + f"?version_id1={older.pk}&version_id2={newer.pk}",
        reverse("admin:articles_article_revision", args=[article.pk, older.pk]),
        reverse("admin:auth_user_changelist"),
        reverse("admin:articles_article_change", args=[hostile.draft.pk]),
    ]
    for model, obj in (
        ("article", article),
        ("person", hostile.person),
        ("organization", hostile.organization),
        ("initiative", hostile.initiative),
    ):
        urls += [
            reverse(f"admin:articles_{model}_changelist"),
            reverse(f"admin:articles_{model}_change", args=[obj.pk]),
            reverse(f"admin:articles_{model}_history", args=[obj.pk]),
            reverse(f"admin:articles_{model}_delete", args=[obj.pk]),
        ]
    return urls


def test_admin_pages_show_hostile_text_as_text(client, hostile):
    client.force_login(User.objects.get(is_superuser=True))
    hostile.tags.append("admin-query")

    for url in admin_urls(hostile):
        assert_inert(client.get(url), hostile, url)


def test_admin_autocomplete_returns_hostile_names_as_json_text(client, hostile):
    client.force_login(User.objects.get(is_superuser=True))

    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "alert", "app_label": "articles", "model_name": "article", "field_name": "people"},
    )

    assert response["Content-Type"] == "application/json"
    names = {getattr(hostile.person, f"name_{language}") for language in LANGUAGES}
    assert response.json()["results"][0]["text"] in names


@pytest.mark.parametrize("url", [SCRIPT_URL, " javascript:alert(1)", "data:text/html,<b>x"])
def test_the_admin_refuses_script_urls(client, url):
    from tests.helpers import article_form_data

    client.force_login(make_user(role="Publisher"))
    article = make_article(status=Article.Status.DRAFT)

    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        {**article_form_data(article), "source_url_kk": url, "edit_token": edit_token(article)},
    )

    assert response.status_code == 200
    assert "source_url_kk" in response.context["adminform"].form.errors
    article.refresh_from_db()
    assert not article.source_url_kk
