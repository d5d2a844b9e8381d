"""The Kazakh stemmer (articles/search/kazakh.py) and its measured quality."""

import pytest

from articles.search.evaluation import evaluate, nominal, read_pairs
from articles.search.kazakh import stem
from tests.shared_data import shared_path

# The forms the issue names, and what a reader expects them to meet.
GROUPS = [
    ["жемқорлық", "жемқорлыққа", "жемқорлықпен", "жемқорлықты", "жемқорлығы", "жемқорлықтың"],
    ["партия", "партиясы", "партиясының", "партияның", "партиялар", "партиясына"],
    ["агенттік", "агенттігі", "агенттігінің", "агенттіктің", "агенттіктер", "агенттігінде"],
    ["облыс", "облысы", "облысының", "облыста", "облыстардың"],
    ["кеңес", "кеңесі", "кеңесінің", "кеңеске"],
    ["адам", "адамдар", "адамдардың", "адамның", "адамға"],
]


@pytest.mark.parametrize("forms", GROUPS, ids=[group[0] for group in GROUPS])
def test_it_gives_every_form_of_a_word_one_key(forms):
    assert {stem(form) for form in forms} == {stem(forms[0])}


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("жемқорлыққа", "жемқорлық"),
        ("партиясының", "партия"),
        # г/ғ/б between vowels turn back into к/қ/п once the ending goes.
        ("агенттігінің", "агенттік"),
        ("жемқорлығы", "жемқорлық"),
        # A dropped vowel comes back: аузы is ауыз + ы.
        ("аузы", "ауыз"),
        ("халқының", "халық"),
        # The attributive -дағы and the -н- case forms after a possessive.
        ("жанындағы", "жан"),
        ("бағдарламасын", "бағдарлама"),
        ("министрлігінің", "министрлік"),
        ("депутаттар", "депутат"),
    ],
)
def test_it_strips_endings_right_to_left(form, expected):
    assert stem(form) == expected


@pytest.mark.parametrize("word", ["қарсы", "туралы", "бойынша", "арқылы", "маңызды", "теңге"])
def test_it_keeps_protected_words_whole(word):
    assert stem(word) == word


@pytest.mark.parametrize("word", ["адам", "ұйым", "білім", "жақын", "мен", "ел"])
def test_it_leaves_words_that_only_look_inflected(word):
    assert stem(word) == word


def test_it_keeps_a_vowel_and_two_letters_in_every_stem():
    for word in ("ана", "ала", "сы", "ды", "лар", "қа"):
        result = stem(word)
        assert len(result) >= 2
        assert any(char in "аәеиоөұүыіэюяё" for char in result)


def test_it_tells_apart_the_agreeing_ending_from_a_look_alike():
    # -да after a vowel is the locative; -дың after a vowel is not a genitive.
    assert stem("қалада") == "қала"
    assert stem("ададың") == "ададың"


def test_it_meets_the_targets_on_the_treebank_lemmas():
    """At least 93% of noun, adjective and proper-name forms get their
    lemma's key; at most 2% of distinct lemmas merge with another."""
    pairs = nominal(read_pairs(shared_path("data", "kk_lemmas_dev.tsv")))
    assert len(pairs) > 1000
    figures = evaluate(pairs, stem)
    assert figures.recall >= 0.93, f"recall {figures.recall:.1%}"
    assert figures.merged <= 0.02, f"wrongly merged {figures.merged:.1%}"


def test_the_figures_would_catch_a_stemmer_that_does_nothing():
    pairs = nominal(read_pairs(shared_path("data", "kk_lemmas_dev.tsv")))
    assert evaluate(pairs, lambda word: word).recall < 0.5
    assert evaluate(pairs, lambda word: word[:2]).merged > 0.5
