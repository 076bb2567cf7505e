"""Close tickets solved more than N days ago (default: the desk setting, 4 days)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from escalation.config import desk_config
from escalation.services.tickets import tickets_close_solved


class Command(BaseCommand):
    help = _("Close solved tickets after the configured number of days.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        days = days if days is not None else desk_config().auto_close_solved_days
        closed = tickets_close_solved(older_than_days=days)
        self.stdout.write(_("%(n)s tickets closed.") % {"n": closed})
