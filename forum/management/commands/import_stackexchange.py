"""``manage.py import_stackexchange DIR``: import a Stack Exchange data dump folder into the forum."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from forum.importers.stackexchange_import import StackExchangeImporter, write_report
from forum.models import Category


class Command(BaseCommand):
    help = (
        "Import a Stack Exchange data dump folder (Posts.xml; Users, Comments, Votes, PostLinks "
        "when present). Idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="folder holding Posts.xml and the other dump files")
        parser.add_argument(
            "--category",
            default="stack-exchange",
            help="slug of the category receiving the threads (created when missing)",
        )
        parser.add_argument(
            "--site",
            default="",
            help="short name of the source site (default: the folder name); part of the import key",
        )
        parser.add_argument(
            "--report",
            default="",
            help="where to write the bad-rows report (default: VAR_DIR/import-reports/…)",
        )

    def handle(self, *args, **options):
        directory = Path(options["directory"])
        if not (directory / "Posts.xml").exists():
            raise CommandError(f"{directory} has no Posts.xml")
        slug = options["category"]
        category, _created = Category.objects.get_or_create(
            slug=slug, defaults={"name": slug.replace("-", " ").capitalize()}
        )

        def progress(rows, label):
            return tqdm(rows, desc=label, unit=" rows", disable=None, file=self.stderr._out)

        importer = StackExchangeImporter(
            directory, category=category, site=options["site"], progress=progress
        )
        result = importer.run()
        summary = result.summary()
        if result.stats.bad_count or result.stats.file_errors or result.ignored_count:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            default = (
                Path(settings.VAR_DIR)
                / "import-reports"
                / f"stackexchange-{importer.site}-{stamp}.txt"
            )
            report = write_report(result, Path(options["report"] or default))
            summary += f" (report: {report})"
        summary += "; run `manage.py search_rebuild` to index the imported threads"
        self.stdout.write(summary)
