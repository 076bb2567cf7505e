"""``python manage.py send_notification_digests``: the daily digest email (run once a day by cron)."""

from django.core.management.base import BaseCommand

from community.notifications import send_notification_digests


class Command(BaseCommand):
    help = "Email each daily-digest member a summary of their new notifications."

    def handle(self, *args, **options) -> None:
        count = send_notification_digests()
        self.stdout.write(f"Digests: {count} members emailed.")
