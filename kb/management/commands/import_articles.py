"""``manage.py import_articles PATH [--draft]``: Markdown/HTML files with front matter → articles."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from kb import services
from kb.importer import ImportFileError, find_article_files, read_article_file
from kb.selectors import kb_home


class Command(BaseCommand):
    help = (
        "Import a folder of Markdown or HTML files with YAML front matter as KB articles "
        "(idempotent: keyed by slug). See docs/import.md."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="A folder (searched recursively) or a single file.")
        parser.add_argument(
            "--draft", action="store_true", help="Save drafts instead of publishing."
        )

    def handle(self, *args, path: str, draft: bool, **options) -> None:
        root = Path(path)
        if not root.exists():
            raise CommandError(f"{root} does not exist")
        home = kb_home()
        if home is None:
            raise CommandError(
                "There is no knowledge base home page yet: run `manage.py site_setup` "
                "(or `seed_demo` for a demo site)."
            )
        files = find_article_files(root)
        counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}
        for file in tqdm(files, desc="Importing articles", unit="file", file=sys.stderr):
            try:
                data = read_article_file(file)
                outcome = services.article_import(kb_home=home, data=data, publish=not draft)
            except (ImportFileError, ValueError, ValidationError, DatabaseError) as exc:
                counts["failed"] += 1
                self.stderr.write(f"skipped {file}: {exc}")
                continue
            counts[outcome] += 1
        mode = "drafts" if draft else "published"
        self.stdout.write(
            f"Imported {len(files)} files ({mode}): {counts['created']} created, "
            f"{counts['updated']} updated, {counts['unchanged']} unchanged, "
            f"{counts['failed']} failed."
        )
