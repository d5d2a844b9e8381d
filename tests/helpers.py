"""Helpers shared by the test modules: form data, URLs, hostile input.

Test modules import from here (or from factories.py), never from each other.
"""

from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles.edit_conflicts import edit_token
from articles.models import Article
from tests.factories import make_user

LANGUAGES = ("kk", "ru", "en")
ROLES = ["Editor", "Publisher"]
INLINE_PREFIXES = ("bylines", "topic_links", "story_images", "mention_suggestions", "corrections")


def article_form_data(article: Article | None = None, **overrides) -> dict:
    """The POST data the article change form sends, as an editor would."""
    data = {
        "title_kk": article.title_kk if article else "Жаңа мақала",
        "title_ru": article.title_ru if article else "Новая статья",
        "title_en": article.title_en if article else "New story",
        "lead_kk": "Лид",
        "lead_ru": "Лид",
        "lead_en": "Lead",
        "body_kk": "Мәтін",
        "body_ru": "Текст",
        "body_en": "Text",
        "byline_kk": "",
        "byline_ru": "",
        "byline_en": "",
        "status": article.status if article else Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "original_language": "kk",
        "slug": article.slug if article else "",
        "source_url_kk": "",
        "source_url_ru": "",
        "source_url_en": "",
    }
    # The inlines' management forms: no picture placed, no suggested link
    # decided, no correction.
    for prefix in INLINE_PREFIXES:
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    if article:
        article.refresh_from_db()
        data["edit_token"] = edit_token(article)
    if article and article.published_at:
        local = timezone.localtime(article.published_at)
        data["published_at_0"] = local.strftime("%Y-%m-%d")
        data["published_at_1"] = local.strftime("%H:%M:%S")
    data.update(overrides)
    return data


def login(client, role):
    """Log the client in as a new member of the group ``role``."""
    user = make_user(role=role)
    client.force_login(user)
    return user


def count_queries(client, url) -> int:
    """The queries of a second GET of ``url``, which must answer 200."""
    client.get(url)  # warm per-process caches (content types, permissions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(captured)


def url(name: str, language: str = "en", **kwargs) -> str:
    """The public page ``articles:<name>`` in a language."""
    with translation.override(language):
        return reverse(f"articles:{name}", kwargs=kwargs or None)


def url_of(obj, language: str) -> str:
    """An object's own page in a language."""
    with translation.override(language):
        return obj.get_absolute_url()


# Search queries that must never give an error, whatever they contain.
HOSTILE = [
    "",
    " ",
    "a",
    "ж",
    "x" * 5000,
    "коррупция " * 600,
    '"коррупция"',
    "'; DROP TABLE articles_article; --",
    "& | ! : * ( )",
    "коррупция & !агентство | (x:*)",
    "NEAR(a b) AND OR NOT",
    "{names} : tokaev",
    "a\x00b",
    "\x00",
    "Тоқаев Tokayev 汉字 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "😀🔥",
    "%_\\",
    "<script>alert(1)</script>",
]


def html(response) -> str:
    return response.content.decode()


def import_articles(*args, **options) -> str:
    """Runs the command; returns what it wrote to stdout and stderr."""
    out, err = StringIO(), StringIO()
    call_command("import_articles", *map(str, args), stdout=out, stderr=err, **options)
    return out.getvalue() + err.getvalue()
