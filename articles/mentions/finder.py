"""Finding the names of names.py in an article's text: the matching rules.

A word of the text matches a word of a name when

* they are the same word;
* they have the same search key in the text's language (the search
  package's Kazakh stemmer, Snowball for Russian and English), so that
  "агенттігінің" meets "агенттігі" and "Общественной" meets "Общественная";
* the text's word is the name's word with a Russian ending (Токаевым,
  Смаилову): Snowball cuts names unevenly (Токаев → тока, Токаева → токаев);
* for people, their spelling-neutral keys meet (``analysis.name_variants``:
  Тоқаевтың, Токаевым and Tokayev's all give "tokaev"), so a person is
  found in any language's spelling.

How a name is written narrows it down: a word in capitals (БҰҰ, GRECO)
matches only that word in capitals, a one-word name with a capital (Үкімет,
Parliament) only a word with a capital, and a one-word name in quotes
(«Факт») only a word in quotes. The words of a name must follow each other
with only spaces, hyphens and quotes between them: a comma only where the
name has one, a full stop only after an initial (Ә.Смайылов) or inside a
word (Zakon.kz).

Where names overlap the longest wins, so that "Мемлекеттік қызмет істері
және сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі" does not also count as
the later "Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі". A shorter name
inside a longer one counts too when it names something the longer one
belongs to: the UN in "БҰҰ Сыбайлас жемқорлыққа қарсы конвенциясы" (one of
the initiative's organizations), an agency in its department's name (the
department's parent organization), a person's organization.

Titles that pass from one holder to the next ("Мемлекет басшысы", "Head of
State") are names of an organization marked as a one-person office. Such a
mention also names whoever held the office on the article's date, according
to the affiliations.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from django.utils import timezone

from articles import languages
from articles.models import Article
from articles.search import analysis

from .links import PERSON, EntityRef
from .names import (
    OPENING_QUOTES,
    EntityData,
    Name,
    hard_separators,
    load_entity_names,
    tokens,
    word_key,
)

# The article fields whose text is searched, per language.
SEARCHED_FIELDS = ("title", "lead", "body", "byline")

# Russian noun and adjective endings a name may carry in a text.
RUSSIAN_ENDINGS = (
    "ами", "ями", "ому", "ему", "ыми", "ими",
    "ом", "ем", "ым", "им", "ой", "ей", "ою", "ую", "ых", "их", "ам", "ям", "ах", "ях",
    "ов", "ев", "а", "я", "у", "ю", "е", "и", "ы",
)  # fmt: skip
# A word this short is never cut down to a name ("об" is not "о" + "б").
MIN_CUT_LENGTH = 4
EXCERPT_CONTEXT = 80


@dataclass(frozen=True)
class Word:
    """A word of the searched text, with what names are compared to."""

    start: int
    end: int
    raw: str
    fold: str
    key: str
    cuts: frozenset[str]  # the word without a Russian ending
    person_keys: frozenset[str]


@dataclass(frozen=True)
class Mention:
    entity: EntityRef
    language: str
    field: str
    matched_text: str
    excerpt: str
    position: int = 0


@dataclass
class Match:
    """A name found in a text."""

    name: Name
    first: int  # index of the first and after the last word
    after: int
    start: int  # character offsets
    end: int
    nested: bool = False


def text_words(text: str, language: str) -> list[Word]:
    """The words of normalised ``text``, with what names are compared to."""
    words = []
    for match in tokens(text, language):
        raw = match.group()
        fold = analysis.fold(raw)
        cuts = frozenset(
            fold[: -len(ending)]
            for ending in (RUSSIAN_ENDINGS if language == "ru" else ())
            if fold.endswith(ending) and len(fold) - len(ending) >= MIN_CUT_LENGTH
        )
        words.append(
            Word(
                start=match.start(),
                end=match.end(),
                raw=raw,
                fold=fold,
                key=word_key(fold, language),
                cuts=cuts,
                person_keys=(
                    frozenset(analysis.name_variants(fold, query=True))
                    if len(fold) >= 3 and raw[0].isupper()
                    else frozenset()
                ),
            )
        )
    return words


def word_matches(name: Name, index: int, word: Word, language: str) -> bool:
    expected = name.words[index]
    if expected.capitals:
        return word.raw.isupper() and word.fold == expected.fold
    if word.fold == expected.fold:
        return True
    if name.language == language and expected.key and word.key == expected.key:
        return True
    if len(expected.fold) >= MIN_CUT_LENGTH and expected.fold in word.cuts:
        return True
    return bool(expected.person_keys & word.person_keys)


class MentionFinder:
    """Finds mentions in articles; build it once for many articles."""

    def __init__(self, data: EntityData | None = None):
        self.data = data if data is not None else load_entity_names()
        # Per text language: first-word lookup keys -> names. People's names
        # are looked for in every language, the others' in their own.
        self._index: dict[str, dict[str, list[Name]]] = {}
        for language in languages.CODES:
            index = defaultdict(list)
            for name in self.data.names:
                if name.language != language and name.entity.kind != PERSON:
                    continue
                first = name.words[0]
                keys = {first.fold, *first.person_keys}
                if name.language == language and first.key:
                    keys.add(first.key)
                for key in keys:
                    index[key].append(name)
            self._index[language] = dict(index)

    def label(self, entity: EntityRef) -> str:
        return self.data.labels.get(entity, f"{entity.kind} {entity.pk}")

    def find_in_text(self, text: str, language: str) -> list[tuple[Match, str]]:
        """The names found in ``text``, in text order, each with the
        normalised text that the match's offsets refer to."""
        text = analysis.normalize(text or "")
        words = text_words(text, language)
        index = self._index[language]
        found = []
        for position, word in enumerate(words):
            candidates = {
                id(name): name
                for key in (word.fold, word.key, *word.cuts, *word.person_keys)
                for name in index.get(key, ())
            }
            for name in candidates.values():
                after = self._match_at(name, words, position, text, language)
                if after:
                    found.append(Match(name, position, after, word.start, words[after - 1].end))
        return [(match, text) for match in self._resolve(found)]

    def _match_at(
        self, name: Name, words: list[Word], position: int, text: str, language: str
    ) -> int:
        """The index after the name's last word when ``name`` starts at
        ``position``, else 0."""
        if position + len(name.words) > len(words):
            return 0
        first = words[position]
        if name.capitalised and not first.raw[0].isupper():
            return 0
        if name.quoted and text[first.start - 1 : first.start] not in OPENING_QUOTES:
            return 0
        for offset in range(len(name.words)):
            word = words[position + offset]
            if not word_matches(name, offset, word, language):
                return 0
            if offset:
                previous = words[position + offset - 1]
                if not _gap_allowed(
                    text[previous.end : word.start], previous, name.gaps[offset - 1]
                ):
                    return 0
        return position + len(name.words)

    def _resolve(self, found: list[Match]) -> list[Match]:
        """Longest first; a shorter match inside longer ones is kept only
        when it names something each of them belongs to."""
        found.sort(key=lambda m: (-(m.after - m.first), -(m.end - m.start), m.first))
        kept: list[Match] = []
        for match in found:
            overlapping = [k for k in kept if k.first < match.after and match.first < k.after]
            if not overlapping:
                kept.append(match)
                continue
            inside = all(k.first <= match.first and match.after <= k.after for k in overlapping)
            if inside and all(
                match.name.entity in self.data.related.get(k.name.entity, ()) for k in overlapping
            ):
                match.nested = True
                kept.append(match)
        kept.sort(key=lambda m: m.start)
        return kept

    def holders_on(self, office: EntityRef, day: date) -> list[EntityRef]:
        return [
            person
            for person, start, end in self.data.holders.get(office, ())
            if (start is None or start <= day) and (end is None or day <= end)
        ]

    def find(self, article: Article) -> dict[EntityRef, Mention]:
        """The entities ``article`` names, whatever it links already, each
        with its first mention (the original language's text first)."""
        mentions: dict[EntityRef, Mention] = {}
        day = timezone.localdate(article.published_at or article.created_at or timezone.now())
        for language in languages.starting_with(article.original_language):
            for field_name in SEARCHED_FIELDS:
                text = article.field_text(field_name, language)
                for match, normalised in self.find_in_text(text, language):
                    start, end = _balanced(normalised, match.start, match.end)
                    mention = Mention(
                        entity=match.name.entity,
                        language=language,
                        field=field_name,
                        matched_text=normalised[start:end],
                        excerpt=_excerpt(normalised, start, end),
                        position=start,
                    )
                    mentions.setdefault(mention.entity, mention)
                    if match.nested:
                        continue
                    for holder in self.holders_on(match.name.entity, day):
                        mentions.setdefault(holder, replace(mention, entity=holder))
        return mentions


