"""``python manage.py send_queued_email``: retry recorded emails that failed or were never sent (cron)."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from community.mail import email_send, emails_due_for_retry


class Command(BaseCommand):
    help = "Send queued emails and retry failed ones whose retry time has come."

    def handle(self, *args, **options) -> None:
        ids = list(emails_due_for_retry().values_list("pk", flat=True))
        sent = 0
        for email_id in tqdm(ids, desc="Sending email", file=sys.stderr, disable=None):
            sent += int(email_send(email_id=email_id))
        self.stdout.write(
            f"Emails: {sent} sent, {len(ids) - sent} still failing, of {len(ids)} due."
        )
