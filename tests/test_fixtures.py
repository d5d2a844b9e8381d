"""The seed fixture (fixtures/seed.json) against the seed texts in ../shared/seeds,
and what loaddata does with a bad fixture."""

import json
import re
from pathlib import Path

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command
from django.core.serializers.base import DeserializationError
from django.db import IntegrityError

from articles.models import Affiliation, Article, Initiative, Organization, Person
from articles.richtext.plain import plain_text
from articles.transliteration import slugify_title
from tests.helpers import LANGUAGES
from tests.shared_data import shared_path

# What each seed is: the article it belongs to (by its original title's slug),
# its language, whether line 1 is a headline, and the closing byline line.
SEEDS = {
    "000_fcad94893e81899f.txt": ("kk", "nur-otan-partiiasy", False, "Ерке ЕРҚОҢЫР"),
    "001_02345bed8e127c96.txt": ("ru", "nur-otan-partiiasy", True, None),
    "002_3202269b926a082f.txt": ("kk", "monitoringtik-top", True, None),
    "003_039e9cc9f0c95348.txt": ("kk", "sybailas-jemqorlyqqa-qarsy-is-qimyl-turaly", True, None),
    "004_93112b8b391c61b6.txt": ("kk", "prezident-songy-ush-jylda", True, None),
}
# Page furniture that is not article text: view counters and print/comment links.
PAGE_CHROME = {"0", "1 537", "Версия для печати", "Пікір үстеу"}

ALL_MODELS = (Organization, Person, Affiliation, Initiative, Article)


def article_for(slug_prefix: str) -> Article:
    return Article.objects.get(slug__startswith=slug_prefix)


def seed_lines(name: str) -> list[str]:
    text = shared_path("seeds", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def article_text_lines(name: str) -> tuple[str | None, list[str]]:
    """The headline and the lines of article text of one seed."""
    _, _, has_headline, byline = SEEDS[name]
    lines = seed_lines(name)
    headline = lines[0] if has_headline else None
    text = []
    for line in lines[1 if has_headline else 0 :]:
        if line.replace("\xa0", " ") in PAGE_CHROME or line in (headline, byline):
            continue
        text.append(line)
    return headline, text


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in ALL_MODELS}


# --- Loading ----------------------------------------------------------------------


def test_it_loads_the_seed_fixture(seed):
    assert counts() == {
        "Organization": 47,
        "Person": 13,
        "Affiliation": 14,
        "Initiative": 19,
        "Article": 4,
    }
    assert Article.objects.published().count() == 4


def test_loading_twice_changes_nothing(seed):
    def snapshot():
        return serializers.serialize("json", [o for m in ALL_MODELS for o in m.objects.all()])

    before = snapshot()
    call_command("loaddata", "seed", verbosity=0)

    assert snapshot() == before


def test_every_row_is_valid(seed):
    for model in ALL_MODELS:
        for obj in model.objects.all():
            obj.full_clean()


# --- The seed texts ---------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_every_line_of_a_seed_is_in_the_body_verbatim(seed, name):
    language, slug, _, _ = SEEDS[name]
    article = article_for(slug)
    paragraphs = text_of(article, language).split("\n\n")
    _, lines = article_text_lines(name)

    missing = [line for line in lines if line not in paragraphs]

    assert not missing
    assert all(paragraph in lines for paragraph in paragraphs)


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_the_headline_is_the_title_and_chrome_is_dropped(seed, name):
    language, slug, has_headline, byline = SEEDS[name]
    article = article_for(slug)
    headline, _ = article_text_lines(name)

    if has_headline:
        assert getattr(article, f"title_{language}") == headline
    if byline:
        assert getattr(article, f"byline_{language}") == byline
        assert byline not in text_of(article, language)
    for paragraph in text_of(article, language).split("\n\n"):
        assert paragraph.replace("\xa0", " ") not in PAGE_CHROME


def test_000_and_001_are_one_article_in_two_languages(seed):
    article = article_for("nur-otan-partiiasy")

    assert article.original_language == "kk"
    assert article.byline_kk == "Ерке ЕРҚОҢЫР"
    assert article.byline_ru == ""
    assert article.source_kk is None
    assert article.source_ru.slug == "azattyq-ruhy"


def test_every_article_has_title_lead_and_body_in_every_language(seed):
    for article in Article.objects.all():
        assert article.complete_languages() == list(LANGUAGES), article.slug


@pytest.mark.parametrize("language", ["ru", "en"])
def test_translations_keep_the_paragraphs_and_numbers_of_the_original(seed, language):
    for article in Article.objects.exclude(slug__startswith="nur-otan-partiiasy"):
        original = text_of(article, "kk").split("\n\n")
        translated = text_of(article, language).split("\n\n")
        assert len(translated) == len(original), article.slug
        for source, target in zip(original, translated, strict=True):
            for number in _numbers(source):
                assert number in _numbers(target), (article.slug, number, target)


