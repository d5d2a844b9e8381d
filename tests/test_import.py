"""Importing plain-text stories (articles/importing.py, manage.py import_articles):
parsing the seed texts in ../shared/seeds exactly as the seed fixture has them,
and what the command writes and reports."""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError
from reversion.models import Version

from articles.importing import (
    TITLE_MAX_LENGTH,
    StoryError,
    cut_at_word,
    first_sentence,
    parse_story,
    read_story,
    stated_source,
)
from articles.models import Article
from articles.richtext.plain import plain_text
from articles.transliteration import slugify_title
from tests.factories import make_organization
from tests.helpers import import_articles
from tests.shared_data import shared_path

# Each seed: the article it is in the fixture (by slug prefix), its language,
# and what the text states as byline and source.
SEEDS = {
    "000_fcad94893e81899f.txt": ("nur-otan-partiiasy", "kk", "Ерке ЕРҚОҢЫР", ""),
    "001_02345bed8e127c96.txt": ("nur-otan-partiiasy", "ru", "", "Azattyq Rýhy"),
    "002_3202269b926a082f.txt": ("monitoringtik-top", "kk", "", "ERNUR.KZ"),
    "003_039e9cc9f0c95348.txt": ("sybailas-jemqorlyqqa-qarsy-is-qimyl-turaly", "kk", "", ""),
    "004_93112b8b391c61b6.txt": ("prezident-songy-ush-jylda", "kk", "", "Zakon.kz"),
}
PAGE_FURNITURE = {"0", "1\xa0537", "Версия для печати", "Пікір үстеу"}


def seed_text(name: str) -> str:
    return shared_path("seeds", name).read_text(encoding="utf-8")


def snapshot() -> str:
    return serializers.serialize("json", Article.objects.order_by("pk")) + str(
        Version.objects.count()
    )


@pytest.fixture
def seeds_dir():
    return shared_path("seeds")


# --- The seed texts ----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_it_parses_each_seed_as_the_fixture_has_it(seed, name):
    slug, language, _, _ = SEEDS[name]
    article = Article.objects.get(slug__startswith=slug)

    story = parse_story(seed_text(name))

    assert story.language == language
    assert story.body == plain_text(getattr(article, f"body_{language}"))
    assert story.lead == getattr(article, f"lead_{language}")
    assert story.byline == getattr(article, f"byline_{language}")
    if story.has_headline:
        assert story.title == getattr(article, f"title_{language}")


def test_a_seed_without_a_headline_is_titled_with_its_first_sentence():
    story = parse_story(seed_text("000_fcad94893e81899f.txt"))

    assert not story.has_headline
    assert story.title == story.lead
    assert story.title.endswith("тақырыбында баяндама жасады.")
    assert story.paragraphs[0].startswith(story.title + " Өз сөзінде")


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_it_extracts_the_byline_and_the_stated_source(name):
    _, _, byline, source = SEEDS[name]

    story = parse_story(seed_text(name))

    assert story.byline == byline
    assert story.source_name == source
    if byline:
        assert byline not in story.body


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_it_drops_page_furniture_and_the_repeated_headline(name):
    story = parse_story(seed_text(name))

    assert not PAGE_FURNITURE & set(story.paragraphs)
    assert story.title not in story.paragraphs
    assert set(story.dropped) <= PAGE_FURNITURE | {story.title}


def test_it_takes_the_teaser_above_a_repeated_headline_as_the_standfirst():
    story = parse_story(seed_text("002_3202269b926a082f.txt"))

    assert story.dropped == ("0", "1\xa0537", story.title)
    assert story.lead.startswith("Іс шараның негізгі мақсаты")
    # The teaser is not doubled: the body has it once, in its own place.
    assert story.paragraphs.count(story.lead) == 1
    assert story.paragraphs[0].startswith("2018 жылғы 27 қарашасында")


# --- Parsing small texts -----------------------------------------------------------


def test_it_keeps_a_standfirst_in_the_body_and_makes_it_the_lead():
    text = (
        "Агенттік жаңа бағдарлама ұсынды\n"
        "Бағдарлама үш жылға арналған. Ол қоғамдық бақылауды күшейтеді\n"
        "Агенттік басшысы жоба туралы айтты. Жиынға сарапшылар қатысты.\n"
    )

    story = parse_story(text)

    assert story.title == "Агенттік жаңа бағдарлама ұсынды"
    assert story.lead == "Бағдарлама үш жылға арналған. Ол қоғамдық бақылауды күшейтеді"
    assert story.paragraphs[0] == story.lead


