"""Turning words of a body into a link (an accepted mention suggestion)."""

from __future__ import annotations

from .tree import Element, parse, serialize


def with_link(html: str, words: str, href: str) -> str | None:
    """``html`` with the first occurrence of ``words`` outside any link made
    a link to ``href``; None when the words are not found there."""
    if not words.strip():
        return None
    root = parse(html)
    return serialize(root.children) if _wrap(root, words, href) else None


def _wrap(element: Element, words: str, href: str) -> bool:
    for index, child in enumerate(element.children):
        if isinstance(child, Element):
            if child.tag != "a" and _wrap(child, words, href):
                return True
            continue
        position = child.find(words)
        if position < 0:
            continue
        link = Element("a", {"href": href}, [words])
        pieces = [child[:position], link, child[position + len(words) :]]
        element.children[index : index + 1] = [piece for piece in pieces if piece != ""]
        return True
    return False
