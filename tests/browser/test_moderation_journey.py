"""Browser journey: a member flags a post, a moderator hides it from the queue, the public sees it hidden."""

from __future__ import annotations

import pytest

from tests.conftest import axe_violations, login
from tests.factories import AnswerFactory, CategoryFactory, ThreadFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SPAM = "Cheap watches at spam.example, best prices"


@pytest.fixture
def spam_answer(asker, member):
    thread = ThreadFactory(
        author=asker, category=CategoryFactory(name="Billing", slug="billing"), title="Wrong VAT"
    )
    return AnswerFactory(
        thread=thread, author=member, body_markdown=SPAM, body_html=f"<p>{SPAM}</p>"
    )


def test_flag_hide_from_queue_and_public_sees_it_hidden(
    browser, live_server, page, spam_answer, stranger, moderator
):
    thread_url = spam_answer.thread.get_absolute_url()
    # A member reads the thread, then flags the answer.
    login(page, stranger)
    page.goto(thread_url)
    assert SPAM in page.content()
    flag_form = page.locator(f"form[action='/community/moderation/posts/{spam_answer.pk}/flag/']")
    page.locator(f"#post-{spam_answer.pk} details.flag-form summary").click()
    page.check(f"#flag-{spam_answer.pk}-spam")
    page.fill(f"#flag-{spam_answer.pk}-note", "Advertising")
    flag_form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "a moderator will look at this post" in page.content()

    # A moderator hides it from the queue.
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    moderator_page = context.new_page()
    login(moderator_page, moderator)
    moderator_page.goto("/community/moderation/")
    item = moderator_page.locator(f".queue-item[data-post='{spam_answer.pk}']")
    assert "Advertising" in item.inner_text()
    item.locator("input[name=reason]").fill("Spam links")
    item.locator("button", has_text="Hide post").click()
    moderator_page.wait_for_load_state("networkidle")
    moderator_page.goto(thread_url)
    assert SPAM in moderator_page.content()  # staff still read it
    context.close()

    # The public sees it hidden.
    visitor = browser.new_context(base_url=live_server.url, locale="en-US")
    public = visitor.new_page()
    public.goto(thread_url)
    assert SPAM not in public.content()
    assert public.locator(f"#post-{spam_answer.pk}").inner_text().strip() != ""
    visitor.close()


def test_queue_page_has_no_serious_accessibility_violations(page, spam_answer, stranger, moderator):
    from forum.moderation import services

    services.flag_create(post=spam_answer, reporter=stranger, reason="spam", note="ads")
    login(page, moderator)
    page.goto("/community/moderation/")
    assert page.locator("h1").inner_text() == "Moderation queue"
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]