def test_it_leads_with_the_first_sentence_when_there_is_no_standfirst():
    text = (
        "Жиын өтті\nАгенттік басшысы жоба туралы айтты. Жиынға сарапшылар қатысты.\nТағы бір абзац."
    )

    assert parse_story(text).lead == "Агенттік басшысы жоба туралы айтты."


def test_it_cuts_a_long_first_sentence_at_a_word_for_the_title():
    sentence = " ".join(["жемқорлыққа"] * 40) + "."

    story = parse_story(f"{sentence}\nЕкінші абзац.")

    assert not story.has_headline
    assert len(story.title) <= TITLE_MAX_LENGTH
    assert story.title.endswith("жемқорлыққа…")
    assert story.lead == sentence


def test_it_drops_view_counters_with_any_spacing():
    story = parse_story("Жиын өтті\n12\n1 537\n2\u202f048\nАгенттік жиын өткізді.\n")

    assert story.paragraphs == ("Агенттік жиын өткізді.",)
    assert story.dropped == ("12", "1 537", "2\u202f048")


def test_it_takes_only_a_short_capitalised_closing_line_as_the_byline():
    body = "Жиын өтті\nАгенттік жиын өткізді.\n"

    assert parse_story(body + "Ерке ЕРҚОҢЫР").byline == "Ерке ЕРҚОҢЫР"
    assert parse_story(body + "Айгүл Серік Нұрланқызы").byline == "Айгүл Серік Нұрланқызы"
    for not_a_byline in ("Жалғасы бар", "Алматы, Қазақстан", "Ол келді.", "Kazinform"):
        story = parse_story(body + not_a_byline)
        assert story.byline == ""
        assert story.paragraphs[-1] == not_a_byline


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Жиын өтті, передает Azattyq Rýhy со ссылкой на пресс-службу партии.", "Azattyq Rýhy"),
        ("Совещание состоялось, сообщает Zakon.kz.", "Zakon.kz"),
        ("Отырыс өтті, деп хабарлайды ERNUR.KZ.", "ERNUR.KZ"),
        ("Кеңес өтті, деп хабарлайды Zakon.kz Ақордаға сілтеме жасап.", "Zakon.kz"),
        ("Бұл туралы Kazinform хабарлайды.", "Kazinform"),
        ("The President chaired a meeting, Zakon.kz reports, citing Akorda.", "Zakon.kz"),
        ("Жиын туралы хабарлама, сообщает tengrinews.kz.", "tengrinews.kz"),
        # Not outlets: a speaker after a quote, a press office, a verb of the text.
        ("«Работа продолжится», — сообщает Бауыржан Байбек.", ""),
        ("Об этом сообщает пресс-служба акимата.", ""),
        ("In 2019, Kazakhstan reported 2,000 cases.", ""),
        ("Агенттік жиын өткізді.", ""),
    ],
)
def test_it_finds_the_outlet_the_text_credits(sentence, source):
    assert stated_source([sentence]) == source


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_it_finds_the_outlets_the_fixture_texts_credit_in_every_language(seed, language):
    stated = {
        "nur-otan-partiiasy": {"kk": "", "ru": "Azattyq Rýhy", "en": ""},
        "monitoringtik-top": dict.fromkeys(("kk", "ru", "en"), "ERNUR.KZ"),
        "sybailas-jemqorlyqqa-qarsy-is-qimyl-turaly": dict.fromkeys(("kk", "ru", "en"), ""),
        "prezident-songy-ush-jylda": dict.fromkeys(("kk", "ru", "en"), "Zakon.kz"),
    }
    for prefix, sources in stated.items():
        article = Article.objects.get(slug__startswith=prefix)
        title = getattr(article, f"title_{language}")
        body = plain_text(getattr(article, f"body_{language}"))

        story = parse_story(title + "\n" + body.replace("\n\n", "\n"))

        assert story.source_name == sources[language], (prefix, language)
        assert story.body == body


def test_first_sentence_passes_over_initials_and_abbreviations():
    assert first_sentence("А. Сембаева сөз алды. Екінші.") == "А. Сембаева сөз алды."
    assert first_sentence("2018 ж. наурызда өтті. Екінші.") == "2018 ж. наурызда өтті."
    assert first_sentence("«Жеттік!» – деді ол. Екінші.") == "«Жеттік!» – деді ол."
    assert first_sentence("Бір сөйлем ғана") == "Бір сөйлем ғана"


def test_cut_at_word_never_splits_a_word():
    assert cut_at_word("short", 10) == "short"
    assert cut_at_word("one two three four", 12) == "one two…"


def test_a_text_of_page_furniture_only_is_refused():
    with pytest.raises(StoryError, match="only page furniture"):
        parse_story("0\n1\xa0537\nВерсия для печати\n")


# --- Reading files -----------------------------------------------------------------

