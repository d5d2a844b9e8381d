"""`manage.py backup` keeps the media files; `restore_media` puts them back
(README, "Backup and restore")."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.media.backups import media_directory
from tests.factories import make_image

ROOT = Path(__file__).resolve().parents[2]

MAKE_MEDIA = """
from django.core.files.base import ContentFile
from articles.media.models import Document, Image
from articles.models import Article
from tests.media.files import gps_jpeg, pdf
image = Image(title="Court", alt_kk="Сот")
image.file.save("court.jpg", ContentFile(gps_jpeg()))
document = Document(title_kk="Үкім")
document.file.save("ruling.pdf", ContentFile(pdf(["Үкім мәтіні"])))
article = Article.objects.first()
article.lead_image = image
article.save()
article.documents.add(document)
"""


def manage(database: str, media: Path, *arguments) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *map(str, arguments)],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database, "MEDIA_ROOT": str(media)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def files_under(root: Path, folder: str) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted((root / folder).rglob("*"))
        if path.is_file()
    }


def test_a_backup_and_restore_round_trip_keeps_every_media_file(tmp_path):
    source, target = (
        f"sqlite:///{tmp_path / 'source.sqlite3'}",
        f"sqlite:///{tmp_path / 't.sqlite3'}",
    )
    source_media, target_media = tmp_path / "source-media", tmp_path / "target-media"
    manage(source, source_media, "migrate", "--verbosity", "0")
    manage(source, source_media, "loaddata", "seed", "--verbosity", "0")
    manage(source, source_media, "shell", "-c", MAKE_MEDIA)
    manage(source, source_media, "run_worker", "--batch", "--no-startup-delay", "--no-reload")
    backup = tmp_path / "newsroom.json"

    printed = manage(source, source_media, "backup", backup)

    assert "2 media files" in printed
    manage(target, target_media, "migrate", "--verbosity", "0")
    manage(target, target_media, "loaddata", backup, "--verbosity", "0")
    restored = manage(target, target_media, "restore_media", media_directory(backup))
    worked = manage(
        target, target_media, "run_worker", "--batch", "--no-startup-delay", "--no-reload"
    )
    assert "Restored 2 media files" in restored
    assert "1 succeeded, 0 failed" in worked
    for folder in ("images", "documents", "renditions"):
        originals = files_under(source_media, folder)
        assert originals and files_under(target_media, folder) == originals


@pytest.mark.django_db(transaction=True)
def test_a_backup_whose_file_is_missing_fails_and_keeps_the_previous_one(tmp_path):
    backup = tmp_path / "newsroom.json"
    backup.write_text("the previous backup", encoding="utf-8")
    image = make_image()
    Path(image.file.path).unlink()

    with pytest.raises(CommandError, match=image.file.name):
        call_command("backup", backup, verbosity=0)

    assert backup.read_text(encoding="utf-8") == "the previous backup"
    assert not media_directory(backup).exists()


def test_a_damaged_media_backup_restores_nothing(tmp_path, db):
    directory = tmp_path / "newsroom.media"
    (directory / "images").mkdir(parents=True)
    (directory / "images" / "a.jpg").write_bytes(b"changed")
    (directory / "MANIFEST.json").write_text(
        '{"images/a.jpg": {"sha256": "00", "size": 7}}', encoding="utf-8"
    )

    with pytest.raises(CommandError, match="checksum differs"):
        call_command("restore_media", directory, verbosity=0)
