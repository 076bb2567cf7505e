"""Demo content: users in every role and the site home page; each app adds its own via ``<app>/demo.py``."""

from __future__ import annotations

import importlib
import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlparse

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from community.models import HomePage, User
from community.roles import Role

# Apps add their demo content in this order; each module defines ``seed(ctx) -> dict[str, int]``.
DEMO_CONTENT_MODULES = [
    "kb.demo",
    "forum.demo",
    "escalation.demo",
    "community.search.demo",
    "escalation.gaps.demo",
]

# (key, email, display name, roles, superuser)
DEMO_USERS = [
    ("admin", "admin@example.com", "Alex Admin", [Role.ADMIN], True),
    ("moderator", "moderator@example.com", "Morgan Moderator", [Role.MODERATOR], False),
    ("agent", "agent@example.com", "Ava Agent", [Role.AGENT], False),
    ("agent2", "agent2@example.com", "Noah Support", [Role.AGENT], False),
    ("editor", "editor@example.com", "Eddie Editor", [Role.KB_EDITOR], False),
    ("expert", "expert@example.com", "Priya Expert", [Role.TRUSTED], False),
    ("asker", "asker@example.com", "Sam Customer", [], False),
    ("member", "member@example.com", "Jamie Member", [], False),
    ("korean", "minji@example.com", "김민지", [], False),
    ("thai", "somchai@example.com", "สมชาย ใจดี", [], False),
]


def demo_password() -> str:
    """The demo password (not a secret: demo sites only). Override with DEMO_PASSWORD."""
    return os.environ.get("DEMO_PASSWORD", "community-demo")


@dataclass
class DemoContext:
    users: dict[str, User]
    home_page: HomePage
    progress: Callable[[int], None]
    rng: random.Random = field(default_factory=lambda: random.Random(1042))
    pages: dict = field(default_factory=dict)


def seed_users(password: str) -> tuple[dict[str, User], int]:
    """Create (or refresh) the demo users with verified emails; returns them and how many are new."""
    from community.services import role_groups_ensure

    role_groups = role_groups_ensure()
    users: dict[str, User] = {}
    created_count = 0
    for key, email, name, role_names, superuser in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=key, defaults={"email": email, "display_name": name}
        )
        created_count += int(created)
        user.email = email
        user.display_name = name
        user.is_superuser = superuser
        user.is_staff = superuser
        if created or not user.check_password(password):
            user.set_password(password)
        user.save()
        groups = [role_groups[Role.MEMBER]] + [role_groups[role] for role in role_names]
        user.groups.set(groups)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        users[key] = user
    return users, created_count


def tree_root_create() -> Page:
    """Wagtail's tree root and default locale (made by its migrations; gone after a flush)."""
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    Locale.objects.get_or_create(language_code=language)
    return Page.add_root(title="Root", slug="root")


def seed_home_page() -> tuple[HomePage, int]:
    """Make a HomePage the root of the default Wagtail site (replacing Wagtail's welcome page)."""
    home = HomePage.objects.first()
    created = 0
    if home is None:
        root = Page.get_first_root_node() or tree_root_create()
        # Wagtail's "Welcome" placeholder (a plain Page) holds the slug and the site; it goes.
        for placeholder in root.get_children().filter(slug="home"):
            if placeholder.specific_class is Page:
                placeholder.delete()
        home = HomePage(title=_("Help Center"), slug="home")
        root.add_child(instance=home)
        home.save_revision().publish()
        created = 1
    hostname, port = site_address(settings.SITE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=settings.SITE_NAME,
        )
    elif (site.root_page_id, site.hostname, site.port) != (home.pk, hostname, port):
        # Full URLs (sitemap, JSON-LD, emails from Wagtail) come from the Site: match SITE_URL.
        site.root_page = home
        site.hostname, site.port = hostname, port
        site.site_name = settings.SITE_NAME
        site.save()
    return home, created


def site_address(site_url: str) -> tuple[str, int]:
    """Host name and port of ``SITE_URL`` for Wagtail's Site (443/80 when the URL has none)."""
    parsed = urlparse(site_url)
    default_port = 443 if parsed.scheme == "https" else 80
    return (parsed.hostname or "localhost"), (parsed.port or default_port)


def seed_all(progress: Callable[[int], None]) -> dict[str, int]:
    """Create every piece of demo content; safe to run again (same database afterwards)."""
    summary: dict[str, int] = {}
    with transaction.atomic():
        users, new_users = seed_users(demo_password())
        summary[_("users")] = new_users
        progress(1)
        home, new_pages = seed_home_page()
        summary[_("home pages")] = new_pages
        progress(1)
        ctx = DemoContext(users=users, home_page=home, progress=progress)
        for module_name in DEMO_CONTENT_MODULES:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            for label, count in module.seed(ctx).items():
                summary[label] = summary.get(label, 0) + count
    return summary


def demo_logins() -> list[tuple[str, str, str]]:
    """(email, password, roles) rows to print after seeding."""
    password = demo_password()
    rows = []
    for _key, email, name, role_names, _superuser in DEMO_USERS:
        label = ", ".join(role_names) or Role.MEMBER
        rows.append((email, password, f"{name} ({label})"))
    return rows