BAD_FILES = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \n\n\t\n", "only whitespace"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL bytes"),
    "latin1.txt": ("Қала".encode() + "Café".encode("latin-1"), "not UTF-8"),
    "utf16.txt": ("Жиын өтті".encode("utf-16"), "UTF-16"),
    "counters.txt": ("0\n1\xa0537\n".encode(), "only page furniture"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_it_refuses_a_file_that_is_not_a_story_and_says_why(tmp_path, name):
    content, reason = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(StoryError, match=reason):
        parse_story(read_story(path))


def test_it_reads_utf8_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffЖиын өтті\nАгенттік жиын өткізді.".encode())

    assert parse_story(read_story(path)).title == "Жиын өтті"


# --- The command -------------------------------------------------------------------


@pytest.mark.django_db
def test_it_imports_the_seeds_as_drafts(seeds_dir):
    output = import_articles(seeds_dir)

    articles = Article.objects.order_by("pk")
    assert articles.count() == 5
    assert not Article.objects.published().exists()
    assert {article.status for article in articles} == {Article.Status.DRAFT}
    assert [article.original_language for article in articles] == ["kk", "ru", "kk", "kk", "kk"]
    assert "Imported 5 of 5 files as drafts; 0 already imported, 0 failed." in output
    for name, article in zip(sorted(SEEDS), articles, strict=True):
        language = article.original_language
        story = parse_story(seed_text(name))
        assert getattr(article, f"title_{language}") == story.title
        assert plain_text(getattr(article, f"body_{language}")) == story.body
        others = [code for code in ("kk", "ru", "en") if code != language]
        assert not any(getattr(article, f"body_{code}") for code in others)
        assert article.slug == slugify_title(story.title, language)
        assert f"{name} → “{story.title}” [{language}] {article.slug}" in output


@pytest.mark.django_db
def test_it_records_where_an_import_came_from_in_the_history(seeds_dir):
    import_articles(seeds_dir / "004_93112b8b391c61b6.txt")

    version = Version.objects.get_for_object(Article.objects.get()).get()
    assert version.revision.get_comment() == "Imported from 004_93112b8b391c61b6.txt."


@pytest.mark.django_db
def test_it_links_a_stated_source_to_an_organization_by_any_name(seeds_dir):
    make_organization(name_kk="Zakon.kz агенттігі", short_name_ru="ZAKON.KZ")

    output = import_articles(seeds_dir / "004_93112b8b391c61b6.txt")

    article = Article.objects.get()
    assert article.source_kk.short_name_ru == "ZAKON.KZ"
    assert article.byline_kk == ""
    assert "not an organization" not in output


@pytest.mark.django_db
def test_it_reports_an_unknown_outlet_instead_of_inventing_one(seeds_dir):
    output = import_articles(seeds_dir / "002_3202269b926a082f.txt")

    assert Article.objects.get().source_kk is None
    assert "source “ERNUR.KZ” is not an organization here: not linked" in output


def test_it_links_the_seed_outlets_of_the_fixture(seed, seeds_dir):
    Article.objects.all().delete()

    import_articles(seeds_dir)

    sources = {
        article.slug[:20]: getattr(article.credits(article.original_language).source, "slug", None)
        for article in Article.objects.all()
    }
    assert sources == {
        "nur-otan-partiiasy-t": None,
        "partiia-nur-otan-akt": "azattyq-ruhy",
        "monitoringtik-top-mu": "ernur-kz",
        "sybailas-jemqorlyqqa": None,
        "prezident-songy-ush-": "zakon-kz",
    }


@pytest.mark.django_db
def test_importing_again_changes_nothing(seeds_dir):
    import_articles(seeds_dir)
    before = snapshot()

    output = import_articles(seeds_dir)

    assert snapshot() == before
    assert "Imported 0 of 5 files as drafts; 5 already imported, 0 failed." in output


def test_the_seed_fixtures_articles_count_as_already_imported(seed, seeds_dir):
    before = snapshot()

    output = import_articles(seeds_dir)

    assert snapshot() == before
    assert output.count("already imported (as ") == 5


@pytest.mark.django_db
def test_a_dry_run_writes_nothing_and_says_what_it_would_do(seeds_dir):
    output = import_articles(seeds_dir, dry_run=True)

    assert not Article.objects.exists()
    assert not Version.objects.exists()
    assert "Dry run, nothing written: would import 5 of 5 files" in output
    assert "would import [kk] prezident-songy-ush-jylda-900-den-astam" in output


@pytest.mark.django_db
def test_a_dry_run_notices_the_same_story_twice(seeds_dir, tmp_path):
    shutil.copy(seeds_dir / "003_039e9cc9f0c95348.txt", tmp_path / "a.txt")
    shutil.copy(seeds_dir / "003_039e9cc9f0c95348.txt", tmp_path / "b.txt")

    output = import_articles(tmp_path, dry_run=True)

    assert f"b.txt: already imported (same story as {tmp_path / 'a.txt'})" in output


@pytest.mark.django_db
def test_it_reports_every_bad_file_by_name_and_writes_nothing(tmp_path):
    for name, (content, _) in BAD_FILES.items():
        (tmp_path / name).write_bytes(content)

    with pytest.raises(CommandError, match="Nothing imported: all 6 files failed"):
        import_articles(tmp_path)

    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_directory_with_a_mix_imports_the_good_and_reports_the_bad(seeds_dir, tmp_path):
    shutil.copy(seeds_dir / "004_93112b8b391c61b6.txt", tmp_path / "b_story.txt")
    (tmp_path / "nested").mkdir()
    shutil.copy(seeds_dir / "001_02345bed8e127c96.txt", tmp_path / "nested" / "story.txt")
    for name, (content, _) in BAD_FILES.items():
        (tmp_path / name).write_bytes(content)
    (tmp_path / "notes.md").write_text("Not a story file.")

    output = import_articles(tmp_path)

    assert Article.objects.count() == 2
    assert "Imported 2 of 8 files as drafts; 0 already imported, 6 failed." in output
    for name, (_, reason) in BAD_FILES.items():
        assert any(name in line and reason in line for line in output.splitlines()), name
    assert "notes.md" not in output
    progress = [line.split()[1] for line in output.splitlines() if line.startswith("[")]
    assert progress == sorted(progress)
    assert f"{tmp_path / 'nested' / 'story.txt'}:" in progress


@pytest.mark.django_db
@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_it_reports_a_file_it_may_not_read(seeds_dir, tmp_path):
    shutil.copy(seeds_dir / "004_93112b8b391c61b6.txt", tmp_path / "good.txt")
    locked = tmp_path / "locked.txt"
    locked.write_text("Жиын өтті\nАгенттік жиын өткізді.")
    locked.chmod(0)

    output = import_articles(tmp_path)

    assert "locked.txt: cannot be read: Permission denied" in output
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_a_read_error_is_reported_as_the_reason(tmp_path, monkeypatch):
    # The real permission case above cannot run as root; this one reaches the
    # same path by making the read itself fail.
    path = tmp_path / "locked.txt"
    path.write_text("Жиын өтті\nАгенттік жиын өткізді.")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)

    with pytest.raises(CommandError, match="all 1 files failed"):
        import_articles(path)
    with pytest.raises(StoryError, match="cannot be read: Permission denied"):
        read_story(path)
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_file_that_fails_to_save_leaves_nothing_and_the_others_go_on(
    seeds_dir, tmp_path, monkeypatch
):
    shutil.copy(seeds_dir / "003_039e9cc9f0c95348.txt", tmp_path / "a.txt")
    shutil.copy(seeds_dir / "004_93112b8b391c61b6.txt", tmp_path / "b.txt")
    save = Article.save

    def save_all_but_003(article, *args, **kwargs):
        save(article, *args, **kwargs)
        if article.title_kk.startswith("СЫБАЙЛАС"):
            raise IntegrityError("simulated failure")

    monkeypatch.setattr(Article, "save", save_all_but_003)

    output = import_articles(tmp_path)

    assert "a.txt: failed: not saved: simulated failure" in output
    assert list(Article.objects.values_list("title_kk", flat=True)) == [
        parse_story(seed_text("004_93112b8b391c61b6.txt")).title
    ]
    assert Version.objects.count() == 1


@pytest.mark.django_db
def test_it_is_silent_at_verbosity_0_except_for_failures(seeds_dir, tmp_path):
    shutil.copy(seeds_dir / "004_93112b8b391c61b6.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    out, err = StringIO(), StringIO()

    call_command("import_articles", str(tmp_path), verbosity=0, stdout=out, stderr=err)

    assert out.getvalue() == ""
    assert err.getvalue() == f"{tmp_path / 'empty.txt'}: empty file\n"
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_it_shows_what_it_parsed_at_verbosity_2(seeds_dir):
    output = import_articles(seeds_dir / "002_3202269b926a082f.txt", verbosity=2)

    assert "    source:     ERNUR.KZ" in output
    assert "    dropped:    0; 1\xa0537; Мониторингтік топ" in output


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make_args", "message"),
    [
        (lambda tmp: [tmp / "missing.txt"], "No such file or directory"),
        (lambda tmp: [tmp], "No .txt files in"),
    ],
)
def test_it_refuses_bad_arguments(tmp_path, make_args, message):
    with pytest.raises(CommandError, match=message):
        import_articles(*make_args(tmp_path))