def text_of(article: Article, language: str) -> str:
    """The text of the body in ``language``, a paragraph per block."""
    return plain_text(getattr(article, f"body_{language}"))


def _numbers(text: str) -> set[str]:
    """The numbers a text states, with "2 мың" / "2 тысяч" / "2,000" all read as 2000."""
    text = re.sub(r"(\d+)\s+(мың|тысяч)", lambda m: str(int(m.group(1)) * 1000), text)
    return {match.replace(",", "") for match in re.findall(r"\d[\d,]*\d|\d", text)}


def test_article_slugs_are_transliterated_from_the_kazakh_title(seed):
    for article in Article.objects.all():
        assert article.slug == slugify_title(article.title_kk, "kk")


def test_publication_dates_follow_the_texts(seed):
    dates = {
        "monitoringtik-top": "2018-11-27",
        "prezident-songy-ush-jylda": "2019-05-20",
        "nur-otan-partiiasy": "2020-02-14",
        "sybailas-jemqorlyqqa-qarsy-is-qimyl-turaly": "2021-03-15",
    }
    for prefix, date in dates.items():
        assert article_for(prefix).published_at.date().isoformat() == date


# --- Entities ---------------------------------------------------------------------

# (model, slug, kk / ru / en name, the articles that mention it)
NAMED_ENTITIES = [
    (
        Person,
        "qasym-jomart-toqaev",
        ("Қасым-Жомарт Тоқаев", "Касым-Жомарт Токаев", "Kassym-Jomart Tokayev"),
        {"nur-otan-partiiasy", "prezident-songy", "sybailas-jemqorlyqqa-qarsy-is-qimyl-turaly"},
    ),
    (
        Person,
        "nursultan-nazarbaev",
        ("Нұрсұлтан Назарбаев", "Нурсултан Назарбаев", "Nursultan Nazarbayev"),
        {"nur-otan-partiiasy", "monitoringtik-top"},
    ),
    (
        Person,
        "bauyrjan-baibek",
        ("Бауыржан Байбек", "Бауыржан Байбек", "Bauyrzhan Baibek"),
        {"nur-otan-partiiasy"},
    ),
    (Person, "alihan-smaiylov", (None, "Алихан Смаилов", "Alikhan Smailov"), {"prezident-songy"}),
    (Person, "u-jusipbaev", (None, "У. Жусипбаев", "U. Zhusipbayev"), {"monitoringtik-top"}),
    (Person, "g-tursynbaev", (None, "Г. Турсынбаев", "G. Tursynbayev"), {"monitoringtik-top"}),
    (
        Person,
        "a-sembaeva",
        (None, "А. Сембаева", "A. Sembayeva"),
        {"sybailas-jemqorlyqqa-qarsy-is-qimyl-turaly"},
    ),
    (
        Organization,
        "nur-otan",
        (None, "Партия «Nur Otan»", "Nur Otan party"),
        {"nur-otan-partiiasy"},
    ),
    (
        Organization,
        "transparency-international",
        ("Transparency International",) * 3,
        {"nur-otan-partiiasy", "sybailas-jemqorlyqqa-qarsy-is-qimyl-turaly"},
    ),
    (
        Organization,
        "sybailas-jemqorlyqqa-qarsy-is-qimyl-agenttigi",
        (None, None, "Anti-Corruption Agency of the Republic of Kazakhstan"),
        {"nur-otan-partiiasy", "sybailas-jemqorlyqqa-qarsy-is-qimyl-turaly"},
    ),
    (Organization, "ernur-kz", ("ERNUR.KZ",) * 3, {"monitoringtik-top"}),
    (Organization, "zakon-kz", ("Zakon.kz",) * 3, {"prezident-songy"}),
    (
        Initiative,
        "sybailas-jemqorlyqty-qabyldau-indeksi",
        (None, None, "Corruption Perceptions Index (CPI)"),
        {"nur-otan-partiiasy", "sybailas-jemqorlyqqa-qarsy-is-qimyl-turaly"},
    ),
]


@pytest.mark.parametrize(("model", "slug", "names", "articles"), NAMED_ENTITIES)
def test_named_entities_exist_in_three_languages_and_link_their_articles(
    seed, model, slug, names, articles
):
    entity = model.objects.get(slug=slug)

    for language, expected in zip(LANGUAGES, names, strict=True):
        name = getattr(entity, f"name_{language}")
        assert name
        if expected:
            assert name == expected
    linked = {article.slug for article in entity.articles.all()}
    assert {next(s for s in linked if s.startswith(prefix)) for prefix in articles} == linked


