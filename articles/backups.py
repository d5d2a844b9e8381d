"""A portable backup of the whole newsroom: every object, translation, link
and history entry, as a JSON fixture that ``loaddata`` restores on SQLite or
PostgreSQL.

Two things plain ``dumpdata`` gets wrong for this: ``-o`` writes in the
locale's encoding, so on a server running with LANG=C it fails on the first
Kazakh letter (the backup is always UTF-8); and its JSON keeps times only to
the millisecond (the backup keeps microseconds, so a restored row is the row
that was saved). Any JSON fixture loader reads the result.
"""

import datetime
import os
import tempfile
from pathlib import Path

from django.core import serializers
from django.core.management import call_command
from django.core.serializers import json

# Left out: rows that migrate recreates (content types, permissions), that
# are useless after a restore (sessions), or that are derived from articles
# and rebuilt while loading (the search index, app label "search").
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "search"]


FORMAT = "json-exact"


class ExactJSONEncoder(json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time) and o.microsecond:
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(json.Serializer):
    """Django's JSON serializer, with times to the microsecond."""

    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder


Deserializer = json.Deserializer


def write_backup(path: Path) -> int:
    """Writes the backup to ``path`` (replacing it only once complete) and
    returns its size in bytes."""
    path = Path(path)
    serializers.register_serializer(FORMAT, __name__)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with open(descriptor, "w", encoding="utf-8") as stream:
            call_command(
                "dumpdata",
                format=FORMAT,
                exclude=EXCLUDED,
                natural_foreign=True,
                natural_primary=True,
                indent=1,
                stdout=stream,
                verbosity=0,
            )
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return path.stat().st_size
