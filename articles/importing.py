"""Plain-text news stories into draft articles (``manage.py import_articles``).

A story file is text copied from a news page, one paragraph a line. It
becomes an article the way README ("Seed data") describes: the headline is
the title, the standfirst (or else the first sentence) is the lead, every
line of article text is a paragraph of the body, verbatim, and page
furniture (view counters, print and comment links, a repeated headline) is
dropped. A closing author line is the byline; an outlet the text names
("передает Azattyq Rýhy", "деп хабарлайды Zakon.kz") is the source.

``parse_story`` does all of that without touching the database;
``article_import`` writes one parsed story; ``import_story_files`` reads,
parses and writes a list of files, one transaction each.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import reversion
from django.db import DatabaseError, transaction

from .control_characters import first_unsafe
from .entities import ORGANIZATION
from .language_detection import detect_language
from .models import LANGUAGE_CODES, Article, ArticleStatus, Organization, unique_slug
from .richtext.sanitizer import clean_body

TITLE_MAX_LENGTH = Article._meta.get_field("title").max_length
# A news story is a few kilobytes; a file a thousand times that is not one.
MAX_FILE_BYTES = 1_000_000
# A first line longer than this, or of more than one sentence, is running text.
HEADLINE_MAX_LENGTH = 150
STANDFIRST_MAX_LENGTH = 300
# Outlets are credited near the top ("..., деп хабарлайды ERNUR.KZ."); further
# down, "сообщает" is more likely a speaker than an outlet.
SOURCE_SEARCH_PARAGRAPHS = 3

# View counters: "0", "1 537" (with a non-breaking space, which \s matches).
VIEW_COUNTER = re.compile(r"\d[\d\s]*")
# Links that news pages put around the text, compared case-insensitively.
PAGE_LINKS = frozenset(
    link.casefold()
    for link in (
        "Версия для печати",
        "Оставить комментарий",
        "Пікір үстеу",
        "Пікір қалдыру",
        "Print version",
    )
)
SENTENCE_END = re.compile(r"[.!?…]+[\"»”’)]*\s+")
OPENING_MARKS = '"«“‘(–—- '
# "Ерке ЕРҚОҢЫР": two or three capitalised words, letters only.
BYLINE = re.compile(r"[^\W\d_][^\W\d_'’-]*(?: [^\W\d_][^\W\d_'’-]*){1,2}")
BYLINE_MAX_LENGTH = 60
# "передает Azattyq Rýhy со ссылкой на ...", "сообщает Zakon.kz.",
# "деп хабарлайды Zakon.kz Ақордаға сілтеме жасап.", "Бұл туралы Kazinform
# хабарлайды", "..., Zakon.kz reports, citing Akorda." The name ends at a
# comma, a full stop that ends the sentence, or the end; "— сообщает Байбек"
# after a quote names a speaker, not an outlet.
_NAME_END = r"[,;]|\.(?:\s|$)|$"
SOURCE_CREDITS = (
    re.compile(
        r"(?<![—–-] )\b(?:передает|передаёт|сообщает|пишет)\s+(?P<name>[^,;]+?)"
        rf"(?=\s+(?:со\s+ссылкой|ссылаясь)|{_NAME_END})"
    ),
    re.compile(
        r"\bдеп\s+(?:хабарлайды|хабарлады|жазады)\s+(?P<name>[^,;]+?)"
        rf"(?=\s+\S+\s+сілтеме|{_NAME_END})"
    ),
    re.compile(r"\bБұл туралы\s+(?P<name>[^,;.]+?)\s+(?:хабарлайды|хабарлады|жазады)\b"),
    re.compile(r",\s+(?P<name>(?:[^\s,]+\s){0,3}[^\s,]+)\s+report(?:s|ed)(?=[,.]|\s*$)"),
)
WEB_ADDRESS = re.compile(r"\S+\.[a-z]{2,}")
SOURCE_NAME_MAX_WORDS = 5
QUOTES = "\"«»“”„'"


class StoryError(ValueError):
    """A file that cannot become an article; the message says why."""


@dataclass(frozen=True)
class ParsedStory:
    """One story as the article fields of its language."""

    language: str
    title: str
    lead: str
    paragraphs: tuple[str, ...]
    byline: str = ""
    source_name: str = ""
    # False when the text has no headline and the title is its first sentence.
    has_headline: bool = True
    dropped: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


# --- Reading and parsing (no database) ---------------------------------------------


def read_story(path: Path) -> str:
    """The text of a story file; StoryError when it is not a UTF-8 text file
    or holds control characters (articles/control_characters.py)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise StoryError(f"too large for a story ({size:,} bytes; at most {MAX_FILE_BYTES:,})")
        data = path.read_bytes()
    except OSError as error:
        raise StoryError(f"cannot be read: {error.strerror or error}") from None
    if not data:
        raise StoryError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise StoryError("UTF-16 text; save it as UTF-8")
    if b"\x00" in data:
        raise StoryError("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StoryError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "save it as UTF-8"
        ) from None
    if not text.strip():
        raise StoryError("no text (only whitespace)")
    # Refused rather than stripped: an ANSI escape or a bidi override in a
    # headline is a sign the text was not copied from a page as it reads.
    unsafe = first_unsafe(text)
    if unsafe:
        raise StoryError(f"control character {unsafe}; remove it and import again")
    return text


