"""The one gate every story body passes on its way into the database.

``clean_body`` keeps the structure editors (and Word, and web pages pasted
into the editor) give a story, and nothing else:

1. nh3 (the Rust sanitiser ammonia) removes what is never allowed: scripts,
   styles and their content, comments, event handlers, style and class
   attributes, unknown tags (their text stays), and every URL scheme but
   http(s), mailto and tel (``javascript:`` and ``data:`` never survive).
2. The tree pass brings the rest to our format: <b>/<i> become
   <strong>/<em>, <h1> becomes <h2> and <h4>–<h6> <h3> (the page's <h1> is
   the headline), text outside any block becomes a paragraph, empty blocks
   are dropped, links to our entity pages become id links, and links to
   other sites get ``rel="noopener noreferrer"`` (with ``nofollow`` and
   ``ugc`` when the editor asked for them).
3. nh3 once more with the final allowlist, so what is stored is always what
   nh3 would write; cleaning a clean body changes nothing.

Plain text (no tags at all) is read as paragraphs separated by empty lines.
"""

from __future__ import annotations

import nh3

from . import entity_links
from .plain import from_plain_text, has_blocks, inline_markup_as_paragraphs, looks_like_html
from .tree import Element, parse, serialize

BODY_TAGS = frozenset({"p", "h2", "h3", "strong", "em", "a", "ul", "ol", "li", "blockquote", "br"})
BODY_ATTRIBUTES = {"a": {"href", "rel", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# What pasted HTML may bring in, before the tree pass renames or unwraps it.
INPUT_TAGS = BODY_TAGS | {"b", "i", "h1", "h4", "h5", "h6", "div"}
REMOVED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"}
)
RENAMED = {"b": "strong", "i": "em", "h1": "h2", "h4": "h3", "h5": "h3", "h6": "h3"}
BLOCKS = frozenset({"p", "h2", "h3", "ul", "ol", "blockquote"})
TEXT_BLOCKS = frozenset({"p", "h2", "h3", "li"})
# rel values an editor may ask for on a link to another site.
EDITOR_REL = ("nofollow", "ugc", "sponsored")
EXTERNAL_REL = ("noopener", "noreferrer")


def _nh3(html: str, tags) -> str:
    return nh3.clean(
        html,
        tags=set(tags),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in BODY_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def clean_body(value: str | None) -> str:
    """``value`` as a safe body in our format ("" when nothing is left)."""
    if not value or not value.strip():
        return ""
    if not looks_like_html(value):
        value = from_plain_text(value)
    elif not has_blocks(value):
        value = inline_markup_as_paragraphs(value)
    root = parse(_nh3(value, INPUT_TAGS))
    nodes = _blocks(root.children)
    _stabilize_entity_links(nodes)
    return _nh3(serialize(nodes), BODY_TAGS)


def _blocks(nodes: list) -> list:
    """Top-level nodes as a list of blocks: stray text and inline elements
    gathered into paragraphs, <div> unwrapped, empty blocks dropped."""
    blocks: list[Element] = []
    inline: list = []

    def flush():
        paragraph = _tidy(Element("p", children=list(inline)))
        inline.clear()
        if paragraph is not None:
            blocks.append(paragraph)

    for node in nodes:
        if isinstance(node, Element):
            node = _renamed(node)
        if isinstance(node, Element) and node.tag == "div":
            flush()
            blocks.extend(_blocks(node.children))
        elif isinstance(node, Element) and node.tag in BLOCKS:
            flush()
            tidy = _tidy(node)
            if tidy is not None:
                blocks.append(tidy)
        elif isinstance(node, Element) and node.tag == "li":
            flush()
            tidy = _tidy(Element("ul", children=[node]))
            if tidy is not None:
                blocks.append(tidy)
        else:
            inline.append(node)
    flush()
    return blocks


def _renamed(element: Element) -> Element:
    element.tag = RENAMED.get(element.tag, element.tag)
    element.children = [
        _renamed(child) if isinstance(child, Element) else child for child in element.children
    ]
    return element


def _tidy(element: Element) -> Element | None:
    """``element`` in shape, or None when it holds nothing a reader sees."""
    if element.tag in {"ul", "ol"}:
        items = []
        for child in element.children:
            if isinstance(child, Element) and child.tag == "li":
                tidy = _tidy(child)
            elif isinstance(child, Element) and child.tag in {"ul", "ol"} and items:
                items[-1].children.append(child)
                tidy = None
            elif (isinstance(child, str) and child.strip()) or isinstance(child, Element):
                tidy = _tidy(Element("li", children=[child]))
            else:
                tidy = None
            if tidy is not None:
                items.append(tidy)
        element.children = items
        return element if items else None
    if element.tag == "blockquote":
        element.children = _blocks(element.children)
        return element if element.children else None
    if element.tag == "li":
        element.children = _inline(element.children, keep_lists=True)
    else:
        element.children = _inline(element.children)
    _trim(element.children)
    return element if _has_content(element) else None


def _inline(nodes: list, keep_lists: bool = False) -> list:
    """Inline content: nested blocks are unwrapped into their text."""
    kept = []
    for node in nodes:
        if isinstance(node, str):
            kept.append(node)
        elif keep_lists and node.tag in {"ul", "ol"}:
            tidy = _tidy(node)
            if tidy is not None:
                kept.append(tidy)
        elif node.tag in BLOCKS or node.tag in {"li", "div"}:
            if kept:
                kept.append(Element("br"))
            kept.extend(_inline(node.children, keep_lists))
        elif node.tag == "a" and not node.attrs.get("href"):
            kept.extend(_inline(node.children))
        elif node.tag == "a":
            node.children = _unlinked(_inline(node.children))
            if node.text().strip():  # a link with no text cannot be followed
                kept.append(node)
        else:
            node.children = _inline(node.children, keep_lists)
            kept.append(node)
    return kept


def _unlinked(nodes: list) -> list:
    """A link's content without links inside it (HTML forbids nesting)."""
    flat = []
    for node in nodes:
        if isinstance(node, Element) and node.tag == "a":
            flat.extend(_unlinked(node.children))
        else:
            flat.append(node)
    return flat


def _trim(nodes: list) -> None:
    """Drop whitespace and line breaks at the start and end of a block."""
    for index in (0, -1):
        while nodes:
            edge = nodes[index]
            if isinstance(edge, str) and not edge.strip():
                nodes.pop(index)
            elif isinstance(edge, Element) and edge.tag == "br":
                nodes.pop(index)
            else:
                if isinstance(edge, str):
                    nodes[index] = edge.lstrip() if index == 0 else edge.rstrip()
                break


def _has_content(element: Element) -> bool:
    return bool(element.text().strip()) or any(
        child.tag in {"ul", "ol"} for child in element.elements()
    )


def _links(nodes: list) -> list[Element]:
    found = []
    for node in nodes:
        if isinstance(node, Element):
            if node.tag == "a":
                found.append(node)
            found.extend(_links(node.children))
    return found


def _stabilize_entity_links(nodes: list) -> None:
    links = _links(nodes)
    replacements = entity_links.stabilized({link.attrs["href"] for link in links})
    for link in links:
        href = replacements.get(link.attrs["href"], link.attrs["href"])
        link.attrs["href"] = href
        asked = set(link.attrs.get("rel", "").lower().split())
        link.attrs.pop("rel", None)
        if entity_links.own_path(href) is None and not href.startswith(("mailto:", "tel:")):
            tokens = [*EXTERNAL_REL, *(token for token in EDITOR_REL if token in asked)]
            link.attrs["rel"] = " ".join(tokens)
        if "title" in link.attrs and not link.attrs["title"].strip():
            del link.attrs["title"]
