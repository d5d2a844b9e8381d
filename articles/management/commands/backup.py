from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.backups import EXCLUDED, write_backup


class Command(BaseCommand):
    help = (
        "Write every object, translation, link and history entry to a UTF-8 JSON "
        "fixture, whatever the locale. Restore it into a migrated database with "
        "`manage.py loaddata FILE`. Leaves out: " + ", ".join(EXCLUDED) + "."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Where to write, e.g. newsroom-2026-11-21.json")

    def handle(self, *args, file: Path, **options):
        if not file.parent.is_dir():
            raise CommandError(f"{file.parent} is not a directory.")
        size = write_backup(file)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Wrote {file} ({size:,} bytes)."))
