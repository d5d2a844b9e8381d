import pytest

from articles.transliteration import (
    KAZAKH_2021,
    fold_to_ascii,
    kazakh_to_latin,
    slugify_title,
)

KAZAKH_ONLY_LETTERS = "әғқңөұүһі"


def test_it_uses_the_2021_alphabet_for_kazakh_letters():
    assert kazakh_to_latin("әғқңөұүһі") == "äğqñöūühı"
    assert kazakh_to_latin("Жемқорлық") == "jemqorlyq"


def test_it_lower_cases_cyrillic_before_transliterating():
    # Latin lower-casing would turn the capital I (Cyrillic І) into a dotted i.
    assert kazakh_to_latin("ІС-ҚИМЫЛ") == "ıs-qimyl"


@pytest.mark.parametrize("letter", list(KAZAKH_ONLY_LETTERS + KAZAKH_ONLY_LETTERS.upper()))
def test_it_never_drops_a_kazakh_letter(letter):
    assert slugify_title(f"а{letter}а", "kk") != "aa"
    assert len(slugify_title(f"а{letter}а", "kk")) == 3


def test_every_cyrillic_letter_has_a_latin_spelling():
    alphabet = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
    assert set(alphabet) == set(KAZAKH_2021)


@pytest.mark.parametrize(
    ("title", "language", "slug"),
    [
        ("Әлібек", "kk", "alibek"),
        ("Сыбайлас жемқорлыққа қарсы іс-қимыл", "kk", "sybailas-jemqorlyqqa-qarsy-is-qimyl"),
        ("Мониторингтік топ мүшелері", "kk", "monitoringtik-top-musheleri"),
        ("Партия «Nur Otan» активизировала работу", "ru", "partiia-nur-otan-aktivizirovala-rabotu"),
        ("Щедрый объём, ёлка", "ru", "shchedryi-obem-elka"),
        ("Nur Otan steps up its work", "en", "nur-otan-steps-up-its-work"),
    ],
)
def test_it_makes_readable_ascii_slugs(title, language, slug):
    assert slugify_title(title, language) == slug


def test_it_cuts_long_titles_at_a_word_boundary():
    slug = slugify_title("сыбайлас " * 30, "kk", max_length=40)

    assert len(slug) <= 40
    assert not slug.endswith("-")
    assert set(slug.split("-")) == {"sybailas"}


def test_it_returns_empty_for_a_title_without_letters():
    assert slugify_title("«—»", "kk") == ""


def test_it_folds_the_2021_letters_to_ascii():
    assert fold_to_ascii("äğñöūüşı") == "agnouushi"
