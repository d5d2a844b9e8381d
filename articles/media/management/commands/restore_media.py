"""``manage.py restore_media DIRECTORY``: the media half of a restore."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.media.backups import MediaBackupError, restore_media


class Command(BaseCommand):
    help = (
        "Put the media files of a backup (the .media directory `manage.py backup` "
        "writes beside its JSON) back into the media storage, after checking every "
        "file's checksum, and queue the making of every image's renditions. Run it "
        "after `manage.py loaddata FILE`, then a worker (`manage.py run_worker`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="e.g. newsroom-2026-11-21.media")

    def handle(self, *args, directory: Path, **options):
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a directory.")
        verbose = options["verbosity"] >= 1
        try:
            summary = restore_media(directory, progress=self.show_progress if verbose else None)
        except MediaBackupError as error:
            raise CommandError(f"{error}\nNothing was restored.") from error
        if verbose:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Restored {summary.files:,} media files ({summary.size:,} bytes) "
                    f"from {directory}; the renditions are queued for the worker."
                )
            )

    def show_progress(self, done: int, total: int) -> None:
        if done == total or done % 100 == 0:
            self.stdout.write(f"  {done:,} of {total:,}")