def test_every_entity_has_names_a_description_and_a_story(seed):
    for model, description in ((Person, "position"), (Organization, "description")):
        for entity in model.objects.all():
            for language in LANGUAGES:
                assert getattr(entity, f"name_{language}"), entity.slug
                assert getattr(entity, f"{description}_{language}"), entity.slug
            assert entity.articles.exists(), entity.slug
    for initiative in Initiative.objects.all():
        assert all(getattr(initiative, f"name_{language}") for language in LANGUAGES)
        assert initiative.articles.exists(), initiative.slug


def test_stated_affiliations_are_recorded(seed):
    baibek = Affiliation.objects.get(person__slug="bauyrjan-baibek", organization__slug="nur-otan")
    assert "бірінші орынбасары" in baibek.role_kk.lower()
    tursynbayev = Affiliation.objects.get(person__slug="g-tursynbaev")
    assert tursynbayev.organization.slug == "turkistan-oblysy-boiynsha-departament"
    assert tursynbayev.organization.parent.slug.startswith("memlekettik-qyzmet")


def test_the_seed_fixture_names_everything_the_texts_name():
    """Names that appear in the seed texts are entities in the fixture."""
    fixture = json.loads((Path(__file__).parent.parent / "fixtures" / "seed.json").read_text())
    names = " ".join(
        str(obj["fields"].get(f"{field}_{language}", ""))
        for obj in fixture
        for field in ("name", "short_name")
        for language in LANGUAGES
    )
    for needle in (
        "Тоқаев",
        "Назарбаев",
        "Байбек",
        "Жүсіпбаев",
        "Тұрсынбаев",
        "Жапақов",
        "Жақсымбетов",
        "Тәжібаев",
        "Айтмағанбет",
        "Сембаева",
        "Тайжанова",
        "Смайылов",
        "Ерқоңыр",
        "Transparency International",
        "GRECO",
        "Атамекен",
        "TALAP",
        "ERNUR.KZ",
        "Zakon.kz",
        "Azattyq Rýhy",
    ):
        assert needle in names, needle


# --- Bad fixtures -----------------------------------------------------------------


def write_fixture(tmp_path, objects) -> str:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(objects, ensure_ascii=False), encoding="utf-8")
    return str(path)


def organization_record(pk=9001, **fields):
    base = {"name_kk": "Жарамды ұйым", "slug": f"org-{pk}", "kind": "ngo"}
    base.update(fields)
    base.setdefault("created_at", "2024-01-01T00:00:00Z")
    base.setdefault("updated_at", "2024-01-01T00:00:00Z")
    return {"model": "articles.organization", "pk": pk, "fields": base}


BAD_FIXTURES = {
    "unknown field": (
        [organization_record(), organization_record(9002, colour="red")],
        ("bad.json", "colour"),
    ),
    "dangling reference": (
        [organization_record(), organization_record(9002, parent=424242)],
        ("parent_id", "424242"),
    ),
    "invalid choice": (
        [organization_record(), organization_record(9002, kind="secret-police")],
        ("bad.json", "pk=9002", "organization_valid_kind"),
    ),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("problem", sorted(BAD_FIXTURES))
def test_a_bad_fixture_names_the_problem_and_changes_nothing(tmp_path, problem):
    objects, expected_words = BAD_FIXTURES[problem]
    path = write_fixture(tmp_path, objects)
    before = counts()

    with pytest.raises((DeserializationError, IntegrityError)) as raised:
        call_command("loaddata", path, verbosity=0)

    message = str(raised.value)
    for word in expected_words:
        assert word in message, message
    assert counts() == before


def deeply_nested(tmp_path) -> Path:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="ascii")
    return path


def cp1251_encoded(tmp_path) -> Path:
    path = tmp_path / "cp1251.json"
    text = json.dumps([organization_record(9003, name_kk="Организация")], ensure_ascii=False)
    path.write_bytes(text.encode("cp1251"))
    return path


def broken_json(tmp_path) -> Path:
    path = tmp_path / "broken.json"
    path.write_text('[{"model": "articles.organization", "pk": 9004,]', encoding="utf-8")
    return path


UNREADABLE_FIXTURES = {
    "deeply nested": (deeply_nested, "nested too deeply"),
    "not UTF-8": (cp1251_encoded, "not UTF-8 text (byte 0xce at offset 71); save it as UTF-8"),
    "not JSON": (broken_json, "not JSON (Expecting property name"),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("problem", sorted(UNREADABLE_FIXTURES))
def test_an_unreadable_fixture_names_the_file_and_why_and_changes_nothing(tmp_path, problem):
    make, reason = UNREADABLE_FIXTURES[problem]
    good, bad = write_fixture(tmp_path, [organization_record()]), make(tmp_path)
    before = counts()

    with pytest.raises(CommandError) as raised:
        call_command("loaddata", good, bad, verbosity=0)

    message = str(raised.value)
    assert f"Problem installing fixture '{bad}': " in message
    assert reason in message
    # The good file before it was loaded in the same transaction: rolled back.
    assert counts() == before
