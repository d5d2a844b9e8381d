"""Bodies as plain text, and plain text as a body.

Search, mention detection, snippets, JSON-LD and the history compare read
the text a reader sees: one paragraph (heading, list item, quote paragraph)
per block, separated by an empty line, with a line break kept as a newline.
``from_plain_text`` is its inverse for text: the data migration, the
importer and anything that saves plain text go through it, so every line of
the text stays verbatim.
"""

from __future__ import annotations

import re

from .tree import Element, escape_text, parse

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
TEXT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "div"})
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
BLOCK_TAG = re.compile(
    r"</?(p|div|h[1-6]|ul|ol|li|blockquote|table|tr|td|th|pre|section|article|br)\b", re.I
)


def looks_like_html(value: str) -> bool:
    return bool(HTML_TAG.search(value))


def inline_markup_as_paragraphs(text: str) -> str:
    """Text with inline markup only (``<b>``, ``<a>``…) and no blocks:
    paragraphs at empty lines, line breaks as <br>, the markup kept."""
    paragraphs = [part.strip() for part in PARAGRAPH_BREAK.split(text)]
    return "".join(
        "<p>" + "<br>".join(paragraph.split("\n")) + "</p>" for paragraph in paragraphs if paragraph
    )


def has_blocks(value: str) -> bool:
    return bool(BLOCK_TAG.search(value))


def from_plain_text(text: str) -> str:
    """Paragraphs (split at empty lines) as <p>, line breaks as <br>."""
    paragraphs = [part.strip() for part in PARAGRAPH_BREAK.split(text or "")]
    return "".join(
        "<p>" + "<br>".join(escape_text(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
        if paragraph
    )


def plain_text(html: str) -> str:
    """The text of a body, block by block."""
    if not html:
        return ""
    if not looks_like_html(html):
        return html.strip()
    blocks: list[str] = []
    _collect(parse(html), blocks)
    return "\n\n".join(block for block in blocks if block)


def paragraphs(html: str) -> list[str]:
    text = plain_text(html)
    return [part for part in PARAGRAPH_BREAK.split(text) if part.strip()]


def _collect(element: Element, blocks: list[str]) -> None:
    inline: list[str] = []

    def flush():
        text = "".join(inline).strip()
        if text:
            blocks.append(text)
        inline.clear()

    for child in element.children:
        if isinstance(child, str):
            inline.append(child)
        elif child.tag == "br":
            inline.append("\n")
        elif child.tag in TEXT_BLOCKS and not _has_blocks(child):
            flush()
            blocks.append(_inline_text(child).strip())
        elif child.tag in TEXT_BLOCKS or child.tag in {"ul", "ol", "blockquote", "figure"}:
            flush()
            _collect(child, blocks)
        else:
            inline.append(_inline_text(child))
    flush()


def _has_blocks(element: Element) -> bool:
    return any(
        child.tag in TEXT_BLOCKS or child.tag in {"ul", "ol", "blockquote"}
        for child in element.elements()
    )


def _inline_text(element: Element) -> str:
    parts = []
    for child in element.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag == "br":
            parts.append("\n")
        else:
            parts.append(_inline_text(child))
    return "".join(parts)
