"""``python manage.py seed_demo``: idempotent demo content with a progress bar and the demo logins."""

from __future__ import annotations

import sys

from django.core import mail
from django.core.management.base import BaseCommand
from django.test.utils import override_settings
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
        # Demo tickets and answers notify demo people at example.com: keep those emails in
        # memory (recorded in the email log) instead of printing or really sending them.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            tqdm(desc="Seeding demo content", unit="step", file=sys.stderr, disable=None) as bar,
        ):
            before = len(getattr(mail, "outbox", []))
            summary = demo.seed_all(progress=bar.update)
            held_back = len(getattr(mail, "outbox", [])) - before
        created = ", ".join(f"{count} {label}" for label, count in summary.items())
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: created {created}."))
        if held_back:
            self.stdout.write(f"{held_back} demo notification emails were recorded, not sent.")
        if not options["no_logins"]:
            self.stdout.write("\nDemo logins (all share the same password):")
            for email, password, who in demo.demo_logins():
                self.stdout.write(f"  {email:<26} {password:<16} {who}")
