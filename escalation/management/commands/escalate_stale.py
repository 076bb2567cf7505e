"""Open a ticket for every forum thread left unresolved too long (idempotent, safe to overlap).

Cron runs it every 15 minutes; it does nothing while "escalate stale threads automatically" is
off in the back office (Support desk → Escalation settings) unless ``--force`` is given.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from escalation.config import desk_config
from escalation.services.forum import stale_threads, threads_escalate_stale


class Command(BaseCommand):
    help = _("Escalate stale threads of escalation-enabled categories to support tickets.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("List, change nothing."))
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Run even when automatic escalation is switched off in the settings."),
        )

    def handle(self, *args, dry_run=False, force=False, **options):
        if not (dry_run or force or desk_config().sweep_enabled):
            self.stdout.write(_("Automatic escalation is switched off; 0 tickets created."))
            return
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
