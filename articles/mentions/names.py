"""The names mention detection looks for: every entity's name, an
organization's short name, and the name variants editors keep (one a line),
in each language, turned into words that text is compared to.

A name is a sequence of tokens (as the search package makes them: NFKC,
lower case, ё as е). How it is written is kept too: a word in capitals
(БҰҰ, GRECO), a one-word name with a capital (Үкімет, Parliament) or in
quotes («Факт»), and the punctuation between its words, which the finder
(finder.py) requires of the text.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from articles import entities
from articles.models import LANGUAGE_CODES, Affiliation, Initiative
from articles.search import analysis

from .links import INITIATIVE, LINK_FIELDS, ORGANIZATION, PERSON, EntityRef

# Between the words of a name: what may stand in the text without ending it.
SOFT_SEPARATORS = frozenset(" \t\xa0\u202f-‐‑'’«»\"“”„")
OPENING_QUOTES = frozenset("«\"“„'")
PARENTHESES = re.compile(r"\s*\([^()]*\)")


@dataclass(frozen=True)
class NameWord:
    fold: str
    key: str  # search key in the name's language ("" for an initial)
    person_keys: frozenset[str]  # spelling-neutral keys, for people's names
    capitals: bool  # an abbreviation written in capitals


@dataclass(frozen=True)
class Name:
    entity: EntityRef
    language: str
    text: str
    words: tuple[NameWord, ...]
    gaps: tuple[frozenset[str], ...]  # punctuation the name itself has between words
    capitalised: bool  # a one-word name with a capital
    quoted: bool  # a one-word name in quotes


@dataclass
class EntityData:
    """What detection knows of the entities, loaded in a fixed number of queries."""

    names: list[Name] = field(default_factory=list)
    labels: dict[EntityRef, str] = field(default_factory=dict)
    # What an entity belongs to or involves: a shorter name inside its name
    # still counts when it names one of these.
    related: dict[EntityRef, set[EntityRef]] = field(default_factory=lambda: defaultdict(set))
    # One-person offices: (person, start, end) for each holder.
    holders: dict[EntityRef, list[tuple[EntityRef, date | None, date | None]]] = field(
        default_factory=lambda: defaultdict(list)
    )


def names_of(text: str) -> list[str]:
    """The names in a name or name-variants field: one a line, and each
    also without a parenthesised part ("Индекс восприятия коррупции (CPI)")."""
    names = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        names.append(line)
        short = PARENTHESES.sub("", line).strip()
        if short and short != line:
            names.append(short)
    return names


def load_entity_names() -> EntityData:
    """Every entity's names in every language, and how entities relate (six queries)."""
    data = EntityData()
    offices = set()
    for entity_type in entities.ENTITY_TYPES:
        kind, model = entity_type.kind, entity_type.model
        fields = (*entity_type.names, "name_variants")
        columns = [f"{name}_{code}" for name in fields for code in LANGUAGE_CODES]
        extra = ["parent_id", "is_office"] if kind == ORGANIZATION else []
        for row in model.objects.values("pk", *columns, *extra):
            entity = EntityRef(kind, row["pk"])
            data.labels[entity] = next(
                (row[f"name_{code}"] for code in LANGUAGE_CODES if row[f"name_{code}"]), ""
            )
            for code in LANGUAGE_CODES:
                texts = [row[f"{name}_{code}"] for name in fields]
                for text in dict.fromkeys(n for t in texts for n in names_of(t)):
                    name = make_name(entity, code, text)
                    if name:
                        data.names.append(name)
            if kind == ORGANIZATION:
                if row["parent_id"]:
                    data.related[entity].add(EntityRef(ORGANIZATION, row["parent_id"]))
                if row["is_office"]:
                    offices.add(row["pk"])
    _close_parents(data)
    # An initiative's own links to organizations and people bear the
    # article's link names.
    for kind in (ORGANIZATION, PERSON):
        field_name = LINK_FIELDS[kind]
        through = Initiative._meta.get_field(field_name).remote_field.through
        for initiative_id, other_id in through.objects.values_list("initiative_id", f"{kind}_id"):
            data.related[EntityRef(INITIATIVE, initiative_id)].add(EntityRef(kind, other_id))
    for person_id, organization_id, start, end in Affiliation.objects.values_list(
        "person_id", "organization_id", "start_date", "end_date"
    ):
        person = EntityRef(PERSON, person_id)
        data.related[person].add(EntityRef(ORGANIZATION, organization_id))
        if organization_id in offices:
            data.holders[EntityRef(ORGANIZATION, organization_id)].append((person, start, end))
    return data


def _close_parents(data: EntityData) -> None:
    """Organizations are related to all their ancestors, not only the parent."""
    parents = {
        entity: next(iter(related))
        for entity, related in data.related.items()
        if entity.kind == ORGANIZATION and related
    }
    for entity in parents:
        seen, current = set(), parents.get(entity)
        while current and current not in seen:
            seen.add(current)
            current = parents.get(current)
        data.related[entity] |= seen


def make_name(entity: EntityRef, language: str, text: str) -> Name | None:
    text = analysis.normalize(text)
    matches = tokens(text, language)
    if not matches:
        return None
    words = []
    for match in matches:
        raw = match.group()
        fold = analysis.fold(raw)
        words.append(
            NameWord(
                fold=fold,
                key=word_key(fold, language),
                person_keys=_person_keys(raw, fold) if entity.kind == PERSON else frozenset(),
                capitals=len(raw) > 1 and raw.isupper(),
            )
        )
    gaps = tuple(
        hard_separators(text[left.end() : right.start()])
        for left, right in zip(matches, matches[1:], strict=False)
    )
    single = len(words) == 1
    first = matches[0].group()
    return Name(
        entity=entity,
        language=language,
        text=text.strip(),
        words=tuple(words),
        gaps=gaps,
        capitalised=single and first[0].isupper() and not words[0].capitals,
        quoted=single and text.lstrip()[:1] in OPENING_QUOTES,
    )


def word_key(fold: str, language: str) -> str:
    if len(fold) < 2:
        return ""
    return analysis.key(fold, language) or fold  # a stop word is itself


def _person_keys(raw: str, fold: str) -> frozenset[str]:
    if len(fold) < 3 or not raw[0].isupper():
        return frozenset()
    return frozenset(analysis.name_variants(fold))


def hard_separators(gap: str) -> frozenset[str]:
    return frozenset(char for char in gap if char not in SOFT_SEPARATORS)


def tokens(text: str, language: str) -> list[re.Match]:
    """The tokens of normalised ``text``, without the Kazakh endings written
    after an abbreviation or a Latin name ("БҰҰ-ның", "Zakon.kz-ке")."""
    tokens: list[re.Match] = []
    for match in analysis.iter_tokens(text):
        raw = match.group()
        if language == "kk" and tokens:
            previous = tokens[-1]
            if (
                text[previous.end() : match.start()] in ("-", "‑")
                and raw.islower()
                and len(raw) <= 6
                and (previous.group().isupper() or not analysis.is_cyrillic(previous.group()))
            ):
                continue
        tokens.append(match)
    return tokens
