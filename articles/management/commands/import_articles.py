from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.control_characters import escape_unsafe
from articles.importing import FileReport, ImportStatus, import_story_files, story_files

PREVIEW_LENGTH = 70


class Command(BaseCommand):
    help = (
        "Import plain-text news stories (UTF-8 .txt files, one paragraph a line; "
        "directories are searched for *.txt) as draft articles in the language "
        "each is written in. Stories already imported are left alone; a file that "
        "cannot be read or parsed is reported and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Parse the files and report what would be imported, without writing.",
        )

    def handle(self, *args, paths: list[Path], dry_run: bool, verbosity: int, **options):
        missing = [str(path) for path in paths if not path.exists()]
        if missing:
            raise CommandError(f"No such file or directory: {_shown(', '.join(missing))}")
        files = story_files(paths)
        if not files:
            raise CommandError(f"No .txt files in {_shown(', '.join(map(str, paths)))}")

        reports = []
        for number, report in enumerate(import_story_files(files, dry_run=dry_run), 1):
            reports.append(report)
            if verbosity >= 1:
                self.stdout.write(
                    f"[{number}/{len(files)}] {_shown(report.path)}: {self._outcome(report)}"
                )
            elif report.status == ImportStatus.FAILED:
                self.stderr.write(f"{_shown(report.path)}: {_shown(report.reason)}")
            if verbosity >= 2 and report.story:
                self._details(report)
        if verbosity >= 1:
            self._summary(reports, dry_run)
        if all(report.status == ImportStatus.FAILED for report in reports):
            raise CommandError(f"Nothing imported: all {len(reports)} files failed.")

    def _outcome(self, report: FileReport) -> str:
        if report.status == ImportStatus.FAILED:
            return self.style.ERROR(f"failed: {_shown(report.reason)}")
        if report.status == ImportStatus.ALREADY_IMPORTED:
            where = report.reason or f"as {report.article.slug}"
            return self.style.WARNING(f"already imported ({_shown(where)})")
        verb = self.style.SUCCESS(str(report.status))
        return f"{verb} [{report.story.language}] {_shown(report.article.slug)}"

    def _details(self, report: FileReport) -> None:
        story = report.story
        title = story.title if story.has_headline else f"{story.title} (first sentence)"
        lines = [
            ("title", title),
            ("lead", _preview(story.lead)),
            ("paragraphs", str(len(story.paragraphs))),
            ("byline", story.byline or "—"),
            ("source", story.source_name or "—"),
            ("dropped", "; ".join(story.dropped) or "—"),
        ]
        for label, value in lines:
            self.stdout.write(f"    {label + ':':<12}{_shown(value)}")

    def _summary(self, reports: list[FileReport], dry_run: bool) -> None:
        by_status = {status: [] for status in ImportStatus}
        for report in reports:
            by_status[report.status].append(report)
        done = ImportStatus.WOULD_IMPORT if dry_run else ImportStatus.IMPORTED
        imported = by_status[done]
        already = by_status[ImportStatus.ALREADY_IMPORTED]
        failed = by_status[ImportStatus.FAILED]

        heading = "Dry run, nothing written: would import" if dry_run else "Imported"
        self.stdout.write(
            self.style.MIGRATE_HEADING(
                f"{heading} {len(imported)} of {len(reports)} files as drafts; "
                f"{len(already)} already imported, {len(failed)} failed."
            )
        )
        for report in imported:
            article, story = report.article, report.story
            self.stdout.write(
                f"  {_shown(report.path)} → “{_shown(story.title)}” [{story.language}] "
                f"{_shown(article.slug)}"
            )
            source = article.credits(story.language).source
            if source:
                self.stdout.write(f"      source: {_shown(source)}")
            if report.unknown_source:
                self.stdout.write(
                    self.style.WARNING(
                        f"      source “{_shown(report.unknown_source)}” is not an organization "
                        "here: not linked"
                    )
                )
        if already:
            self.stdout.write("Already imported (left unchanged):")
            for report in already:
                where = report.reason or f"article {report.article.slug}"
                self.stdout.write(f"  {_shown(report.path)}: {_shown(where)}")
        if failed:
            self.stdout.write("Skipped (nothing written):")
            for report in failed:
                self.stdout.write(
                    self.style.ERROR(f"  {_shown(report.path)}: {_shown(report.reason)}")
                )


def _shown(value: object) -> str:
    # File names come from the command line and text from the files: neither
    # may recolour or reorder the editor's terminal.
    return escape_unsafe(str(value))


def _preview(text: str) -> str:
    return text if len(text) <= PREVIEW_LENGTH else text[: PREVIEW_LENGTH - 1].rstrip() + "…"
