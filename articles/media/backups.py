"""The media files of a backup: every file a backed-up row names, copied
beside the JSON with a checksum each, and put back by ``restore_media``.

Stored files are never overwritten (a new upload or a rewritten document
gets a new name), so the files a snapshot's rows name can be copied after
the snapshot. Renditions are left out: ``restore_media`` has them made
again from the restored originals.
"""

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import models

MANIFEST = "MANIFEST.json"
CHUNK = 1024 * 1024

Progress = Callable[[int, int], None]


class MediaBackupError(Exception):
    """A file that a row names is not in the storage, or a copy is damaged."""


@dataclass(frozen=True)
class MediaSummary:
    files: int
    size: int


def media_directory(backup: Path) -> Path:
    """Where the media of ``backup`` go: newsroom-2026-12-02.json → newsroom-2026-12-02.media/"""
    return backup.with_name(f"{backup.stem}.media")


def named_files(records: Iterable[dict]) -> list[str]:
    """The storage names that the backed-up rows' file fields hold."""
    names = set()
    for record in records:
        model = apps.get_model(record["model"])
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and record["fields"].get(field.name):
                names.add(record["fields"][field.name])
    return sorted(names)


def _sha256(stream) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def copy_media(names: list[str], directory: Path, progress: Progress | None = None) -> MediaSummary:
    """Copies the files ``names`` from the storage into ``directory`` (which
    is replaced only once every file is copied), with MANIFEST.json."""
    missing = [name for name in names if not default_storage.exists(name)]
    if missing:
        shown = "\n".join(missing[:10])
        raise MediaBackupError(f"{len(missing):,} files named by the data are not stored:\n{shown}")
    temporary = Path(tempfile.mkdtemp(dir=directory.parent, prefix=f".{directory.name}."))
    manifest, total = {}, 0
    try:
        for number, name in enumerate(names, 1):
            target = temporary / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(name, "rb") as source, open(target, "wb") as copy:
                shutil.copyfileobj(source, copy, CHUNK)
            with open(target, "rb") as copy:
                manifest[name] = {"sha256": _sha256(copy), "size": target.stat().st_size}
            total += manifest[name]["size"]
            if progress:
                progress(number, len(names))
        (temporary / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        if directory.exists():
            shutil.rmtree(directory)
        os.replace(temporary, directory)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return MediaSummary(files=len(names), size=total)


def verify(directory: Path) -> dict:
    """The manifest, once every file in it matches its checksum."""
    manifest_path = directory / MANIFEST
    if not manifest_path.is_file():
        raise MediaBackupError(f"{manifest_path} is missing: {directory} is not a media backup.")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    damaged = []
    for name, expected in manifest.items():
        path = directory / name
        if not path.is_file():
            damaged.append(f"{name}: missing")
            continue
        with open(path, "rb") as stream:
            if _sha256(stream) != expected["sha256"]:
                damaged.append(f"{name}: checksum differs")
    if damaged:
        shown = "\n".join(damaged[:10])
        raise MediaBackupError(f"{len(damaged):,} files of {directory} are damaged:\n{shown}")
    return manifest


def restore_media(directory: Path, progress: Progress | None = None) -> MediaSummary:
    """Puts every file of a verified media backup into the storage under its
    own name (replacing what is there), then has every image's renditions
    made again."""
    from .models import Image
    from .tasks import make_renditions

    manifest = verify(directory)
    total = 0
    for number, name in enumerate(sorted(manifest), 1):
        if default_storage.exists(name):
            default_storage.delete(name)
        with open(directory / name, "rb") as stream:
            stored = default_storage.save(name, File(stream, name=name))
        if stored != name:
            raise MediaBackupError(f"{name} was stored as {stored}.")
        total += manifest[name]["size"]
        if progress:
            progress(number, len(manifest))
    restored = Image.objects.filter(file__in=list(manifest))
    restored.update(renditions_ready=False)
    for image_id in restored.values_list("pk", flat=True):
        make_renditions.enqueue(image_id)
    return MediaSummary(files=len(manifest), size=total)
