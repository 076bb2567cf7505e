"""Rebuild the search index from the database with a progress bar and a one-line summary."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand
from haystack import connections
from tqdm import tqdm

from community.search import corpus


class Command(BaseCommand):
    help = "Clear and rebuild the site search index (articles, FAQs, threads)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=200)
        parser.add_argument("--no-clear", action="store_true", help="Update without clearing.")

    def handle(self, *args, batch_size: int, no_clear: bool, **options):
        started = time.perf_counter()
        connection = connections["default"]
        backend = connection.get_backend()
        indexes = corpus.community_indexes()
        if not no_clear:
            backend.clear()
        counts = {}
        querysets = [(index, index.index_queryset().order_by("pk")) for index in indexes]
        total = sum(qs.count() for _, qs in querysets)
        with tqdm(total=total, unit="doc", file=sys.stderr, disable=None) as bar:
            for index, qs in querysets:
                label = index.get_model()._meta.verbose_name_plural
                batch = []
                for obj in qs.iterator(chunk_size=batch_size):
                    batch.append(obj)
                    if len(batch) >= batch_size:
                        backend.update(index, batch)
                        bar.update(len(batch))
                        batch = []
                if batch:
                    backend.update(index, batch)
                    bar.update(len(batch))
                counts[str(label)] = qs.count()
        corpus.mark_stale()
        seconds = time.perf_counter() - started
        parts = ", ".join(f"{n} {label}" for label, n in counts.items())
        self.stdout.write(f"Indexed {total} documents ({parts}) in {seconds:.1f}s")
