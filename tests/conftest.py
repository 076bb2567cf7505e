"""Shared fixtures: the personas, a real Whoosh index per test, and the real browser."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from community.roles import Role
from tests.factories import make_user

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# --- personas -----------------------------------------------------------------------------


@pytest.fixture
def asker(db):
    return make_user("asker", display_name="Sam Asker")


@pytest.fixture
def stranger(db):
    """Another customer: signed in, no relation to the object under test."""
    return make_user("stranger", display_name="Sid Stranger")


@pytest.fixture
def member(db):
    return make_user("member", display_name="Jamie Member")


@pytest.fixture
def expert(db):
    return make_user("expert", Role.TRUSTED, display_name="Priya Expert")


@pytest.fixture
def moderator(db):
    return make_user("moderator", Role.MODERATOR, display_name="Morgan Moderator")


@pytest.fixture
def agent(db):
    return make_user("agent", Role.AGENT, display_name="Ava Agent")


@pytest.fixture
def editor(db):
    return make_user("editor", Role.KB_EDITOR, display_name="Eddie Editor")


@pytest.fixture
def admin_user(db):
    return make_user("siteadmin", Role.ADMIN, display_name="Alex Admin")


# --- shared forum fixtures ----------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Rate limits and view counts live in the cache: each test starts with it empty.

    Forum limits are raised here; the rate-limit tests lower them again explicitly.
    """
    from django.core.cache import cache

    settings.FORUM_POST_RATE_LIMIT = 1000
    settings.FORUM_VOTE_RATE_LIMIT = 1000
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def category(db):
    from tests.factories import CategoryFactory

    return CategoryFactory(name="Billing", slug="billing")


@pytest.fixture
def thread(db, asker, category):
    from tests.factories import ThreadFactory

    return ThreadFactory(author=asker, category=category, title="Invoice shows the wrong VAT")


@pytest.fixture
def question(thread):
    return thread.posts.get(kind="question")


# --- search index -------------------------------------------------------------------------


@pytest.fixture
def search_index(tmp_path, settings):
    """A real, empty Whoosh index in a temp dir, used by haystack for this test."""
    from haystack import connections

    path = tmp_path / "whoosh"
    settings.HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "community.search.whoosh_backend.CommunityWhooshEngine",
            "PATH": str(path),
        }
    }
    connections.reload("default")
    yield path
    connections.reload("default")
    shutil.rmtree(path, ignore_errors=True)


# --- browser ------------------------------------------------------------------------------


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright for Python (installed by ``make test``)."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI") or os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("chromium is not installed: run `make test`, which installs it")
        pytest.skip("chromium is not installed")
    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run in
    # such a thread unless told it is safe (the live server runs requests in its own thread).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (vendored in axe-playwright-python) on the page; return serious+ violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in impacts]


def login(page, user, password: str | None = None) -> None:
    """Sign in through the real login form."""
    from tests.factories import DEFAULT_PASSWORD

    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", password or DEFAULT_PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_load_state("networkidle")


@pytest.fixture(autouse=True)
def _media_dirs(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def pytest_collection_modifyitems(config, items):
    is_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords and not is_postgres:
            item.add_marker(skip_pg)


def run_manage(*args: str) -> subprocess.CompletedProcess:
    """Run manage.py in a subprocess (for commands whose output is the behaviour under test)."""
    return subprocess.run(
        ["python", "manage.py", *args], capture_output=True, text=True, check=False, timeout=300
    )
