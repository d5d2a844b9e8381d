from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.mentions import MentionFinder
from articles.models import Article
from articles.services import mention_suggestions_refresh


class Command(BaseCommand):
    help = (
        "Find the people, organizations and initiatives each article names but does not "
        "link, and suggest the links for editors to accept or reject in the admin. "
        "Rejected suggestions are not made again; safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "slugs", nargs="*", metavar="SLUG", help="Only these articles (default: all)."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be suggested, without writing.",
        )

    def handle(self, *args, slugs: list[str], dry_run: bool, verbosity: int, **options):
        articles = Article.objects.order_by("pk")
        if slugs:
            articles = articles.filter(slug__in=slugs)
            unknown = set(slugs) - set(articles.values_list("slug", flat=True))
            if unknown:
                raise CommandError(f"No article with the slug {', '.join(sorted(unknown))}")
        finder = MentionFinder()
        with transaction.atomic():
            changes = mention_suggestions_refresh(articles=articles, finder=finder)
            if verbosity >= 2:
                self._list(articles)
            if dry_run:
                transaction.set_rollback(True)
        if verbosity >= 1:
            verb = "Would suggest" if dry_run else "Suggested"
            self.stdout.write(
                self.style.SUCCESS(
                    f"{verb} {changes.added} new links for {articles.count()} articles; "
                    f"{changes.withdrawn} pending suggestions withdrawn."
                )
            )

    def _list(self, articles) -> None:
        for article in articles.prefetch_related(
            "mention_suggestions__person",
            "mention_suggestions__organization",
            "mention_suggestions__initiative",
        ):
            pending = [s for s in article.mention_suggestions.all() if s.status == s.Status.PENDING]
            if pending:
                self.stdout.write(f"{article.slug}:")
            for suggestion in pending:
                self.stdout.write(
                    f"    {suggestion.entity} ← [{suggestion.language}] {suggestion.matched_text}"
                )
