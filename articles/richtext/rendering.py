"""A stored body as the blocks a page shows.

Entity links become links to the entity's page in the reader's language
(or plain text when the entity is gone); a paragraph that is nothing but a
link becomes a card: a document's card for one of our documents, a link
card for another site (no third-party embeds); the story's pictures go
after their block. Everything is worked out from the body and the rows the
page has already loaded (the story's prefetched links): no query of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from . import entity_links, plain
from .tree import Element, parse, serialize

QUOTE_SOURCE = re.compile(r"^\s*[—–-]\s*\S")


@dataclass(frozen=True)
class LinkCard:
    """A link to another site, shown as a card instead of an embed."""

    href: str
    text: str
    host: str


class Block(NamedTuple):
    html: SafeString | str = ""
    picture: Any = None
    document: Any = None
    link: LinkCard | None = None


Targets = dict[tuple[str, int], Any]


def targets_of(article, html: str) -> Targets:
    """What ``html``'s entity links may point at, among the story's own
    linked people, organizations, initiatives and documents (prefetched
    with the story; a kind the text does not link to is not read). A body
    link to an entity is also a link of the story (see
    Article.link_body_entities), so a missing one has been deleted."""
    linked_kinds = {kind for kind, _ in entity_links.targets_in(html)}
    found: Targets = {}
    for kind, relation in (
        ("person", "people"),
        ("organization", "organizations"),
        ("initiative", "initiatives"),
        ("document", "documents"),
    ):
        if kind not in linked_kinds:
            continue
        for target in getattr(article, relation).all():
            found[(kind, target.pk)] = target
    return found


def target_url(kind: str, target) -> str:
    return target.file.url if kind == "document" else target.get_absolute_url()


def blocks(
    html: str,
    targets: Targets,
    pictures=(),
    lead: str = "",
    absolute=None,
) -> list[Block]:
    """The body's blocks with ``pictures`` (StoryImage rows) placed after
    their block, without a repeat of ``lead`` at the start. ``absolute``
    turns a local URL into an absolute one (for feeds)."""
    if not plain.looks_like_html(html):
        html = plain.from_plain_text(html)
    elements = parse(html).elements()
    if lead and elements:
        _drop_repeated_lead(elements, lead)
    shown: list[Block] = []
    for element in elements:
        card = _card(element, targets)
        if card is not None:
            shown.append(card)
            continue
        _resolve_links(element, targets, absolute)
        if element.tag == "blockquote":
            _mark_quote_source(element)
        shown.append(Block(html=mark_safe(serialize([element]))))
    return _with_pictures(shown, pictures)


def html(blocks_: list[Block], picture_html=None) -> SafeString:
    """The blocks as one HTML fragment (feeds): cards as plain paragraphs
    with their link, pictures through ``picture_html``."""
    parts = []
    for block in blocks_:
        if block.html:
            parts.append(block.html)
        elif block.document is not None:
            document = block.document
            parts.append(
                format_html('<p><a href="{}">{}</a></p>', document.file.url, document.title)
            )
        elif block.link is not None:
            link = block.link
            parts.append(
                format_html(
                    '<p><a href="{}" rel="noopener noreferrer">{}</a> ({})</p>',
                    link.href,
                    link.text,
                    link.host,
                )
            )
        elif block.picture is not None and picture_html is not None:
            parts.append(picture_html(block.picture))
    return mark_safe("".join(str(part) for part in parts))


def _card(element: Element, targets: Targets) -> Block | None:
    if element.tag != "p":
        return None
    children = [c for c in element.children if not (isinstance(c, str) and not c.strip())]
    if len(children) != 1 or not isinstance(children[0], Element) or children[0].tag != "a":
        return None
    link = children[0]
    href = link.attrs.get("href", "")
    target = entity_links.target_of(href)
    if target is not None:
        if target[0] == "document" and target in targets:
            return Block(document=targets[target])
        return None
    parts = urlsplit(href)
    if parts.scheme in {"http", "https"} and parts.hostname and not entity_links.own_path(href):
        host = parts.hostname.removeprefix("www.")
        return Block(link=LinkCard(href=href, text=link.text().strip() or host, host=host))
    return None


def _resolve_links(element: Element, targets: Targets, absolute) -> None:
    children = []
    for child in element.children:
        if isinstance(child, Element):
            _resolve_links(child, targets, absolute)
            if child.tag == "a":
                target = entity_links.target_of(child.attrs.get("href", ""))
                if target is not None:
                    if target not in targets:
                        children.extend(child.children)
                        continue
                    url = target_url(target[0], targets[target])
                    child.attrs["href"] = absolute(url) if absolute else url
                elif absolute and child.attrs.get("href", "").startswith("/"):
                    child.attrs["href"] = absolute(child.attrs["href"])
        children.append(child)
    element.children = children


def _mark_quote_source(quote: Element) -> None:
    """The last paragraph of a quote that starts with a dash is its source."""
    paragraphs = quote.elements()
    if len(paragraphs) > 1 and paragraphs[-1].tag == "p":
        last = paragraphs[-1]
        if QUOTE_SOURCE.match(last.text()):
            last.attrs["class"] = "quote-source"


def _drop_repeated_lead(elements: list[Element], lead: str) -> None:
    from ..models.stories import without_repeated_lead

    first = elements[0]
    if first.tag != "p" or any(child.tag != "br" for child in first.elements()):
        return
    text = plain.plain_text(serialize([first]))
    rest = without_repeated_lead(text, lead)
    if not rest:
        del elements[0]
    elif rest != text:
        lines = rest.split("\n")
        first.children = [lines[0]]
        for line in lines[1:]:
            first.children += [Element("br"), line]


def _with_pictures(shown: list[Block], pictures) -> list[Block]:
    by_block: dict[int, list] = {}
    for picture in pictures:
        by_block.setdefault(min(picture.after_paragraph, len(shown)), []).append(picture)
    placed = [Block(picture=picture) for picture in by_block.get(0, [])]
    for number, block in enumerate(shown, 1):
        placed.append(block)
        placed.extend(Block(picture=picture) for picture in by_block.get(number, []))
    return placed
