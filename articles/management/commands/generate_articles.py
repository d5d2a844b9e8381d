import time

from django.core.management.base import BaseCommand, CommandError

from articles.synthetic import generate_articles


class Command(BaseCommand):
    help = (
        "Create N realistic synthetic articles in Kazakh, Russian and English from the "
        "seed stories' paragraphs, linked to people, organizations and initiatives, "
        "with their search documents. For benchmarks; needs the seed data loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many articles to create.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, count: int, seed: int, batch_size: int, **options):
        if count < 1:
            raise CommandError("COUNT must be at least 1.")
        started = time.monotonic()

        def progress(done: int) -> None:
            if options["verbosity"] >= 1:
                rate = done / max(time.monotonic() - started, 1e-9)
                self.stdout.write(f"  {done:>9,} / {count:,} articles ({rate:,.0f}/s)")

        try:
            created = generate_articles(count, seed=seed, batch_size=batch_size, progress=progress)
        except ValueError as error:
            raise CommandError(str(error)) from error
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {created:,} articles with search documents in {elapsed:.1f} s."
            )
        )
