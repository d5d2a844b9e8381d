from django.core.management.base import BaseCommand, CommandError

from articles import entities
from articles.mentions import KINDS, MentionFinder, evaluate
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Measure mention detection against the links editors made: run it on every "
        "article as if it linked nothing, and print precision and recall, overall and "
        "per kind of entity (load the seed fixture first to measure on the seed "
        "stories). Writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--min",
            dest="minimum",
            type=float,
            default=None,
            metavar="SHARE",
            help="Fail when precision or recall is below SHARE (e.g. 0.9).",
        )

    def handle(self, *args, minimum: float | None, verbosity: int, **options):
        articles = Article.objects.prefetch_related(*entities.LINKS)
        if not articles.exists():
            raise CommandError("No articles to measure on; load some, e.g. loaddata seed.")
        result = evaluate(articles, MentionFinder())
        rows = [("all", result.overall)] + [(kind, result.by_kind[kind]) for kind in KINDS]
        self.stdout.write(
            f"{'':<14}{'precision':>10}{'recall':>8}{'found':>7}{'false':>7}{'missed':>8}"
        )
        for label, score in rows:
            self.stdout.write(
                f"{label:<14}{score.precision:>10.3f}{score.recall:>8.3f}"
                f"{score.found:>7}{score.false_alarms:>7}{score.missed:>8}"
            )
        if verbosity >= 2:
            for slug, entity, where in result.false_alarms:
                self.stdout.write(f"false alarm  {slug}: {entity} ← {where}")
            for slug, entity in result.misses:
                self.stdout.write(f"missed       {slug}: {entity}")
        overall = result.overall
        if minimum is not None and (overall.precision < minimum or overall.recall < minimum):
            raise CommandError(
                f"Precision {overall.precision:.3f} or recall {overall.recall:.3f} "
                f"is below {minimum}."
            )
