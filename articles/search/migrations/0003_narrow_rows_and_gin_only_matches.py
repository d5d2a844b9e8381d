"""PostgreSQL: narrow search_document rows, one vector to score from, and
matches read from the GIN index alone. SQLite is left as it is (none of
this applies to FTS5, which keeps the same keys).

Why (bench/search/README.md has the figures):

* ``toast_tuple_target = 128``: a row held its key texts and three small
  per-field vectors inline, about 1.9 KB, so a bitmap scan of the GIN index
  for a common word visited nearly every page of the table. Now every long
  value of a row over 2 KB in all goes to the TOAST table: a row is about
  200 bytes, and the ids of 90,000 matches are read from 2,500 pages
  instead of 23,000.
* ``fields_tsv`` replaces names_tsv, titles_tsv and leads_tsv and their
  GIN indexes: the keys of the three fields in one vector, each key tagged
  with its field's letter (n, t, l: ``ntokaev`` is tokaev in a name; the
  same tags as FIELD_TAGS in query.py). Ranking reads it row by row for
  the articles being ranked only, one TOAST read per article instead of
  three, and no index is needed for that.
* ``search_matches(tsquery)`` returns the ids of the documents whose
  ``document`` matches, always through the GIN index (a bitmap scan, exact
  for a plain tsquery: no row's document is decompressed). The planner does
  not count the cost of decompressing a TOASTed value, so on its own it
  picks a sequential scan, or a walk down the primary key, that decompresses
  every row's document whenever a word is common (a second and more at
  100,000 articles). The function's SET clauses turn those two plans off
  for this one query; nothing else is affected. It is declared PARALLEL
  UNSAFE, which keeps the whole search statement that calls it serial: on
  two cores, starting parallel workers for a query of a few ms cost more
  (20-30 ms) than they saved.

Adding ``fields_tsv`` rewrites the table, and every row with it (old rows
take the new layout too). That locks search_document while it runs, about
a minute per 100,000 articles on the 2-core benchmark machine: searches
wait meanwhile. Apply it at a quiet time.
"""

from django.db import migrations

# The keys of a field, each prefixed with the field's tag.
_tagged = "regexp_replace({field}, '(\\S+)', '{tag}\\1', 'g')"
FIELDS = " || ' ' || ".join(
    _tagged.format(field=field, tag=tag)
    for field, tag in (("names", "n"), ("titles", "t"), ("leads", "l"))
)
MATCHES = """
CREATE FUNCTION search_matches(query tsquery) RETURNS SETOF bigint
LANGUAGE sql STABLE STRICT PARALLEL UNSAFE ROWS 10000
SET enable_seqscan = off
SET enable_indexscan = off
AS $$ SELECT article_id FROM search_document WHERE document @@ query $$
"""
OLD_COLUMNS = ("names", "titles", "leads")

POSTGRES_FORWARD = [
    MATCHES,
    "ALTER TABLE search_document SET (toast_tuple_target = 128)",
    *(f"ALTER TABLE search_document DROP COLUMN {field}_tsv" for field in OLD_COLUMNS),
    # Rewrites the table: every row gets the narrow layout.
    "ALTER TABLE search_document ADD COLUMN fields_tsv tsvector "
    f"GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, {FIELDS}))) STORED",
    "ANALYZE search_document",
]
POSTGRES_BACKWARD = [
    "DROP FUNCTION IF EXISTS search_matches(tsquery)",
    "ALTER TABLE search_document RESET (toast_tuple_target)",
    "ALTER TABLE search_document DROP COLUMN fields_tsv",
    # As migration 0002 made them.
    *(
        f"ALTER TABLE search_document ADD COLUMN {field}_tsv tsvector "
        f"GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, {field}))) STORED"
        for field in OLD_COLUMNS
    ),
    *(
        f"CREATE INDEX search_document_{field}_tsv_gin ON search_document "
        f"USING gin ({field}_tsv)"
        for field in OLD_COLUMNS
    ),
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise NotImplementedError(
                f"Search supports PostgreSQL and SQLite, not {schema_editor.connection.vendor}."
            )
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_indexes")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": []}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": []}),
        ),
    ]
