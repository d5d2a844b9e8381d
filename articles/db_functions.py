"""Database functions that give the same answer on SQLite and PostgreSQL."""

from django.db.models import Func, TextField


class UnicodeLower(Func):
    """LOWER() for every script, Cyrillic and Kazakh letters included.

    PostgreSQL lower-cases by the database's UTF-8 locale, but SQLite's own
    lower() folds ASCII only ("Коррупция" stays as it is), so on SQLite this
    calls Python's str.lower, registered by ``register_sqlite_functions``.
    """

    function = "LOWER"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="UNICODE_LOWER", **extra_context)


def _lower(text: str | None) -> str | None:
    return None if text is None else text.lower()


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """Receiver for ``connection_created``: adds UNICODE_LOWER to SQLite connections."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNICODE_LOWER", 1, _lower, deterministic=True)
