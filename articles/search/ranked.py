"""A ranked list of articles: ids in the order ``query.rank`` found them,
and only the rows a page shows read from the database."""

import json
from datetime import datetime

from django.db import connections
from django.db.models import F, Func, IntegerField, QuerySet
from django.db.models.expressions import RawSQL


class _Position(Func):
    """The place (1, 2...) of an article's id in a ranked list of ids, passed
    as one parameter however long the list (a thousand placeholders cost more
    to send than the query costs to run)."""

    output_field = IntegerField()

    def __init__(self, expression, ids: list[int]):
        super().__init__(expression)
        self.ids = ids

    def as_postgresql(self, compiler, connection):
        # A jsonb object {"id": place}: a lookup is a binary search.
        sql, params = compiler.compile(self.source_expressions[0])
        places = json.dumps({str(pk): place for place, pk in enumerate(self.ids, 1)})
        return f"(%s::jsonb ->> ({sql})::text)::integer", [places, *params]

    def as_sqlite(self, compiler, connection):
        # ",7,3,9,": where ",3," starts grows with the place of 3.
        sql, params = compiler.compile(self.source_expressions[0])
        listed = ",".join(map(str, self.ids))
        return f"instr(%s, ',' || {sql} || ',')", [f",{listed},", *params]


def in_order(queryset: QuerySet, ids: list[int]) -> QuerySet:
    """The articles of ``queryset`` whose ids are ``ids``, in that order,
    annotated with their place in it, ``search_position`` (1, 2...)."""
    if connections[queryset.db].vendor == "postgresql":
        # One array parameter, however many ids.
        chosen = queryset.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [ids]))
    else:
        chosen = queryset.filter(pk__in=ids)
    position = _Position(F("pk"), ids)
    return chosen.annotate(search_position=position).order_by("search_position")


class RankedArticles:
    """The articles of ``queryset`` whose ids are ``ids``, in that order: a
    sequence that Django's Paginator pages over the ids. It counts them
    without a query, and a slice (a page) fetches only its own articles.
    ``all()`` and ``filter()`` give ordinary querysets of every ranked
    article, ordered by ``search_position`` in SQL.

    ``since``, the oldest article's publication date, says nothing new to
    those querysets but lets the database read only the window's stretch of
    its (published_at) index instead of all of it.
    """

    ordered = True  # for Paginator, which warns about unordered lists

    def __init__(self, queryset: QuerySet, ids: list[int], *, since: datetime | None = None):
        self.queryset = queryset
        self.ids = ids
        self.since = since

    @property
    def model(self):
        return self.queryset.model

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self):
        return iter(self.all())

    def __getitem__(self, k):
        if isinstance(k, slice) and k.step is None:
            return in_order(self.queryset, self.ids[k])
        return self.all()[k]

    def all(self) -> QuerySet:
        results = in_order(self.queryset, self.ids)
        if self.since is not None:
            results = results.filter(published_at__gte=self.since)
        return results

    def filter(self, *args, **kwargs) -> QuerySet:
        return self.all().filter(*args, **kwargs)
