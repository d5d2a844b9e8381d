"""Tags for the reader's templates. None of them queries the database."""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django import template
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from articles import languages, links, notices, structured_data

register = template.Library()

PAGE_NUMBER = re.compile(r"[0-9]{1,9}")


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str
    url: str  # this page in that language, query string kept (language switcher)
    canonical_url: str  # absolute, without filters (canonical and hreflang links)
    og_locale: str
    is_current: bool


@dataclass(frozen=True)
class PageVersions:
    all: list[LanguageVersion]

    @property
    def current(self) -> LanguageVersion:
        return next(version for version in self.all if version.is_current)

    @property
    def others(self) -> list[LanguageVersion]:
        return [version for version in self.all if not version.is_current]

    @property
    def x_default(self) -> LanguageVersion:
        """The version for readers whose language is none of ours: Kazakh."""
        return next(v for v in self.all if v.code == languages.DEFAULT)


@register.simple_tag(takes_context=True)
def page_versions(context) -> PageVersions | None:
    """The current page in every language (None without a request, e.g. on 500)."""
    request = context.get("request")
    if request is None:
        return None
    current = get_language()
    # The head and the language switcher both ask: work it out once.
    remembered = getattr(request, "_page_versions", None)
    if remembered is not None and remembered[0] == current:
        return remembered[1]
    query = request.META.get("QUERY_STRING", "")
    query = f"?{iri_to_uri(query)}" if query else ""
    page = _canonical_page(request)
    versions = []
    for language in languages.LANGUAGES:
        path = _path_in_language(request, language.code, current)
        versions.append(
            LanguageVersion(
                code=language.code,
                name=language.self_name,
                url=path + query,
                canonical_url=request.build_absolute_uri(path + page),
                og_locale=language.og_locale,
                is_current=language.code == current,
            )
        )
    request._page_versions = (current, PageVersions(all=versions))
    return request._page_versions[1]


def _canonical_page(request) -> str:
    """What the canonical address keeps of the query string: the page number
    past the first page; filters are dropped (filtered lists are marked
    noindex instead)."""
    page = request.GET.get("page", "")
    if PAGE_NUMBER.fullmatch(page) and int(page) > 1:
        return f"?page={int(page)}"
    return ""


def _path_in_language(request, code: str, current: str) -> str:
    """The request's path in language ``code``: its view reversed in that
    language (what translate_url does, without resolving the path again),
    or, for a path that resolved to nothing, ``_in_language``."""
    match = request.resolver_match
    if match is not None and match.url_name:
        name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
        with translation.override(code):
            try:
                return reverse(name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                pass
    return _in_language(escape_uri_path(request.path), code, current)


def _in_language(url: str, code: str, current: str) -> str:
    """``url`` in language ``code``: the same object, via translate_url.

    A URL that does not resolve (a 404 page) keeps its path with the language
    prefix swapped, so the reader can still switch the 404 page's language.
    A path that starts with "//" or "/\\" (a 404 for "/%2F%2Fevil.example")
    would be a link to another host: its second character is escaped.
    """
    translated = translate_url(url, code)
    prefix = f"/{current}/"
    if translated == url and code != current and url.startswith(prefix):
        translated = f"/{code}/{url.removeprefix(prefix)}"
    if translated.startswith(("//", "/\\")):
        translated = "/" + quote(translated[1], safe="") + translated[2:]
    return translated


@register.filter
def external_url(value: str) -> str:
    """An editor-entered address, or "" unless it is an http(s) URL (articles/links.py)."""
    return links.external_url(value)


@register.filter
def self_name(code: str) -> str:
    """A language code's name in that language ("ru" -> "Русский")."""
    return languages.SELF_NAMES.get(code, code)


@register.filter
def shown_language(article, field: str) -> str:
    """The language of the text an article shows for ``field`` (for lang="...")."""
    return article.shown_language(field) or get_language()


@register.filter
def untranslated_note(article) -> str:
    """The list's note for a story not translated into the page's language."""
    note = notices.list_note(article)
    return str(note) if note else ""


@register.filter
def json_ld(data: structured_data.JsonLd) -> SafeString:
    """A page's schema.org data as a ``<script type="application/ld+json">``
    element, escaped so that no text in it can end the element."""
    return structured_data.json_ld(data)
