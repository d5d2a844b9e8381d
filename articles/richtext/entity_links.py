"""Links from a story's text to our people, organizations, initiatives and
documents.

They are stored by id, as ``/go/<kind>/<id>/`` (a real address: it redirects
to the page in the reader's language), so a rename or a new slug never
breaks them. An editor may paste the address of the page on our site in any
language instead; saving turns it into the id form. Pages rewrite each such
link to the entity's own page, or to plain text when it is gone.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import validate_host

# The kinds a body can link, and the path of their public pages.
PAGE_PATHS = {"person": "people", "organization": "organizations", "initiative": "initiatives"}
KINDS = (*PAGE_PATHS, "document")
STABLE_PATH = re.compile(r"^/go/(?P<kind>person|organization|initiative|document)/(?P<pk>\d+)/?$")


def stable_href(kind: str, pk: int) -> str:
    return f"/go/{kind}/{pk}/"


def target_of(href: str) -> tuple[str, int] | None:
    """(kind, id) of a stored entity link, or None for any other address."""
    match = STABLE_PATH.match(href)
    if not match:
        return None
    return match["kind"], int(match["pk"])


def own_path(href: str) -> str | None:
    """The path of ``href`` when it points at this site, else None."""
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return None
    if parts.scheme or parts.netloc:
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            return None
        hosts = settings.ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]
        if not validate_host(parts.hostname, hosts):
            return None
    if not parts.path.startswith("/"):
        return None
    return parts.path


def _public_page_pattern() -> re.Pattern:
    languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    kinds = "|".join(PAGE_PATHS.values())
    return re.compile(rf"^/(?:{languages})/(?P<kind>{kinds})/(?P<slug>[-\w]+)/?$")


def stabilized(hrefs: set[str]) -> dict[str, str]:
    """The id form of each address in ``hrefs`` that is one of our entity
    pages (``/ru/people/<slug>/``, absolute or not): one query per kind."""
    from ..models import Initiative, Organization, Person

    models = {"people": Person, "organizations": Organization, "initiatives": Initiative}
    kinds = {path: kind for kind, path in PAGE_PATHS.items()}
    pattern = _public_page_pattern()
    wanted: dict[str, dict[str, list[str]]] = {}
    for href in hrefs:
        path = own_path(href)
        match = pattern.match(path) if path else None
        if match:
            wanted.setdefault(match["kind"], {}).setdefault(match["slug"], []).append(href)
    replacements = {}
    for page_path, by_slug in wanted.items():
        found = models[page_path].objects.filter(slug__in=by_slug).values_list("slug", "pk")
        for slug, pk in found:
            for href in by_slug[slug]:
                replacements[href] = stable_href(kinds[page_path], pk)
    return replacements


def targets_in(html: str) -> set[tuple[str, int]]:
    """(kind, id) of every entity link in a stored body."""
    return {(match["kind"], int(match["pk"])) for match in STORED_LINK.finditer(html)}


STORED_LINK = re.compile(
    r'href="/go/(?P<kind>person|organization|initiative|document)/(?P<pk>\d+)/"'
)
