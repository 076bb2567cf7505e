"""``python manage.py site_setup``: an empty help center (roles, home page, KB home), no demo data."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from community.demo import seed_home_page
from community.services import role_groups_ensure


class Command(BaseCommand):
    help = (
        "Create what a real (non-demo) site needs before content arrives: the role groups, the "
        "home page on the Wagtail site at SITE_URL, and the KB home with the editors' review "
        "workflow. Idempotent; creates no users and no demo content."
    )

    def handle(self, *args, **options) -> None:
        from kb.services import kb_home_ensure

        with transaction.atomic():
            groups = role_groups_ensure()
            home, new_home = seed_home_page()
            kb_home, new_kb = kb_home_ensure(home_page=home)
        site = home.get_site()
        self.stdout.write(
            f"Site ready at {site.root_url if site else '?'}: {len(groups)} roles, "
            f"home page {'created' if new_home else 'kept'}, "
            f"knowledge base {'created' if new_kb else 'kept'} at {kb_home.url}."
        )
