"""schema.org data (JSON-LD) for the reader's pages.

Each function returns a plain dict for one page's main object; ``json_ld``
turns it into the ``<script type="application/ld+json">`` element. URLs are
absolute and in the active language, like the page's canonical link. Nothing
here queries the database: the views' ``for_detail()`` querysets have
loaded every related row already, and only published stories' own fields
are read (entities list no stories).
"""

import json
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .links import external_url
from .media.pictures import shared_image
from .models import Article, Organization, Person

JsonLd = dict[str, Any]
CONTEXT = "https://schema.org"

# As django.utils.html.json_script: with <, > and & escaped, no text an editor
# types can close the element ("</script>") or open a comment ("<!--"). The
# line and paragraph separators are escaped too, for JavaScript parsers older
# than ES2019 that reject them in strings. Other characters stay as they are
# (ensure_ascii=False), so Kazakh and Russian text is readable and not six
# times longer.
ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def json_ld(data: JsonLd) -> SafeString:
    """``data`` as a ``<script type="application/ld+json">`` element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def _iso(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat()


def _reference(request: HttpRequest, entity: Person | Organization) -> JsonLd:
    """A person or organization as a link to its page."""
    return {
        "@type": "Person" if isinstance(entity, Person) else "Organization",
        "name": str(entity),
        "url": request.build_absolute_uri(entity.get_absolute_url()),
    }


def publisher(request: HttpRequest) -> JsonLd:
    """The site itself, as the publisher of every story."""
    return {
        "@type": "Organization",
        "name": _("Newsroom"),
        "url": request.build_absolute_uri(reverse("articles:home")),
    }


def news_article(article: Article, *, request: HttpRequest) -> JsonLd:
    """A story, from ``Article.objects.published().for_detail()``.

    The people and organizations linked to a story are those it names, not
    necessarily its subject (the seed links every organization a text names,
    down to the outlet it quotes), so they are ``mentions``, not ``about``.
    """
    url = request.build_absolute_uri(article.get_absolute_url())
    credits = article.credits()
    data: JsonLd = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.lead,
        "datePublished": _iso(article.published_at),
        "dateModified": _iso(article.modified_at),
        # The language of the text shown, which may be a fallback's.
        "inLanguage": article.shown_language("body") or get_language(),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "publisher": publisher(request),
    }
    body = article.body_text
    if body:
        data["articleBody"] = body
    if article.section is not None:
        data["articleSection"] = str(article.section)
    topics = [str(topic) for topic in article.topics.all()]
    if topics:
        data["keywords"] = topics
    authors = [
        {
            "@type": "Person",
            "name": str(author),
            "url": request.build_absolute_uri(author.get_absolute_url()),
        }
        for author in article.byline_authors()
    ]
    credit = article.byline_credit()
    if credit:
        authors.append({"@type": "Person", "name": credit})
    if authors:
        data["author"] = authors if len(authors) > 1 else authors[0]
    elif credits.source:
        data["author"] = _reference(request, credits.source)
    if article.lead_image is not None:
        data["image"] = [image_object(article.lead_image, request=request)]
    mentions = [*article.people.all(), *article.organizations.all()]
    if mentions:
        data["mentions"] = [_reference(request, entity) for entity in mentions]
    return data


def image_object(image, *, request: HttpRequest) -> JsonLd:
    """An image as Google's article rich results read it: a URL with its size."""
    shared = shared_image(image)
    data: JsonLd = {
        "@type": "ImageObject",
        "url": request.build_absolute_uri(shared.url),
        "width": shared.width,
        "height": shared.height,
    }
    if image.credit:
        data["creditText"] = image.credit
    if image.caption:
        data["caption"] = image.caption
    return data


def person_profile(person: Person, *, request: HttpRequest) -> JsonLd:
    """A person, from ``Person.objects.for_detail()``."""
    data: JsonLd = {"@context": CONTEXT, **_reference(request, person)}
    if person.position:
        data["description"] = person.position
    organizations = {a.organization.pk: a.organization for a in person.affiliations.all()}
    if organizations:
        data["affiliation"] = [_reference(request, org) for org in organizations.values()]
    return data


def organization_profile(organization: Organization, *, request: HttpRequest) -> JsonLd:
    """An organization, from ``Organization.objects.for_detail()``."""
    data: JsonLd = {"@context": CONTEXT, **_reference(request, organization)}
    if organization.short_name:
        data["alternateName"] = organization.short_name
    if organization.description:
        data["description"] = organization.description
    website = external_url(organization.website)  # never a javascript: address
    if website:
        data["sameAs"] = website
    if organization.parent:
        data["parentOrganization"] = _reference(request, organization.parent)
    return data
