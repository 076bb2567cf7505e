"""``rebuild_index`` for this project: haystack's own calls ``update_index``, which Wagtail's
command of the same name shadows here, so it would fail. This one clears and rebuilds the
site search index with a progress bar (same as ``search_rebuild``)."""

from __future__ import annotations

from community.search.management.commands.search_rebuild import Command as RebuildCommand


class Command(RebuildCommand):
    help = "Clear and rebuild the site search index with progress (alias of search_rebuild)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # haystack's flags, accepted so existing scripts keep working.
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")
        parser.add_argument("--using", "-u", action="append", default=[])
        parser.add_argument("--nocommit", action="store_true")
        parser.add_argument("--remove", "-r", action="store_true")
        parser.add_argument("--workers", "-k", type=int, default=0)

    def handle(self, *args, **options):
        return super().handle(batch_size=options["batch_size"], no_clear=options["no_clear"])
