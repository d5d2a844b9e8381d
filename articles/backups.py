"""A portable backup of the whole newsroom: every object, translation, link
and history entry, as a JSON fixture that ``loaddata`` restores on SQLite or
PostgreSQL.

Two things plain ``dumpdata`` gets wrong for this: ``-o`` writes in the
locale's encoding, so on a server running with LANG=C it fails on the first
Kazakh letter (the backup is always UTF-8); and its JSON keeps times only to
the millisecond (the backup keeps microseconds, so a restored row is the row
that was saved). Any JSON fixture loader reads the result.

``dumpdata`` also reads each table in a statement of its own, so a backup
taken while an editor saves could hold an affiliation without its person or
a history entry without its revision. The backup reads every table from one
snapshot and checks its own references before it replaces the file.

The serializer ("json-exact") is registered in ``SERIALIZATION_MODULES``.
"""

import datetime
import json as jsonlib
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.serializers import json
from django.db import connection, models, transaction

from .media.backups import MediaSummary, copy_media, media_directory, named_files
from .media.backups import Progress as MediaProgress

# Left out: rows that migrate recreates (content types, permissions), that
# are useless after a restore (sessions), or that are derived from articles
# and rebuilt while loading (the search index, app label "search").
# The background tasks' results (django_tasks_database) are a log, not content.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "search", "django_tasks_database"]


FORMAT = "json-exact"

Progress = Callable[[str, int], None]
_progress: ContextVar[Progress | None] = ContextVar("backup_progress", default=None)


class BackupError(Exception):
    """The written backup would not restore; it was not kept."""


@dataclass(frozen=True)
class Summary:
    size: int
    objects: Counter
    references: int
    seconds: float
    media: MediaSummary


class ExactJSONEncoder(json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time) and o.microsecond:
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(json.Serializer):
    """Django's JSON serializer, with times to the microsecond, telling the
    running backup (if any) how many objects of each model it wrote."""

    def start_serialization(self):
        super().start_serialization()
        self.json_kwargs["cls"] = ExactJSONEncoder
        self._model, self._written = None, 0

    def start_object(self, obj):
        if obj._meta.label_lower != self._model:
            self._report()
            self._model, self._written = obj._meta.label_lower, 0
        super().start_object(obj)

    def end_object(self, obj):
        super().end_object(obj)
        self._written += 1

    def end_serialization(self):
        self._report()
        super().end_serialization()

    def _report(self):
        if self._model and (progress := _progress.get()):
            progress(self._model, self._written)


Deserializer = json.Deserializer


def write_backup(
    path: Path, progress: Progress | None = None, media_progress: MediaProgress | None = None
) -> Summary:
    """Writes the backup to ``path``, replacing it only once it is complete
    and its references check out, and the media files its rows name to
    ``media_directory(path)``. ``progress`` is called with each model's
    label and object count as the model is written, ``media_progress`` with
    the files copied so far and their number."""
    started = time.monotonic()
    path = Path(path)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    token = _progress.set(progress)
    try:
        with snapshot():
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
            with open(temporary, encoding="utf-8") as stream:
                records = jsonlib.load(stream)
            references, broken = check_references(records)
        files = named_files(records)
        if broken:
            shown = "\n".join(broken[:10])
            more = f"\n… and {len(broken) - 10:,} more" if len(broken) > 10 else ""
            raise BackupError(
                f"The backup would not restore: {len(broken):,} broken references.\n{shown}{more}"
            )
        media = copy_media(files, media_directory(path), media_progress)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    finally:
        _progress.reset(token)
    return Summary(
        size=path.stat().st_size,
        objects=Counter(record["model"] for record in records),
        references=references,
        seconds=time.monotonic() - started,
        media=media,
    )


@contextmanager
def snapshot() -> Iterator[None]:
    """Every query inside reads the database as it was at one moment, and
    nothing inside can write."""
    if connection.in_atomic_block:
        raise transaction.TransactionManagementError(
            "A backup opens its own transaction; run it outside of one."
        )
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        # Not atomic(): the connection begins its transactions IMMEDIATE, which
        # would hold the write lock and keep editors waiting for the whole
        # backup. A deferred transaction's first read fixes its snapshot (WAL).
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
            try:
                cursor.execute("SELECT count(*) FROM sqlite_master")
                cursor.execute("PRAGMA query_only = ON")
                yield
            finally:
                cursor.execute("PRAGMA query_only = OFF")
                cursor.execute("ROLLBACK")
    else:
        raise NotImplementedError(f"No snapshot for {connection.vendor} databases.")


# --- Checking the file's references ---------------------------------------------


def check_references(records: list[dict]) -> tuple[int, list[str]]:
    """Counts the references between ``records`` (foreign keys, many-to-many
    links, natural keys, history entries' objects) and describes each one
    that points at nothing a restore will have. Runs in the snapshot: a
    history entry may outlive its object (that is how deleted objects are
    recovered), but not one the snapshot still holds."""
    present = {(record["model"], _identity(record)) for record in records}
    permissions = _permission_keys()
    checked, broken, orphaned = 0, [], {}
    for record in records:
        model = apps.get_model(record["model"])
        for field, key in _references(model, record["fields"]):
            checked += 1
            target = field.related_model._meta.label_lower
            if target == "contenttypes.contenttype":
                found = _is_model(key)
            elif target == "auth.permission":
                found = key in permissions
            else:
                found = (target, key) in present
            if not found:
                source = f"{record['model']} {_identity(record)}"
                broken.append(f"{source}: {field.name} → {target} {key}")
        if record["model"] == "reversion.version" and _is_model(record["fields"]["content_type"]):
            checked += 1
            label = ".".join(record["fields"]["content_type"])
            if (label, record["fields"]["object_id"]) not in present:
                orphaned.setdefault(label, []).append(record)
    for label, versions in orphaned.items():
        still_there = set(
            map(
                str,
                apps.get_model(label)
                ._base_manager.filter(pk__in=[v["fields"]["object_id"] for v in versions])
                .values_list("pk", flat=True),
            )
        )
        broken += [
            f"reversion.version {v['pk']}: object → {label} {v['fields']['object_id']}"
            for v in versions
            if v["fields"]["object_id"] in still_there
        ]
    return checked, broken


def _identity(record: dict) -> str | tuple:
    if "pk" in record:
        return str(record["pk"])
    model = apps.get_model(record["model"])
    values = {
        field.attname: record["fields"][field.name]
        for field in model._meta.concrete_fields
        if not field.is_relation and field.name in record["fields"]
    }
    return tuple(model(**values).natural_key())


def _references(model: type[models.Model], fields: dict) -> Iterator[tuple[models.Field, object]]:
    for field in model._meta.concrete_fields:
        if field.is_relation and fields.get(field.name) is not None:
            yield field, _key(fields[field.name])
    for field in model._meta.many_to_many:
        if field.remote_field.through._meta.auto_created:
            for value in fields.get(field.name, []):
                yield field, _key(value)


def _key(value) -> str | tuple:
    """A reference as the file writes it: a natural key (a list) or a pk."""
    return tuple(value) if isinstance(value, list) else str(value)


def _is_model(natural_key: tuple) -> bool:
    try:
        apps.get_model(*natural_key)
    except (LookupError, TypeError, ValueError):
        return False
    return True


def _permission_keys() -> set[tuple]:
    from django.contrib.auth.models import Permission

    return {
        tuple(values)
        for values in Permission.objects.values_list(
            "codename", "content_type__app_label", "content_type__model"
        )
    }
