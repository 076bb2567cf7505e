"""Open a ticket for every forum thread left unresolved too long (idempotent, safe to overlap)."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from escalation.services.forum import stale_threads, threads_escalate_stale


class Command(BaseCommand):
    help = _("Escalate stale threads of escalation-enabled categories to support tickets.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("List, change nothing."))

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            found = stale_threads(now=timezone.now())
            for thread, reason in found:
                self.stderr.write(f"{thread.pk}: {thread.title} ({reason})")
            self.stdout.write(_("%(n)s threads would be escalated.") % {"n": len(found)})
            return
        from tqdm import tqdm

        created = threads_escalate_stale(
            progress=lambda items: tqdm(items, file=self.stderr, desc=_("threads"), disable=None)
        )
        self.stdout.write(_("%(n)s tickets created.") % {"n": created})
