"""Characters that must not reach stored text or a terminal unescaped.

Control characters (C0 other than tab and line breaks, DEL, C1) include ESC,
which starts the ANSI sequences that recolour or rewrite a terminal; the
bidirectional embeddings, overrides and isolates (U+202A–U+202E,
U+2066–U+2069) make text display in another order than it is stored, so a
title or a file name can show as something it is not.
"""

import re
import unicodedata

UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def first_unsafe(text: str) -> str | None:
    """Where the first unsafe character of ``text`` is, in words, or None."""
    found = UNSAFE.search(text)
    if not found:
        return None
    before = text[: found.start()]
    line = before.count("\n") + 1
    column = found.start() - (before.rfind("\n") + 1) + 1
    return f"{describe(found.group())} on line {line}, column {column}"


def describe(character: str) -> str:
    """The code point, with its name where Unicode gives one:
    "U+001B", "U+202E (RIGHT-TO-LEFT OVERRIDE)"."""
    code = f"U+{ord(character):04X}"
    name = unicodedata.name(character, "")
    return f"{code} ({name})" if name else code


def escape_unsafe(text: str) -> str:
    """``text`` with each unsafe character (and the line breaks, so that it
    stays one line) written as a visible escape: "\\x1b", "\\u202e"."""
    return UNSAFE.sub(_escape, text.replace("\r", "\\r").replace("\n", "\\n"))


def _escape(found: re.Match) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
