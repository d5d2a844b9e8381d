"""articles/control_characters.py: which characters are unsafe, and how they show."""

import pytest

from articles.control_characters import escape_unsafe, first_unsafe

SAFE = "Тоқаев «Ақорда» — 2019 ж.\tTokayev\r\nЖаңа жол\n\ufeff😀 \u200f"


def test_letters_punctuation_tabs_and_line_breaks_are_safe():
    assert first_unsafe(SAFE) is None
    assert escape_unsafe("Тоқаев\tTokayev") == "Тоқаев\tTokayev"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("\x00", "U+0000 on line 1, column 1"),
        ("ab\x1b[31m", "U+001B on line 1, column 3"),
        ("a\nbc\x7f", "U+007F on line 2, column 3"),
        ("\x85", "U+0085 on line 1, column 1"),
        ("x\u202a", "U+202A (LEFT-TO-RIGHT EMBEDDING) on line 1, column 2"),
        ("\u2069", "U+2069 (POP DIRECTIONAL ISOLATE) on line 1, column 1"),
    ],
)
def test_it_finds_the_first_unsafe_character(text, where):
    assert first_unsafe(text) == where


def test_it_escapes_unsafe_characters_and_line_breaks_onto_one_line():
    escaped = escape_unsafe("\x1b[31mred\u202eevil\r\nnext\x9b")

    assert escaped == "\\x1b[31mred\\u202eevil\\r\\nnext\\x9b"
    assert first_unsafe(escaped) is None
