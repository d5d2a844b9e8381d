"""A small HTML tree: parse a fragment, walk it, write it out again.

Python's own html.parser does the tokenising; the tree has only what bodies
need (elements with attributes, and text), and writing it out escapes text
and attribute values the way nh3's serialiser does, so a body written here
and cleaned by nh3 stays byte for byte the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID_TAGS = frozenset({"br", "hr", "img", "wbr"})
# Elements that close an open <p> (as an HTML parser would).
CLOSES_PARAGRAPH = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "table", "hr"}
)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        """All the text inside, as a reader sees it (no separators)."""
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def elements(self) -> list[Element]:
        return [child for child in self.children if isinstance(child, Element)]


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root")
        self.open: list[Element] = [self.root]

    def handle_starttag(self, tag, attrs):
        if tag == "p" or tag in CLOSES_PARAGRAPH:
            self._close("p", stop_at={"li", "blockquote", "td", "th"})
        if tag == "li":
            self._close("li", stop_at={"ul", "ol"})
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and self.open[-1].tag == tag:
            self.open.pop()

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        siblings = self.open[-1].children
        if siblings and isinstance(siblings[-1], str):
            siblings[-1] += data
        else:
            siblings.append(data)

    def _close(self, tag: str, stop_at: set[str]) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            current = self.open[depth].tag
            if current == tag:
                del self.open[depth:]
                return
            if current in stop_at:
                return


def parse(html: str) -> Element:
    """The fragment's nodes under a root element."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def escape_text(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("\xa0", "&nbsp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def escape_attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace("\xa0", "&nbsp;").replace('"', "&quot;")


def serialize(nodes: list[Element | str]) -> str:
    return "".join(_write(node) for node in nodes)


def _write(node: Element | str) -> str:
    if isinstance(node, str):
        return escape_text(node)
    attributes = "".join(
        f' {name}="{escape_attribute(value)}"' for name, value in node.attrs.items()
    )
    if node.tag in VOID_TAGS:
        return f"<{node.tag}{attributes}>"
    return f"<{node.tag}{attributes}>{serialize(node.children)}</{node.tag}>"
