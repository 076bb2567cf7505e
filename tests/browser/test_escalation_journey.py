"""Browser journey of the support desk: escalate → macro reply → seen → solve and publish → rate."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from escalation.models import SatisfactionRating, Ticket
from forum.models import Thread
from tests.conftest import axe_violations, login
from tests.factories import CategoryFactory, MacroFactory, ThreadFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def desk_violations(page) -> list:
    """axe violations on the desk's own markup: the header avatar's contrast (an initials badge
    from templates/includes/avatar.html, whose hue depends on the user) is the foundation's."""
    found = []
    for violation in axe_violations(page):
        nodes = [n for n in violation["nodes"] if 'class="avatar' not in n["html"]]
        if nodes:
            found.append((violation["id"], [n["html"] for n in nodes]))
    return found


def new_tab(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(15_000)
    return context, context.new_page()


def test_escalate_reply_solve_publish_and_rate(browser, live_server, asker, agent):
    category = CategoryFactory(name="Billing", escalation_enabled=True)
    thread = ThreadFactory(
        category=category,
        author=asker,
        title="Charged twice this month",
        created_at=timezone.now() - dt.timedelta(hours=30),
    )
    MacroFactory(title="Ask for patience", body="Hi {{ requester.name }}, we are on it.")
    asker_context, asker_page = new_tab(browser, live_server)
    agent_context, agent_page = new_tab(browser, live_server)
    try:
        # The asker still needs help: the thread page offers it, the form is private.
        login(asker_page, asker)
        asker_page.goto(thread.get_absolute_url())
        asker_page.get_by_role("link", name="I still need help").click()
        asker_page.fill("textarea[name=details]", "Still charged twice")
        asker_page.fill("input[name=order_number]", "ORD-777")
        asker_page.get_by_role("button", name="Contact support").click()
        asker_page.wait_for_load_state("networkidle")
        ticket = Ticket.objects.get(source_thread=thread)
        assert asker_page.url.endswith(f"/support/tickets/{ticket.number}/")
        assert "ORD-777" in asker_page.content()
        assert desk_violations(asker_page) == []

        # The public thread now shows only the neutral notice, nothing from the private form.
        asker_page.goto(thread.get_absolute_url())
        notice = asker_page.get_by_test_id("escalation-notice")
        assert "Our support team is looking into this." in notice.inner_text()
        assert "ORD-777" not in asker_page.content()

        # The agent finds it in the queue and replies with a macro.
        login(agent_page, agent)
        agent_page.goto("/support/agent/?queue=all")
        assert desk_violations(agent_page) == []
        agent_page.get_by_role("link", name="Charged twice this month").click()
        agent_page.get_by_role("link", name="Ask for patience").click()
        agent_page.wait_for_function(
            "document.getElementById('id_body').value.includes('we are on it')"
        )
        agent_page.get_by_role("button", name="Send", exact=True).click()
        agent_page.wait_for_load_state("networkidle")
        assert desk_violations(agent_page) == []

        # The asker sees the reply.
        asker_page.goto(f"/support/tickets/{ticket.number}/")
        assert "we are on it" in asker_page.content()

        # The agent solves and publishes the resolution to the thread.
        agent_page.select_option("select[name=t-status]", "solved")
        agent_page.get_by_role("button", name="Update").click()
        agent_page.wait_for_load_state("networkidle")
        agent_page.get_by_role("link", name="Publish resolution to the thread").click()
        agent_page.fill(
            "textarea[name=body]", "Duplicate charges are refunded automatically within 5 days."
        )
        agent_page.get_by_role("button", name="Publish answer").click()
        agent_page.wait_for_load_state("networkidle")
        thread.refresh_from_db()
        assert thread.is_solved

        # The thread shows Solved to everyone.
        asker_page.goto(thread.get_absolute_url())
        assert asker_page.locator(".solved-badge").count() >= 1 or "Solved" in asker_page.content()
        assert "ORD-777" not in asker_page.content()

        # The asker rates.
        asker_page.goto(f"/support/tickets/{ticket.number}/")
        asker_page.get_by_label("Good, I'm satisfied").check()
        asker_page.get_by_role("button", name="Send rating").click()
        asker_page.wait_for_load_state("networkidle")
        assert SatisfactionRating.objects.get(ticket=ticket).score == "good"
        assert Thread.objects.get(pk=thread.pk).accepted_answer.is_staff_answer
    finally:
        asker_context.close()
        agent_context.close()
