"""Tokens, keys and name keys (articles/search/analysis.py)."""

import io

import pytest
from django.core.management import call_command

from articles.search.analysis import analyze, index_keys, name_keys, tokens
from articles.search.query import MAX_QUERY_LENGTH, MAX_TERMS, parse


def keys(text: str, language: str) -> set[str]:
    return set(index_keys(text, language).split())


def test_it_lowercases_and_writes_yo_as_ye():
    assert tokens("ЁЛКА Коррупция") == ["елка", "коррупция"]


def test_it_drops_the_kazakh_ending_written_after_a_number():
    assert tokens("900-ден астам") == ["900", "астам"]


def test_it_splits_digits_from_letters_and_ignores_symbols():
    assert tokens("covid19 — «жоба» 😀 & | ! : * ( )") == ["covid", "19", "жоба"]


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        ("ru", ["коррупция", "коррупции", "коррупцией", "коррупцию"]),
        ("en", ["corruption", "corrupt", "corrupted"]),
        ("kk", ["жемқорлық", "жемқорлыққа", "жемқорлықпен", "жемқорлықты"]),
    ],
)
def test_it_gives_the_forms_of_a_word_one_key(language, forms):
    assert len({key for form in forms for key in keys(form, language)}) == 1


def test_it_reaches_the_russian_adjective_through_a_prefix():
    query = parse("коррупция")
    assert query.matches("коррупционных", "ru")
    assert not query.matches("корпорация", "ru")


@pytest.mark.parametrize(("language", "stop_word"), [("kk", "және"), ("ru", "и"), ("en", "the")])
def test_it_leaves_stop_words_without_a_key(language, stop_word):
    assert analyze(stop_word, language) == [(stop_word, "")]


@pytest.mark.parametrize(
    "spellings",
    [
        ["Тоқаев", "Токаев", "Tokayev", "Tokaev", "Toqaev"],
        ["Қасым-Жомарт", "Касым-Жомарт", "Kassym-Jomart"],
        ["Смайылов", "Смаилов", "Smailov"],
        ["Жүсіпбаев", "Жусипбаев", "Zhusipbayev"],
        ["Ерқоңыр", "Ерконыр", "Yerkonyr"],
        ["Нұр Отан", "Нур Отан", "Nur Otan"],
    ],
    ids=lambda spellings: spellings[-1],
)
def test_it_gives_every_spelling_of_a_name_one_key(spellings):
    assert len({name_keys(spelling) for spelling in spellings}) == 1


def test_it_tells_different_names_apart():
    assert name_keys("Тоқаев") != name_keys("Назарбаев")


def test_it_finds_an_inflected_name_in_a_query():
    assert parse("Тоқаевтың").terms[0].names & {"tokaev"}
    assert parse("Токаева").terms[0].names & {"tokaev"}


def test_it_cuts_a_long_query_to_a_bounded_number_of_terms():
    query = parse("слово " * 2000 + " ".join(f"слово{n}" for n in range(100)))
    assert len(query.text) <= MAX_QUERY_LENGTH
    assert len(query.terms) <= MAX_TERMS
    assert len(parse(" ".join(f"w{n}x" for n in range(100))).terms) == MAX_TERMS


def test_it_prints_tokens_and_keys_tab_separated():
    out = io.StringIO()
    call_command("analyze_text", "Жемқорлыққа және партиясының", language="kk", stdout=out)
    assert out.getvalue().splitlines() == [
        "жемқорлыққа\tжемқорлық",
        "және\t",
        "партиясының\tпартия",
    ]


def test_it_reads_tokens_from_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("коррупцией\nкоррупционных\n"))
    out = io.StringIO()
    call_command("analyze_text", "-", language="ru", stdout=out)
    assert out.getvalue().splitlines() == ["коррупцией\tкоррупц", "коррупционных\tкоррупцион"]
