from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.backups import EXCLUDED, BackupError, write_backup
from articles.media.backups import MediaBackupError, media_directory


class Command(BaseCommand):
    help = (
        "Write every object, translation, link and history entry to a UTF-8 JSON "
        "fixture, whatever the locale, read from one snapshot of the database, and "
        "check that its references hold before keeping it. Restore it into a migrated "
        "database with `manage.py loaddata FILE`. The media files the data names are "
        "copied to FILE's name with .media (newsroom-2026-11-21.media/), with their "
        "checksums; put them back with `manage.py restore_media DIRECTORY`. "
        "Leaves out: " + ", ".join(EXCLUDED) + "."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Where to write, e.g. newsroom-2026-11-21.json")

    def handle(self, *args, file: Path, **options):
        if not file.parent.is_dir():
            raise CommandError(f"{file.parent} is not a directory.")
        verbose = options["verbosity"] >= 1
        try:
            summary = write_backup(
                file,
                progress=self.show_progress if verbose else None,
                media_progress=self.show_media_progress if verbose else None,
            )
        except (BackupError, MediaBackupError) as error:
            raise CommandError(f"{error}\n{file} was not written.") from error
        if verbose:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Wrote {file}: {summary.objects.total():,} objects of "
                    f"{len(summary.objects)} models, {summary.references:,} references "
                    f"checked, {summary.size:,} bytes; {summary.media.files:,} media files "
                    f"({summary.media.size:,} bytes) in {media_directory(file)}; "
                    f"in {summary.seconds:.1f} s."
                )
            )

    def show_progress(self, model: str, count: int) -> None:
        self.stdout.write(f"  {model}: {count:,}")

    def show_media_progress(self, done: int, total: int) -> None:
        if done == total or done % 100 == 0:
            self.stdout.write(f"  media files: {done:,} of {total:,}")
