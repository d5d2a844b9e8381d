from django.core.management.base import BaseCommand

from articles.caching import versions


class Command(BaseCommand):
    help = (
        "Give the public content a new version, so that no page or value cached "
        "before is used again: after restoring a database with pg_restore, or "
        "after writing to it around the models (SQL, QuerySet.update)."
    )

    def handle(self, *args, **options):
        versions.bump()
        if options["verbosity"] >= 1:
            generation = versions.current().generation
            self.stdout.write(self.style.SUCCESS(f"New content version: {generation}."))
