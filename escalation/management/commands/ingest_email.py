"""Feed raw emails to the desk: ``manage.py ingest_email [FILE|DIR ...]`` (stdin when none).

Point the mail server's pipe for ``support@`` and ``support+*@`` at it (Postfix:
``support: "|/srv/app/.venv/bin/python /srv/app/manage.py ingest_email"``), or run it from cron
over a Maildir's ``new/`` folder with ``--delete`` so each file is read once. Every email is
recorded (Support desk → Inbound email), refused ones with the reason; the exit status is 0
so the mail server never bounces a customer's email back.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from escalation.models import InboundStatus
from escalation.services.inbound import email_ingest


class Command(BaseCommand):
    help = _("Add emailed replies to their tickets and open tickets for new requests.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help=_("Email files or folders (default: stdin)."))
        parser.add_argument(
            "--delete", action="store_true", help=_("Delete each file once it is recorded.")
        )

    def _files(self, paths: list[str]) -> list[Path]:
        files: list[Path] = []
        for name in paths:
            path = Path(name)
            if path.is_dir():
                files += sorted(p for p in path.iterdir() if p.is_file())
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(_("No such file or folder: %(p)s") % {"p": name})
        return files

    def handle(self, *args, paths=(), delete=False, **options):
        counts: Counter = Counter()
        if not paths or list(paths) == ["-"]:
            record = email_ingest(raw=sys.stdin.buffer.read())
            counts[record.status] += 1
        else:
            for path in tqdm(
                self._files(list(paths)), file=self.stderr, desc=_("emails"), disable=None
            ):
                record = email_ingest(raw=path.read_bytes())
                counts[record.status] += 1
                if record.status == InboundStatus.REJECTED:
                    self.stderr.write(f"{path.name}: {record.reason}")
                if delete:
                    path.unlink()
        self.stdout.write(
            _(
                "%(total)s emails: %(added)s added to tickets, %(created)s new tickets, %(rejected)s rejected."
            )
            % {
                "total": sum(counts.values()),
                "added": counts[InboundStatus.ADDED],
                "created": counts[InboundStatus.CREATED],
                "rejected": counts[InboundStatus.REJECTED],
            }
        )
