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
first, then by id: a total order, the same on PostgreSQL and SQLite, so
both give the same results in the same order.

**The relevance window.** Only the ``RELEVANCE_WINDOW`` (1,000) newest
matches, newest first then by id, after every other filter of the list, are
ranked and counted; older matches are not shown. A common word matches most
of the archive (a third of 100,000 articles or more), and scoring and
counting all of them cost seconds; the window bounds the work of any query
to about a thousand articles. It changes nothing when a query has fewer
matches, and the first page is the same as without it whenever the window
holds at least 20 articles with the best score. The page says "At least
1,000 stories found" when the window is full (``is_capped``). Searched
articles must have a publication date (published ones do): the databases
sort missing dates differently. See bench/search/README.md.

Query text never reaches the database as syntax: keys are letters or digits
only, and each one is quoted for the backend's query language.
"""

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

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
from .indexing import KIND_MODELS
from .models import EntityDocument
from .ranked import RankedArticles

# Longer queries are cut here (characters, before analysis); no search needs
# more, and it bounds the work a request can ask for.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 8

# Per term, the best field it is found in. Entity names weigh most, so that
# stories linked to a named person or organization come first.
WEIGHTS = {"names": 8, "titles": 4, "leads": 2}
BODY_WEIGHT = 1
# PostgreSQL keeps the keys of these fields in one vector, fields_tsv, each
# key tagged with its field's letter (tokaev in a name is ntokaev): one read
# per article scores every term (migration search/0003 has the same tags).
FIELD_TAGS = {"names": "n", "titles": "t", "leads": "l"}

# Only the newest matches are ranked and counted (see the module docstring).
RELEVANCE_WINDOW = 1000

# An article of the window: (id, published_at in microseconds since EPOCH or
# None, score). Whole microseconds: cheaper to read than datetimes, and exact.
Found = tuple[int, int | None, int]
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _microseconds(moment: datetime | None) -> int | None:
    return None if moment is None else (moment - EPOCH) // timedelta(microseconds=1)


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
    # (token, language) → matches(): snippets ask about the same words often.
    _matched: dict = dataclasses.field(default_factory=dict, init=False, repr=False, compare=False)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def matches(self, token: str, language: str) -> bool:
        """Whether a folded token of a ``language`` text matches one of the
        terms, by its key or as a name (for highlights)."""
        matched = self._matched.get((token, language))
        if matched is None:
            token_key = key(token, language)
            matched = bool(token_key) and any(
                token_key in term.keys
                or token_key.startswith(tuple(term.prefixes))
                or name_key(token) in term.names
                for term in self.terms
            )
            self._matched[(token, language)] = matched
        return matched


def _languages(token: str) -> tuple[str, ...]:
    return ("kk", "ru") if is_cyrillic(token) else ("en", "kk")


def cut(text: str) -> str:
    """What of a reader's text is searched: its first MAX_QUERY_LENGTH
    characters. Longer text is cut, not refused, so that anything typed in a
    search box gives a page of results."""
    return str(text)[:MAX_QUERY_LENGTH]


def parse(text: str) -> SearchQuery:
    """The terms of a query, whatever it holds (see the module docstring)."""
    text = normalize(cut(text))
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


def _tsquery(terms: tuple[Term, ...], tag: str = "") -> str:
    """``tag`` (FIELD_TAGS) looks for the terms in one field of fields_tsv."""

    def alternatives(term: Term) -> str:
        words = [f"'{tag}{word}'" for word in sorted(term.alternatives)]
        words += [f"'{tag}{prefix}':*" for prefix in sorted(term.prefixes)]
        return "(" + " | ".join(words) + ")"

    return " & ".join(alternatives(term) for term in terms)


def matching_ids(terms: tuple[Term, ...], field: str | None = None, using: str = "default"):
    """A subquery of the ids of articles where every term matches, in
    ``field`` or (None) anywhere."""
    vendor = connections[using].vendor
    if vendor == "postgresql":
        # fields_tsv has no index: the search itself only reads it row by row.
        column = "fields_tsv" if field else "document"
        return RawSQL(
            f"SELECT article_id FROM search_document "
            f"WHERE {column} @@ to_tsquery('simple'::regconfig, %s)",
            [_tsquery(terms, FIELD_TAGS[field] if field else "")],
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


def _pg_score(terms: tuple[Term, ...], article_id: str) -> tuple[str, list[str]]:
    """PostgreSQL: SQL for the score of the article ``article_id`` (an SQL
    expression), read from its own ``fields_tsv``: the keys of its names,
    titles and leads, each tagged with its field (FIELD_TAGS)."""
    cases, params = [], []
    for term in terms:
        whens = " ".join(
            f"WHEN fields @@ to_tsquery('simple'::regconfig, %s) THEN {weight}"
            for weight in WEIGHTS.values()
        )
        cases.append(f"CASE {whens} ELSE {BODY_WEIGHT} END")
        params += [_tsquery((term,), FIELD_TAGS[field]) for field in WEIGHTS]
    # The vector is TOASTed (migration search/0003): "|| ''" reads it once
    # per article instead of once per term and field.
    sql = (
        f"SELECT {' + '.join(cases)} FROM ("
        f"SELECT fields_tsv || ''::tsvector AS fields FROM search_document "
        f"WHERE article_id = {article_id} OFFSET 0) AS ranked"
    )
    return sql, params


def _sqlite_score(terms: tuple[Term, ...], using: str):
    """SQLite: the score as an expression. A contentless FTS5 table can only
    say which rows match, so each field is a set of ids."""
    score = Value(0, output_field=IntegerField())
    for term in terms:
        whens = [
            When(pk__in=matching_ids((term,), field, using=using), then=Value(weight))
            for field, weight in WEIGHTS.items()
        ]
        score += Case(*whens, default=Value(BODY_WEIGHT), output_field=IntegerField())
    return score


# How PostgreSQL finds the window (see _pg_window): the share of matches
# among the SAMPLED newest articles says whether the PROBED newest articles
# are likely to hold RELEVANCE_WINDOW matches.
SAMPLED_NEWEST = 200
PROBED_NEWEST = 2 * RELEVANCE_WINDOW


def _pg_window(queryset: QuerySet, query: SearchQuery) -> list[Found]:
    """PostgreSQL: the window's articles, by one statement.

    The planner cannot be left to choose how to find the N newest matches:
    it does not count the cost of reading the TOASTed ``document`` vector of
    a row, so it picks plans that read thousands of them (a sequential scan,
    or a walk down the newest articles when the words are not that common).
    The statement fixes the plan instead, in one of two ways:

    * ``recent``, when the words are common (at least N matches expected
      among the PROBED_NEWEST newest articles, judging by how many of the
      SAMPLED_NEWEST newest match): walk the newest articles of
      ``queryset``, each checked against its own document (a primary-key
      lookup), until N match;
    * ``older`` otherwise, or when ``recent`` fell short: the ids of every
      match come from the GIN index alone (``search_matches``, migration
      search/0003) into a hash, then the newest articles of ``queryset``
      are walked until N are in it. ``recent`` is then part of it.

    Either way the result is exactly the N newest matches, as SQLite's
    simple query finds them.
    """
    base = queryset.order_by().values_list("pk", "published_at")
    base_sql, base_params = base.query.sql_with_params()
    tsquery = _tsquery(query.terms)
    score_sql, score_params = _pg_score(query.terms, "found.pk")
    window, sampled, probed = RELEVANCE_WINDOW, SAMPLED_NEWEST, PROBED_NEWEST
    # Whether the article newest.pk matches, from its own document.
    matches = (
        "(SELECT document @@ to_tsquery('simple'::regconfig, %s) "
        "FROM search_document WHERE article_id = newest.pk)"
    )
    # Django names the columns (pk, published_at), not their order.
    sql = f"""
        WITH base AS NOT MATERIALIZED ({base_sql}),
        sample AS MATERIALIZED (
            SELECT count(*) AS hits FROM (
                SELECT pk FROM base ORDER BY published_at DESC, pk DESC LIMIT {sampled}
            ) newest
            WHERE {matches}
        ),
        recent AS MATERIALIZED (
            SELECT newest.pk, newest.published_at FROM (
                SELECT pk, published_at FROM base
                ORDER BY published_at DESC, pk DESC LIMIT {probed}
            ) newest
            WHERE (SELECT hits FROM sample) * {probed} >= {window} * {sampled}
            AND {matches}
            ORDER BY newest.published_at DESC, newest.pk DESC LIMIT {window}
        ),
        found AS (
            SELECT pk, published_at FROM recent
            UNION
            SELECT older.pk, older.published_at FROM (
                SELECT pk, published_at FROM base
                WHERE CASE WHEN pk IN (
                    SELECT article_id
                    FROM search_matches(to_tsquery('simple'::regconfig, %s)) AS m (article_id)
                ) THEN true ELSE false END
                ORDER BY published_at DESC, pk DESC LIMIT {window}
            ) older
            WHERE (SELECT count(*) FROM recent) < {window}
        )
        SELECT
            found.pk,
            (extract(epoch FROM found.published_at) * 1000000)::bigint,
            ({score_sql})
        FROM found
    """
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, [*base_params, tsquery, tsquery, tsquery, *score_params])
        return cursor.fetchall()


def window(queryset: QuerySet, query: SearchQuery) -> list[Found]:
    """The articles in the relevance window of ``queryset``: its
    RELEVANCE_WINDOW newest matching articles (newest first, then by id), in
    no particular order. One query."""
    if not query:
        return []
    if connections[queryset.db].vendor == "postgresql":
        return _pg_window(queryset, query)
    newest = (
        filter_matching(queryset, query)
        .order_by("-published_at", "-pk")
        .values("pk")[:RELEVANCE_WINDOW]
    )
    found = queryset.model._base_manager.db_manager(queryset.db).filter(pk__in=newest)
    score = _sqlite_score(query.terms, queryset.db)
    rows = found.annotate(score=score).values_list("pk", "published_at", "score").order_by()
    return [(pk, _microseconds(published_at), score) for pk, published_at, score in rows]


def _best_first(row: Found) -> tuple[int, int, int]:
    pk, published_at, score = row
    return (score, -(2**63) if published_at is None else published_at, pk)


def rank(
    queryset: QuerySet, query: SearchQuery, found: list[Found] | None = None
) -> RankedArticles | QuerySet:
    """The articles of ``queryset`` in the relevance window of ``query``,
    best first (highest score, then newest, then highest id), annotated with
    their place in that order, ``search_position`` (1, 2...).

    Apply every other filter to ``queryset`` before: the window is taken
    from what it holds. The window is found, scored and ordered here, with
    one query (``window``); the ranked list returned knows the order, so
    that counting it needs no query and a page of it fetches only its
    articles (ranked.py). A caller that already has the window (``found``,
    cached) skips that query. No match gives ``queryset.none()``.
    """
    if found is None:
        found = window(queryset, query)
    if not found:
        return queryset.none()
    ranked = [pk for pk, _, _ in sorted(found, key=_best_first, reverse=True)]
    dates = [published_at for _, published_at, _ in found]
    since = None if None in dates else EPOCH + timedelta(microseconds=min(dates))
    return RankedArticles(queryset, ranked, since=since)


def is_capped(count: int) -> bool:
    """Whether a ranked list of ``count`` articles is cut by the window:
    there may be more matches than it shows."""
    return count >= RELEVANCE_WINDOW


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


def entities_in_order(pairs: list[tuple[str, int]]) -> list:
    """The people, organizations and initiatives of ``matching_entities``, in
    its order: one query per kind present."""
    wanted: dict[str, list[int]] = {}
    for kind, object_id in pairs:
        wanted.setdefault(kind, []).append(object_id)
    found = {
        (kind, entity.pk): entity
        for kind, ids in wanted.items()
        for entity in KIND_MODELS[kind].objects.filter(pk__in=ids)
    }
    return [found[pair] for pair in pairs if pair in found]
