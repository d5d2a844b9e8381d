"""Reading the search index: from what a reader typed to ranked articles.

``parse`` cuts the query to ``MAX_QUERY_LENGTH`` characters, analyses it
as every language would (a Cyrillic word is tried as Kazakh and as Russian,
a Latin word as English) and keeps at most ``MAX_TERMS`` terms. Each term
is a set of alternatives: its keys, its Russian stem as a prefix
(коррупц* finds коррупционных) and its name keys (tokaev).

An article matches when every term matches somewhere in it: its text in
any language or the names of the entities linked to it. Its score adds,
per term, the weight of the best field the term is found in (``WEIGHTS``:
entity names, then title, lead, body). Results come by score, then newest
first, then by id: a total order computed by the same SQL on PostgreSQL
and SQLite, so both give the same results in the same order.

Query text never reaches the database as syntax: keys are letters or digits
only, and each one is quoted for the backend's query language.
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from .analysis import (
    MIN_PREFIX_LENGTH,
    STOP_WORDS,
    is_cyrillic,
    key,
    name_key,
    name_variants,
    normalize,
    tokens,
)
from .models import EntityDocument

# Longer queries are cut here (characters, before analysis); no search needs
# more, and it bounds the work a request can ask for.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 8

# Per term, the best field it is found in. Entity names weigh most, so that
# stories linked to a named person or organization come first.
WEIGHTS = {"names": 8, "titles": 4, "leads": 2}
BODY_WEIGHT = 1


@dataclass(frozen=True)
class Term:
    token: str
    keys: frozenset[str]  # exact keys, any language
    prefixes: frozenset[str]  # keys that also match as a prefix
    names: frozenset[str]  # name keys

    @property
    def alternatives(self) -> frozenset[str]:
        return self.keys | self.names


@dataclass(frozen=True)
class SearchQuery:
    text: str
    terms: tuple[Term, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)

    def matches(self, token: str, language: str) -> bool:
        """Whether a folded token of a ``language`` text matches one of the
        terms, by its key or as a name (for highlights)."""
        token_key = key(token, language)
        if not token_key:
            return False
        return any(
            token_key in term.keys
            or token_key.startswith(tuple(term.prefixes))
            or name_key(token) in term.names
            for term in self.terms
        )


def _languages(token: str) -> tuple[str, ...]:
    return ("kk", "ru") if is_cyrillic(token) else ("en", "kk")


def parse(text: str) -> SearchQuery:
    """The terms of a query, whatever it holds (see the module docstring)."""
    text = normalize(str(text)[:MAX_QUERY_LENGTH])
    terms, seen = [], set()
    for token in tokens(text):
        if token in seen or len(terms) == MAX_TERMS:
            continue
        seen.add(token)
        languages = _languages(token)
        if all(token in STOP_WORDS[language] for language in languages):
            continue
        keys = {key(token, language) for language in languages} - {""}
        prefixes = set()
        if is_cyrillic(token):
            stem = key(token, "ru")
            # Only where the Russian stemmer found an ending: a Kazakh word
            # it leaves whole gains nothing from a prefix, and costs a scan.
            if len(stem) >= MIN_PREFIX_LENGTH and stem != token:
                prefixes.add(stem)
        terms.append(
            Term(
                token=token,
                keys=frozenset(keys),
                prefixes=frozenset(prefixes),
                names=frozenset(name_variants(token, query=True)),
            )
        )
    return SearchQuery(text=text.strip(), terms=tuple(terms))


# --- SQL ------------------------------------------------------------------------


def _fts5(terms: tuple[Term, ...]) -> str:
    def alternatives(term: Term) -> str:
        words = [f'"{word}"' for word in sorted(term.alternatives)]
        words += [f'"{prefix}"*' for prefix in sorted(term.prefixes)]
        return "(" + " OR ".join(words) + ")"

    return " AND ".join(alternatives(term) for term in terms)


def _tsquery(terms: tuple[Term, ...]) -> str:
    def alternatives(term: Term) -> str:
        words = [f"'{word}'" for word in sorted(term.alternatives)]
        words += [f"'{prefix}':*" for prefix in sorted(term.prefixes)]
        return "(" + " | ".join(words) + ")"

    return " & ".join(alternatives(term) for term in terms)


def matching_ids(terms: tuple[Term, ...], field: str | None = None, using: str = "default"):
    """A subquery of the ids of articles where every term matches, in
    ``field`` or (None) anywhere."""
    vendor = connections[using].vendor
    if vendor == "postgresql":
        column = f"{field}_tsv" if field else "document"
        return RawSQL(
            f"SELECT article_id FROM search_document "
            f"WHERE {column} @@ to_tsquery('simple'::regconfig, %s)",
            [_tsquery(terms)],
        )
    if vendor == "sqlite":
        expression = _fts5(terms)
        if field:
            expression = f"{{{field}}} : ({expression})"
        return RawSQL(
            "SELECT rowid FROM search_document_fts WHERE search_document_fts MATCH %s",
            [expression],
        )
    raise NotImplementedError(f"Search supports PostgreSQL and SQLite, not {vendor}.")


def filter_matching(queryset: QuerySet, query: SearchQuery) -> QuerySet:
    """The articles of ``queryset`` that match every term of ``query``."""
    if not query:
        return queryset.none()
    return queryset.filter(pk__in=matching_ids(query.terms, using=queryset.db))


def rank(queryset: QuerySet, query: SearchQuery) -> QuerySet:
    """Matching articles, annotated with ``search_score``, best first."""
    queryset = filter_matching(queryset, query)
    if not query:
        return queryset
    score = Value(0, output_field=IntegerField())
    for term in query.terms:
        whens = [
            When(pk__in=matching_ids((term,), field, using=queryset.db), then=Value(weight))
            for field, weight in WEIGHTS.items()
        ]
        score += Case(*whens, default=Value(BODY_WEIGHT), output_field=IntegerField())
    return queryset.annotate(search_score=score).order_by("-search_score", "-published_at", "-pk")


# --- Entities --------------------------------------------------------------------

MAX_ENTITIES = 5


def matching_entities(query: SearchQuery, limit: int = MAX_ENTITIES) -> list[tuple[str, int]]:
    """(kind, id) of the people, organizations and initiatives whose names
    hold every term, the shortest names (the closest matches) first."""
    if not query:
        return []
    condition = Q()
    for term in query.terms:
        if not term.names:
            return []
        condition &= Q(
            *(Q(names__contains=f" {name} ") for name in sorted(term.names)), _connector=Q.OR
        )
    rows = EntityDocument.objects.filter(condition).values_list("kind", "object_id", "names")
    # Sorted here: the candidates are few, and the order must not depend on
    # how each database measures text length.
    ordered = sorted(rows[: limit * 20], key=lambda row: (len(row[2]), row[0], row[1]))
    return [(kind, object_id) for kind, object_id, _ in ordered[:limit]]


def load_entities(pairs: list[tuple[str, int]]) -> list:
    """The people, organizations and initiatives of ``matching_entities``, in
    its order: one query per kind present."""
    from .indexing import KIND_MODELS

    wanted: dict[str, list[int]] = {}
    for kind, object_id in pairs:
        wanted.setdefault(kind, []).append(object_id)
    found = {
        (kind, entity.pk): entity
        for kind, ids in wanted.items()
        for entity in KIND_MODELS[kind].objects.filter(pk__in=ids)
    }
    return [found[pair] for pair in pairs if pair in found]
