"""Browser journey: ask a question, another member answers, the asker accepts, the thread is Solved."""

from __future__ import annotations

import pytest

from forum.models import Thread
from tests.conftest import axe_violations, login
from tests.factories import CategoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "Our invoices since May show the old VAT number. Where do I change it?"
ANSWER = "Open **Billing → Company details → Tax ID** and press Reissue on old invoices."


@pytest.fixture
def billing(db):
    return CategoryFactory(name="Billing & invoices", slug="billing")


def test_ask_answer_accept_shows_solved(browser, live_server, page, billing, asker, expert):
    # The asker asks, checking the live preview first.
    login(page, asker)
    page.goto("/community/ask/?title=Invoice+shows+the+wrong+VAT+number")
    assert page.input_value("#id_title") == "Invoice shows the wrong VAT number"
    page.fill("#id_body", QUESTION + " **urgent**")
    page.wait_for_selector(".preview-body strong")
    page.fill("#id_tags", "vat, invoices")
    page.click("button[name=submit]")
    page.wait_for_load_state("networkidle")
    thread = Thread.objects.get()
    assert QUESTION in page.inner_text("main")

    # Another member answers.
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    expert_page = context.new_page()
    login(expert_page, expert)
    expert_page.goto(thread.get_absolute_url())
    expert_page.fill("#id_body", ANSWER)
    expert_page.click("#answer button[name=submit]")
    expert_page.wait_for_load_state("networkidle")
    assert "Tax ID" in expert_page.inner_text("main")
    context.close()

    # The asker accepts; the thread shows Solved with the accepted answer under the question.
    page.goto(thread.get_absolute_url())
    page.click("button:has-text('Accept this answer')")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1 .solved-badge").is_visible()
    assert page.locator(".post-accepted").count() == 1
    assert "Tax ID" in page.inner_text(".post-accepted")
    page.goto("/community/?state=solved")
    assert "Invoice shows the wrong VAT number" in page.inner_text("main")


def test_thread_page_has_no_serious_accessibility_violations(page, billing, asker, expert):
    from forum import services

    thread = services.thread_create(
        author=asker, category=billing, title="Invoice shows the wrong VAT number", body=QUESTION
    )
    answer = services.answer_create(thread=thread, author=expert, body=ANSWER)
    services.answer_accept(answer=answer, actor=asker)
    login(page, asker)
    for url in (thread.get_absolute_url(), "/community/"):
        page.goto(url)
        found = [
            (v["id"], n["target"], n.get("failureSummary", "")[:300])
            for v in axe_violations(page)
            for n in v["nodes"]
        ]
        assert found == [], url
