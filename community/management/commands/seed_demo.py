"""``python manage.py seed_demo``: idempotent demo content with a progress bar and the demo logins."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from community import demo


class Command(BaseCommand):
    help = (
        "Create demo users in every role, the home page and each app's demo content (idempotent)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--no-logins", action="store_true", help="Do not print the demo logins."
        )

    def handle(self, *args, **options) -> None:
        with tqdm(desc="Seeding demo content", unit="step", file=sys.stderr, disable=None) as bar:
            summary = demo.seed_all(progress=bar.update)
        created = ", ".join(f"{count} {label}" for label, count in summary.items())
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: created {created}."))
        if not options["no_logins"]:
            self.stdout.write("\nDemo logins (all share the same password):")
            for email, password, who in demo.demo_logins():
                self.stdout.write(f"  {email:<26} {password:<16} {who}")
