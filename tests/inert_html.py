"""What in a page a browser would run: for tests that put hostile text in
and check that it comes out inert.

``active_content(html)`` lists every place where markup could run script:
script elements that are not data blocks, event-handler attributes, inline
styles (which the Content-Security-Policy would block anyway) and
``javascript:``-like URLs. Data blocks (JSON-LD) must parse as JSON: text
that closed the element early would break them.
"""

import json
import re
from html.parser import HTMLParser

DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}
# Browsers drop ASCII whitespace and control characters anywhere in a scheme.
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


def is_script_url(value: str) -> bool:
    return INVISIBLE.sub("", value).lower().startswith(SCRIPT_SCHEMES)


class _ActiveContent(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._data_block: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            if attributes.get("type") in DATA_BLOCK_TYPES and "src" not in attributes:
                self._data_block = []
            elif "src" not in attributes:
                self.found.append("inline <script>")
        elif tag == "style":
            self.found.append("inline <style>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"event handler {name}= on <{tag}>")
            elif name == "style":
                self.found.append(f"style= on <{tag}>")
            elif name in URL_ATTRIBUTES and value and is_script_url(value):
                self.found.append(f"script URL in {name}= on <{tag}>: {value[:40]}")

    def handle_data(self, data):
        if self._data_block is not None:
            self._data_block.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._data_block is not None:
            text = "".join(self._data_block)
            self._data_block = None
            try:
                json.loads(text)
            except ValueError:
                self.found.append(f"data block that is not JSON: {text[:60]!r}")


def active_content(html: str) -> list[str]:
    parser = _ActiveContent()
    parser.feed(html)
    parser.close()
    return parser.found
