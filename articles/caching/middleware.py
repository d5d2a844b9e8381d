"""The page cache: whole public pages for anonymous readers.

A page is stored when a GET from a reader without a session (no session or
messages cookie) gets a 200 from a public view (the reader's pages, feeds,
sitemaps, robots.txt) that sets no cookie, does not vary by cookie and is
not marked private or uncacheable. It is served to GET and HEAD requests
for the same host, scheme, path and query string (parameters sorted) under
the same content version, so a change that an editor saves shows at once.
The path carries the language (``/ru/…``). Editors, with their session
cookie, always get a freshly built page; so do the admin, the preview and
``/healthz``, which are never stored.

Cached and freshly built pages carry an ETag (a hash of the body) and
Last-Modified (when the content last changed), and a request that already
holds the page gets a 304. ``Cache-Control: public`` with short lifetimes
(settings: PAGE_MAX_AGE, PAGE_SHARED_MAX_AGE, PAGE_STALE_WHILE_REVALIDATE)
lets browsers, the nginx in front (deploy/nginx/) and a CDN keep a page for
seconds, so that a spike of readers costs the application one request per
page per interval. Public pages built for someone with a session are
``private, no-store``: no cache anywhere keeps them.

After a change, the first reader of a page rebuilds it while concurrent
readers get the page's previous copy, or wait for the new one when there is
none (rebuilds.py). ``X-Newsroom-Cache`` says which: ``hit``, ``miss`` (built
by this request), ``previous`` or ``waited``.

It sits after SecurityMiddleware, CSPMiddleware and WhiteNoise (their
headers are added to every response, cached or not) and before the
session and everything else, which a cached page skips.
"""

import hashlib
import logging
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import http_date, quote_etag

from . import rebuilds, versions
from .errors import CACHE_ERRORS

logger = logging.getLogger(__name__)

# Views outside the "articles" namespace whose pages are public too.
PUBLIC_URL_NAMES = frozenset({"robots", "sitemap", "sitemap-section"})
# Headers of the view's response that a cached copy keeps; the outer
# middleware adds its own (security headers, CSP) to every response.
LANGUAGE_PREFIXES = frozenset(code for code, _name in settings.LANGUAGES)
SITE_FILES = frozenset({"/robots.txt", "/sitemap.xml"})
# Marks a page served from its last copy while the database is down.
STALE_HEADER = "X-Newsroom-Stale"
# How the page cache answered: hit, miss, previous or waited.
STATUS_HEADER = "X-Newsroom-Cache"
STORED_HEADERS = ("Content-Type", "Content-Language", "X-Frame-Options", "X-Robots-Tag")


@dataclass(frozen=True)
class CachedPage:
    content: bytes
    headers: tuple[tuple[str, str], ...]
    etag: str

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content)
        for name, value in self.headers:
            response[name] = value
        response["Content-Length"] = str(len(self.content))
        return response


