"""Browser journeys of search: typeahead combobox, plain-form fallback, similar-questions box."""

from __future__ import annotations

import pytest

from community.search.models import Deflection, SearchLog
from tests.conftest import axe_violations, login
from tests.search.conftest import (  # noqa: F401 - shared fixtures
    _fresh_corpus,
    _lexical_similarity_by_default,
    forum,
    kb,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content(search_index, kb, forum):  # noqa: F811
    article = kb.article("Reset your password", "Choose forgot password on the sign-in page.")
    kb.article("Password rules for agents", "internal password rules", audience="staff")
    thread = forum.thread(
        "Password reset mail never arrives", "No mail", ["Check the spam folder"], accepted=0
    )
    return {"article": article, "thread": thread}


def test_typeahead_is_a_keyboard_combobox(page, live_server, content):
    page.goto("/search/")
    box = page.locator("#site-search-q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    box.click()
    box.press_sequentially("passw", delay=30)
    options = page.locator("[role=listbox] [role=option]")
    options.first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    titles = options.all_inner_texts()
    assert any("Reset your password" in t for t in titles)
    assert not any("agents" in t for t in titles)  # staff-only never suggested
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("ArrowDown")
    with page.expect_navigation():
        box.press("Enter")
    urls = {content["article"].get_url(), content["thread"].get_absolute_url()}
    assert any(page.url.endswith(url) for url in urls), page.url


def test_enter_without_a_choice_submits_the_plain_form(page, live_server, content):
    page.goto("/search/")
    page.fill("#site-search-q", "password")
    with page.expect_navigation():
        page.press("#site-search-q", "Enter")
    assert "/search/?q=password" in page.url
    assert page.locator(".search-result").count() == 2
    assert SearchLog.objects.filter(query="password").count() == 1
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_search_works_without_javascript(browser, live_server, content):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/search/")
    tab.fill("#site-search-q", "password")
    tab.press("#site-search-q", "Enter")
    tab.wait_for_load_state()
    count = tab.locator(".search-result").count()
    context.close()
    assert count == 2


def test_similar_box_suggests_and_records_a_deflection(
    page, live_server, content, member, settings
):
    settings.ROOT_URLCONF = "tests.search.similar_box_urls"
    login(page, member)
    page.goto("/test-ask/")
    box = page.locator("[data-similar-box]")
    assert box.is_hidden()
    page.fill("#id_title", "forgot my password")
    link = page.locator("[data-similar-list] a").first
    link.wait_for()
    assert "Reset your password" in page.locator("[data-similar-list]").inner_text()
    with page.expect_navigation():
        link.click()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    row = Deflection.objects.get()
    assert (row.title, row.position) == ("forgot my password", 1)


def test_ask_form_of_the_forum_has_the_similar_box(page, live_server, content, member):
    """The forum's /community/ask/ suggests matching articles and threads while the title is typed."""
    login(page, member)
    page.goto("/community/ask/")
    box = page.locator("[data-similar-box]")
    assert box.count() == 1
    assert box.is_hidden()  # nothing to suggest before the member types
    page.fill("#id_title", "forgot my password")
    page.locator("[data-similar-list] a").first.wait_for()
    suggestions = page.locator("[data-similar-list]").inner_text()
    assert "Reset your password" in suggestions
    assert "Password rules for agents" not in suggestions  # staff-only article
    assert box.is_visible()
    assert axe_violations(page) == []
