"""The full-text indexes over search_document, one kind per database.

They cannot be declared on the model: a GinIndex in Meta.indexes breaks
SQLite, and FTS5 tables are not Django models. So this migration checks
the backend and runs the SQL that suits it. The same keys are indexed on
both, and both tokenizers leave them unchanged (they are letters or digits
only), so a query finds the same documents on either.
"""

from django.db import migrations

FIELDS = ("names", "titles", "leads", "bodies")

# PostgreSQL: generated tsvector columns, positions stripped (no ranking by
# position is done), each with a GIN index. "document" holds every field,
# for the match; the others serve the ranking.
POSTGRES_COLUMNS = {
    "document": "names || ' ' || titles || ' ' || leads || ' ' || bodies",
    "names_tsv": "names",
    "titles_tsv": "titles",
    "leads_tsv": "leads",
}
POSTGRES_FORWARD = [
    *(
        f"ALTER TABLE search_document ADD COLUMN {column} tsvector "
        f"GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, {source}))) STORED"
        for column, source in POSTGRES_COLUMNS.items()
    ),
    *(
        f"CREATE INDEX search_document_{column}_gin ON search_document USING gin ({column})"
        for column in POSTGRES_COLUMNS
    ),
]
POSTGRES_BACKWARD = [
    f"ALTER TABLE search_document DROP COLUMN {column}" for column in POSTGRES_COLUMNS
]

# SQLite: a contentless FTS5 table whose rowid is the article id, kept in
# step with search_document by triggers. Diacritics are kept (й is not и),
# as PostgreSQL's parser keeps them.
_columns = ", ".join(FIELDS)
_new = ", ".join(f"new.{field}" for field in FIELDS)
_old = ", ".join(f"old.{field}" for field in FIELDS)
_delete = (
    f"INSERT INTO search_document_fts(search_document_fts, rowid, {_columns}) "
    f"VALUES ('delete', old.article_id, {_old});"
)
_insert = f"INSERT INTO search_document_fts(rowid, {_columns}) VALUES (new.article_id, {_new});"
SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE search_document_fts USING fts5({_columns}, content='', "
    "tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN {_insert} END",
    f"CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN {_delete} END",
    f"CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN "
    f"{_delete} {_insert} END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_document_au",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_ai",
    "DROP TABLE IF EXISTS search_document_fts",
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
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
