import time

from django.core.management.base import BaseCommand

from articles.models import Article
from articles.search.indexing import BATCH_SIZE, rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search index: the name keys of every person, organization and "
        "initiative, then the search document of every article. Safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args, batch_size: int, **options):
        total = Article.objects.count()
        started = time.monotonic()

        def progress(done: int) -> None:
            if options["verbosity"] >= 1:
                self.stdout.write(f"  {done:>9,} / {total:,} articles")

        entities, articles = rebuild(progress=progress, batch_size=batch_size)
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {entities:,} people, organizations and initiatives and "
                f"{articles:,} articles in {time.monotonic() - started:.1f} s."
            )
        )
