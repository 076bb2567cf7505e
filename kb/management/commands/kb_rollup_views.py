"""``manage.py kb_rollup_views``: fold yesterday's per-viewer view rows into daily totals."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from kb import services


class Command(BaseCommand):
    help = "Aggregate KB article views of past days into daily totals (run daily from cron)."

    def handle(self, *args, **options) -> None:
        written = services.views_rollup()
        self.stdout.write(f"Rolled up {written} article-day view totals.")