def parse_story(text: str, *, title_length: int = TITLE_MAX_LENGTH) -> ParsedStory:
    """The headline, lead, paragraphs, byline and source of a plain-text story."""
    dropped: list[str] = []
    content: list[str] = []
    for line in filter(None, (line.strip() for line in text.splitlines())):
        (dropped if is_page_furniture(line) else content).append(line)
    if not content:
        raise StoryError("no article text (only page furniture)" if dropped else "no text")

    headline = content[0] if _is_headline(content[0], content[1:]) else None
    rest = content[1:] if headline else content
    teaser: list[str] = []
    if headline in rest:
        # Pages that repeat the headline put counters and a teaser (the
        # standfirst) above the repeat; the article proper starts below it.
        at = rest.index(headline)
        teaser, rest = rest[:at], rest[at + 1 :]
        dropped.append(headline)
    while headline in rest:
        rest.remove(headline)
        dropped.append(headline)

    byline = ""
    if len(rest) > 1 and _is_byline(rest[-1]):
        byline = rest.pop()
    # The standfirst stays in the body too, unless the body repeats it anyway.
    paragraphs = [line for line in teaser if line not in rest] + rest
    if not paragraphs:
        raise StoryError("no article text below the headline")

    if teaser:
        lead = teaser[0]
    elif _is_standfirst(paragraphs[0], paragraphs[1:]):
        lead = paragraphs[0]
    else:
        lead = first_sentence(paragraphs[0])
    title = headline or cut_at_word(first_sentence(paragraphs[0]), title_length)
    return ParsedStory(
        language=detect_language("\n".join([title, *paragraphs])),
        title=title,
        lead=lead,
        paragraphs=tuple(paragraphs),
        byline=byline,
        source_name=stated_source(paragraphs[:SOURCE_SEARCH_PARAGRAPHS]),
        has_headline=headline is not None,
        dropped=tuple(dropped),
    )


def is_page_furniture(line: str) -> bool:
    return bool(VIEW_COUNTER.fullmatch(line)) or line.casefold() in PAGE_LINKS


def first_sentence(text: str) -> str:
    """``text`` up to the end of its first sentence.

    A full stop after a single letter ("А. Сембаева", "2018 ж.", "т.б.") is
    an initial or an abbreviation, and a sentence starts with a capital
    letter or a digit.
    """
    for end in SENTENCE_END.finditer(text):
        marks = end.group().rstrip()
        before = text[: end.start()]
        if marks.startswith(".") and len(marks.rstrip('"»”’)')) == 1:
            last_word = re.split(r"[\s.]", before)[-1]
            if len(last_word) == 1 and last_word.isalpha():
                continue
        following = text[end.end() :].lstrip(OPENING_MARKS)
        if following and (following[0].isupper() or following[0].isdigit()):
            return text[: end.start()] + marks
    return text


