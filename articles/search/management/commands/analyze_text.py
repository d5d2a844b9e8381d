import sys

from django.core.management.base import BaseCommand

from articles.search.analysis import LANGUAGES, analyze


class Command(BaseCommand):
    help = (
        "Print each token of TEXT and its search key, tab-separated, one pair per line: "
        "why a query matches a story or not. A stop word has an empty key. With '-' as "
        "TEXT, read standard input, one token per line."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, choices=LANGUAGES)
        parser.add_argument("text", help="The text to analyse, or '-' for standard input.")

    def handle(self, *args, language: str, text: str, **options):
        lines = sys.stdin if text == "-" else [text]
        for line in lines:
            for token, key in analyze(line, language):
                self.stdout.write(f"{token}\t{key}")
