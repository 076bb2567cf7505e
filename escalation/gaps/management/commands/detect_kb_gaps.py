"""``python manage.py detect_kb_gaps [--json] [--window-days N]``: group demand, update gaps."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from escalation.gaps.detection import gaps_detect


class Command(BaseCommand):
    help = "Group recent threads, tickets and failed searches into topics; update KB gaps and cues."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--json", action="store_true", help="Print every topic as JSON.")
        parser.add_argument(
            "--window-days", type=int, default=None, help="Days of demand (KB_GAP_WINDOW_DAYS)."
        )

    def handle(self, *args, **options) -> None:
        with tqdm(desc="Comparing items", unit="item", file=sys.stderr, disable=None) as bar:
            result = gaps_detect(window_days=options["window_days"], progress=bar.update)
        run = result.run
        if options["json"]:
            topics = [
                {
                    "title": topic.title,
                    "key_terms": topic.key_terms,
                    "askers": topic.asker_count,
                    "gap_id": result.topic_gap.get(topic.keys[0]),
                    "members": topic.keys,
                }
                for topic in result.detection.topics
            ]
            self.stdout.write(json.dumps({"run": run.pk, "topics": topics}, ensure_ascii=False))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{run.item_count} items, {run.topic_count} topics, {run.gap_count} gaps, "
                f"{run.cue_count} articles not working ({run.seconds:.1f} s, "
                f"window {run.window_days} days)."
            )
        )