def cut_at_word(text: str, length: int) -> str:
    """``text`` cut at a word boundary to at most ``length`` characters, with "…"."""
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if not text[length - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"


def stated_source(paragraphs: Iterable[str]) -> str:
    """The outlet the text credits ("передает Azattyq Rýhy"), or ""."""
    for paragraph in paragraphs:
        for pattern in SOURCE_CREDITS:
            for match in pattern.finditer(paragraph):
                name = match.group("name").strip(QUOTES + " ")
                if _is_outlet_name(name):
                    return name
    return ""


def _is_outlet_name(name: str) -> bool:
    """Capitalised ("Zakon.kz") or a web address ("tengrinews.kz"), and short:
    "сообщает пресс-служба акимата" credits no outlet."""
    short = 0 < len(name.split()) <= SOURCE_NAME_MAX_WORDS
    return short and (name[0].isupper() or bool(WEB_ADDRESS.fullmatch(name)))


def _is_headline(line: str, rest: list[str]) -> bool:
    """A short one-sentence first line with article text below it."""
    return (
        len(line) <= HEADLINE_MAX_LENGTH
        and first_sentence(line) == line
        and not line.endswith((":", ","))
        and any(other != line for other in rest)
    )


def _is_standfirst(line: str, rest: list[str]) -> bool:
    """A subheading above the first paragraph: short, with no closing full stop."""
    return bool(rest) and len(line) <= STANDFIRST_MAX_LENGTH and not line.endswith(tuple(".!?…:"))


def _is_byline(line: str) -> bool:
    return (
        len(line) <= BYLINE_MAX_LENGTH
        and bool(BYLINE.fullmatch(line))
        and all(word[0].isupper() for word in line.split())
    )


# --- Writing ---------------------------------------------------------------------


class ImportStatus(StrEnum):
    IMPORTED = "imported"
    WOULD_IMPORT = "would import"
    ALREADY_IMPORTED = "already imported"
    FAILED = "failed"


@dataclass(frozen=True)
class ArticleImport:
    status: ImportStatus
    # Saved, found, or (dry run) unsaved with the slug it would get.
    article: Article
    # A source the text names that is no Organization here; not linked.
    unknown_source: str = ""


def article_import(*, story: ParsedStory, origin: str = "", dry_run: bool = False) -> ArticleImport:
    """Create ``story`` as a draft in its language, unless it is already there."""
    with transaction.atomic():
        existing = find_imported(story)
        if existing:
            return ArticleImport(ImportStatus.ALREADY_IMPORTED, existing)
        source = organization_named(story.source_name) if story.source_name else None
        unknown_source = story.source_name if story.source_name and not source else ""
        language = story.language
        article = Article(
            status=ArticleStatus.DRAFT,
            original_language=language,
            **{
                f"title_{language}": story.title,
                f"lead_{language}": story.lead,
                f"body_{language}": story.body,
                f"byline_{language}": story.byline,
                f"source_{language}": source,
            },
        )
        if dry_run:
            article.slug = unique_slug(article, article.slug_from_title(), "article")
            return ArticleImport(ImportStatus.WOULD_IMPORT, article, unknown_source)
        with reversion.create_revision():
            reversion.set_comment(f"Imported from {origin}." if origin else "Imported.")
            article.save()
    return ArticleImport(ImportStatus.IMPORTED, article, unknown_source)


def find_imported(story: ParsedStory) -> Article | None:
    """An article with the story's body (and headline) in the story's language.

    A story without a headline is matched on its body alone: its title is
    only our first sentence, which editors replace (the seed article made
    from report 000 has a translated headline).
    """
    language = story.language
    # Stored as the body format makes it (plain text becomes paragraphs).
    matches = Article.objects.filter(**{f"body_{language}": clean_body(story.body)})
    if story.has_headline:
        matches = matches.filter(**{f"title_{language}": story.title})
    return matches.order_by("pk").first()


def organization_named(name: str) -> Organization | None:
    """The organization whose name or short name, in any language, is ``name``.

    Compared in Python: SQLite's own case folding is ASCII-only, and an
    outlet may be written "ERNUR.KZ" or "Ernur.kz".
    """
    fields = [f"{field}_{code}" for field in ORGANIZATION.names for code in LANGUAGE_CODES]
    wanted = _fold(name)
    for organization in Organization.objects.only("pk", *fields).order_by("pk"):
        if any(_fold(getattr(organization, field) or "") == wanted for field in fields):
            return organization
    return None


def _fold(name: str) -> str:
    return " ".join(name.strip(QUOTES + " ").casefold().split())


# --- Files -------------------------------------------------------------------------


@dataclass(frozen=True)
class FileReport:
    """What happened to one file."""

    path: Path
    status: ImportStatus
    story: ParsedStory | None = None
    article: Article | None = None
    reason: str = ""
    unknown_source: str = ""


def story_files(paths: Iterable[Path]) -> list[Path]:
    """The files to import: each file named, and the *.txt files under each
    directory named (recursively, in sorted order, hidden ones left out);
    each file once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(f for f in path.rglob("*.[tT][xX][tT]") if _is_story_file(f, path)))
        else:
            found.append(path)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def _is_story_file(path: Path, directory: Path) -> bool:
    hidden = any(part.startswith(".") for part in path.relative_to(directory).parts)
    return path.is_file() and not hidden


def import_story_files(paths: Iterable[Path], *, dry_run: bool = False) -> Iterator[FileReport]:
    """Read, parse and import each file in its own transaction, reporting as it goes.

    A file that fails leaves nothing behind and does not stop the others.
    """
    earlier: dict[tuple[str, str, str], Path] = {}
    for path in paths:
        try:
            story = parse_story(read_story(path))
        except StoryError as error:
            yield FileReport(path, ImportStatus.FAILED, reason=str(error))
            continue
        key = (story.language, story.title if story.has_headline else "", story.body)
        if dry_run and key in earlier:
            # Nothing was written for the earlier copy, so the database cannot tell.
            yield FileReport(
                path,
                ImportStatus.ALREADY_IMPORTED,
                story,
                reason=f"same story as {earlier[key]}",
            )
            continue
        earlier.setdefault(key, path)
        try:
            result = article_import(story=story, origin=path.name, dry_run=dry_run)
        except DatabaseError as error:
            yield FileReport(path, ImportStatus.FAILED, story, reason=f"not saved: {error}")
            continue
        yield FileReport(
            path, result.status, story, result.article, unknown_source=result.unknown_source
        )