def _gap_allowed(gap: str, previous: Word, name_gap: frozenset[str]) -> bool:
    hard = hard_separators(gap)
    if not hard or hard <= name_gap:
        return True
    # "Ә.Смайылов", "Ә. Смайылов", "Zakon.kz"
    return hard == {"."} and (len(previous.fold) == 1 or not any(c.isspace() for c in gap))


PAIRS = {"«": "»", "“": "”", "„": "“", "(": ")"}


def _balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """The match widened to the quotes or brackets it opens or closes:
    «Antikor ortalygy» сервистік орталығы, not Antikor ortalygy» ..."""
    matched = text[start:end]
    for opening, closing in PAIRS.items():
        if matched.count(closing) > matched.count(opening) and text[start - 1 : start] == opening:
            start -= 1
        if matched.count(opening) > matched.count(closing) and text[end : end + 1] == closing:
            end += 1
    return start, end


def _excerpt(text: str, start: int, end: int) -> str:
    """The match with some words either side, on one line."""
    left = max(0, start - EXCERPT_CONTEXT)
    right = min(len(text), end + EXCERPT_CONTEXT)
    if left:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    excerpt = " ".join(text[left:right].split())
    return f"{'… ' if left else ''}{excerpt}{' …' if right < len(text) else ''}"
