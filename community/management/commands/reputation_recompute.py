"""Rebuild every member's cached reputation from the reputation ledger."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from community.reputation import reputation_recompute


class Command(BaseCommand):
    help = _("Set Profile.reputation to the sum of each member's reputation ledger lines.")

    def handle(self, *args, **options):
        fixed = reputation_recompute()
        self.stdout.write(
            _("Reputation recomputed: %(count)s profiles corrected.") % {"count": fixed}
        )
