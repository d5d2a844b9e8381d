"""Every public URL of the site, found by walking the URLconf, so that a
route added later is covered by the security tests without editing them.

A route whose arguments these helpers cannot fill makes them fail, naming
the route: add it to ``url_kwargs`` then.
"""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

# Not reader pages: the admin (tests/test_admin_matrix.py), the language
# switch (a POST with a redirect, tests/test_security.py), the probe and the
# development server's media files (tests/media/test_serving.py).
NOT_PUBLIC_NAMESPACES = {"admin"}
# entity-link only redirects a body's link to the entity's page (tests/richtext/).
NOT_PUBLIC_NAMES = {"set_language", "healthz", "media", "entity-link"}


@dataclass(frozen=True)
class Route:
    name: str  # as reverse() takes it, e.g. "articles:detail"
    arguments: tuple[str, ...]
    i18n: bool  # inside i18n_patterns: one URL per language


def public_routes() -> list[Route]:
    routes: list[Route] = []

    def walk(patterns, namespace: str | None, i18n: bool) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace in NOT_PUBLIC_NAMESPACES:
                    continue
                nested = entry.namespace or namespace
                is_i18n = i18n or type(entry.pattern).__name__ == "LocalePrefixPattern"
                walk(entry.url_patterns, nested, is_i18n)
            elif isinstance(entry, URLPattern) and entry.name:
                if entry.name in NOT_PUBLIC_NAMES:
                    continue
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                arguments = tuple(entry.pattern.converters)
                routes.append(Route(name=name, arguments=arguments, i18n=i18n))

    walk(get_resolver().url_patterns, None, False)
    return routes


def url_kwargs(route: Route, objects: dict) -> list[dict[str, str]]:
    """Arguments that make ``route`` show something, one dict per page:
    ``objects`` maps the kind of page ("detail", "person-detail", "section",
    ...) to a slug."""
    if not route.arguments:
        return [{}]
    if route.arguments == ("slug",):
        kind = route.name.rsplit(":", 1)[-1]
        # A section's, topic's or author's feeds are theirs: "section-feed-atom".
        kind = kind.removesuffix("-atom").removesuffix("-feed")
        if kind in objects:
            return [{"slug": objects[kind]}]
    if route.arguments == ("section",):
        from articles.sitemaps import SITEMAPS

        return [{"section": section} for section in SITEMAPS]
    raise AssertionError(f"tests/public_urls.py cannot fill the arguments of {route}")


def public_urls(objects: dict, languages=("kk", "ru", "en")) -> list[str]:
    """One URL per public route (per language for the translated ones),
    each for a published object where the route takes one."""
    urls = []
    for route in public_routes():
        for kwargs in url_kwargs(route, objects):
            for language in languages if route.i18n else languages[:1]:
                with translation.override(language):
                    urls.append(reverse(route.name, kwargs=kwargs or None))
    return urls