def reader_request(request: HttpRequest) -> bool:
    """A GET or HEAD from someone without a session (a reader, not an
    editor) for a path where public pages live: under a language prefix but
    not in the admin, or one of the site-wide files. Decided from the path
    alone, so that other requests pay nothing for the cache."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    path = request.path_info
    prefix, _slash, rest = path[1:].partition("/")
    if prefix in LANGUAGE_PREFIXES:
        return not rest.startswith("admin/")
    return path in SITE_FILES or (path.startswith("/sitemap-") and path.endswith(".xml"))


def _address_digest(request: HttpRequest) -> str:
    """Scheme, host, path and the query string with its parameters sorted
    (repeated ones keep their order), hashed."""
    query = sorted(parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True))
    address = f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(query)}"
    return hashlib.sha256(address.encode()).hexdigest()


def page_key(request: HttpRequest, version: versions.Version) -> str:
    """The cache key of a page under a content version."""
    return f"page:{version.generation}:{_address_digest(request)}"


def latest_key(request: HttpRequest) -> str:
    """The key of the last copy stored for a page's address, whatever its
    version: what readers get while the version cannot be read."""
    return f"page-latest:{_address_digest(request)}"


def public_view(request: HttpRequest) -> bool:
    """Whether the request went to one of the reader's pages (the admin and
    the preview have namespaces of their own)."""
    match = request.resolver_match
    return match is not None and (
        match.namespace == "articles" or match.url_name in PUBLIC_URL_NAMES
    )


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        public_view(request)
        and request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "cookie" not in response.get("Vary", "").lower()
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


def _validators(response: HttpResponse, etag: str, version: versions.Version) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(version.changed_at.timestamp())
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_MAX_AGE,
        s_maxage=settings.PAGE_SHARED_MAX_AGE,
        stale_while_revalidate=settings.PAGE_STALE_WHILE_REVALIDATE,
    )


def _private(response: HttpResponse) -> HttpResponse:
    """A public page built for someone with a session: shown once, kept by
    nobody (it may name the editor or show their drafts' links)."""
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_store=True)
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.timeout:
            return self.get_response(request)
        if not reader_request(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD") and public_view(request):
                _private(response)
            return response
        try:
            version = versions.current()
            key = page_key(request, version)
        except DisallowedHost:
            return self.get_response(request)  # the 400 page
        except DatabaseError:
            # The database is unreachable: the last copy of this page, if
            # any, is better than the outage page the rest of the stack gives.
            return self._stale(request) or self.get_response(request)
        request.content_version = version
        page = self._get(key)
        if page is not None:
            return self._cached(request, page, version, "hit")
        if rebuilds.claim(key):
            try:
                return self._build(request, key, version)
            finally:
                rebuilds.release(key)
        # Another request is building this page: its previous copy, or the
        # new one once built.
        previous = self._get(latest_key(request))
        if previous is not None:
            response = previous.response()
            response["ETag"] = previous.etag
            # The new copy is moments away: nobody is to keep this one.
            patch_cache_control(response, no_cache=True)
            response[STATUS_HEADER] = "previous"
            return response
        page = rebuilds.wait_for(lambda: self._get(key))
        if page is not None:
            return self._cached(request, page, version, "waited")
        return self._build(request, key, version)

    def _cached(self, request, page: CachedPage, version, status: str) -> HttpResponse:
        response = page.response()
        response[STATUS_HEADER] = status
        _validators(response, page.etag, version)
        return self._conditional(request, response, page.etag, version)

    def _build(self, request: HttpRequest, key: str, version: versions.Version) -> HttpResponse:
        response = self.get_response(request)
        if not storable(request, response):
            if response.cookies or "cookie" in response.get("Vary", "").lower():
                _private(response)
            return response
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        stored = tuple((name, response[name]) for name in STORED_HEADERS if name in response)
        page = CachedPage(content=response.content, headers=stored, etag=etag)
        self._set(key, page, self.timeout)
        self._set(latest_key(request), page, settings.STALE_PAGE_SECONDS)
        response[STATUS_HEADER] = "miss"
        _validators(response, etag, version)
        return self._conditional(request, response, etag, version)

    @staticmethod
    def _conditional(request, response, etag, version) -> HttpResponse:
        conditional = get_conditional_response(
            request, etag=etag, last_modified=int(version.changed_at.timestamp()), response=response
        )
        return conditional or response

    @staticmethod
    def _get(key: str) -> CachedPage | None:
        page = versions.recent_pages.get(key)
        if page is not None:
            return page
        try:
            page = cache.get(key)
        except CACHE_ERRORS:
            logger.warning("Page cache unavailable", exc_info=True)
            return None
        if page is not None:
            versions.recent_pages.put(key, page)
        return page

    @staticmethod
    def _set(key: str, page: CachedPage, timeout: int) -> None:
        versions.recent_pages.put(key, page)
        try:
            cache.set(key, page, timeout)
        except CACHE_ERRORS:
            logger.warning("Page cache unavailable", exc_info=True)

    def _stale(self, request: HttpRequest) -> HttpResponse | None:
        page = self._get(latest_key(request))
        if page is None:
            return None
        response = page.response()
        response[STALE_HEADER] = "1"
        # Only until the database is back: never kept by a browser or a proxy.
        add_never_cache_headers(response)
        return response
