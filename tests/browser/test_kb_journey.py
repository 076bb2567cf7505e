"""Browser journey through the KB (home → category → article → vote → thanks) and axe checks."""

from __future__ import annotations

import pytest

from tests.conftest import axe_violations
from tests.factories import make_article, make_category, make_faq, make_kb_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kb_tree(db):
    kb_home = make_kb_home()
    billing = make_category(kb_home, "Billing", description="Plans and invoices", icon="card")
    article = make_article(
        billing,
        "Download your invoices",
        tags=["invoices"],
        body=[
            {"type": "heading", "value": {"text": "Where to find them", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Open <b>Billing → Invoices</b>.</p>"},
            {"type": "callout", "value": {"kind": "tip", "text": "<p>PDFs include VAT.</p>"}},
            {"type": "code", "value": {"language": "bash", "code": "acme invoices list"}},
            {
                "type": "steps",
                "value": {"steps": [{"title": "", "text": "<p>Open Billing.</p>"}]},
            },
        ],
    )
    faq = make_faq(billing, "Billing FAQ")
    return kb_home, billing, article, faq


def test_reader_finds_an_article_and_votes_it_helpful(page, kb_tree):
    kb_home, billing, article, _ = kb_tree
    page.goto(kb_home.url)
    page.get_by_role("link", name="Billing").first.click()
    page.wait_for_url(f"**{billing.url}")
    page.get_by_role("link", name="Download your invoices").first.click()
    page.wait_for_url(f"**{article.url}")
    assert page.locator("h1").inner_text() == "Download your invoices"
    page.get_by_role("link", name="Where to find them").click()  # the table of contents
    page.get_by_role("button", name="Yes, it helped").click()
    page.wait_for_load_state("networkidle")
    assert "Thanks for your feedback!" in page.locator(".messages").inner_text()
    assert "You told us this article helped" in page.locator("#feedback").inner_text()


def test_article_page_has_no_serious_accessibility_violations(page, kb_tree):
    page.goto(kb_tree[2].url)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_faq_page_has_no_serious_accessibility_violations(page, kb_tree):
    page.goto(kb_tree[3].url)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_kb_home_has_no_serious_accessibility_violations(page, kb_tree):
    page.goto(kb_tree[0].url)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_vote_with_a_comment_works_with_javascript_off(browser, live_server, kb_tree):
    from kb.models import ArticleFeedback

    article = kb_tree[2]
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(article.url)
        tab.get_by_label("Tell us more (optional)").fill("ขั้นตอนที่ 3 ไม่ชัดเจน")
        tab.get_by_role("button", name="No").click()
        tab.wait_for_url(f"**{article.url}*")
        assert "Thanks for your feedback!" in tab.locator(".messages").inner_text()
        assert "did not help" in tab.locator("#feedback").inner_text()
        vote = ArticleFeedback.objects.get()
        assert not vote.is_helpful and vote.comment == "ขั้นตอนที่ 3 ไม่ชัดเจน"
    finally:
        context.close()


def test_refused_feedback_shows_the_reason_by_the_form_accessibly(page, kb_tree, settings):
    settings.KB_FEEDBACK_RATE_LIMIT = 1
    article = kb_tree[2]
    page.goto(article.url)
    page.get_by_role("button", name="Yes, it helped").click()
    page.wait_for_load_state("networkidle")
    page.get_by_label("Tell us more (optional)").fill("두 번째 의견")
    page.get_by_role("button", name="No").click()
    page.wait_for_load_state("networkidle")
    assert "too often" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Tell us more (optional)").input_value() == "두 번째 의견"
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]
