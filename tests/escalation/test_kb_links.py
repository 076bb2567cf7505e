"""KB links in the agent reply box and KB feedback in the customer history (real Wagtail pages)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_ticket

pytestmark = pytest.mark.django_db

try:  # the KB factories live in the KB section of tests/factories.py
    from tests.factories import make_article, make_kb_home
except ImportError:  # pragma: no cover
    pytest.skip("KB factories not available", allow_module_level=True)


@pytest.fixture
def articles(db):
    kb_home = make_kb_home()
    public = make_article(kb_home, "Refund policy explained")
    staff = make_article(kb_home, "Refund runbook for agents", audience="staff")
    return public, staff


def test_kb_search_flags_staff_only_articles(articles):
    from escalation.kb_links import kb_article_links

    links = {link.title: link for link in kb_article_links("refund")}
    assert set(links) == {"Refund policy explained", "Refund runbook for agents"}
    assert links["Refund runbook for agents"].is_staff_only
    assert not links["Refund policy explained"].is_staff_only
    assert links["Refund policy explained"].markdown.startswith("[Refund policy explained](")


def test_public_reply_linking_staff_only_article_refused(client, asker, agent, articles):
    public, staff = articles
    ticket = make_ticket(asker)
    client.force_login(agent)
    url = reverse("escalation:reply", args=[ticket.number])
    client.post(url, {"body": f"See [runbook](http://testserver{staff.url})", "kind": "public"})
    client.post(url, {"body": f"See [policy](http://testserver{public.url})", "kind": "public"})
    client.post(url, {"body": f"Internal: [runbook]({staff.url})", "kind": "internal"})
    bodies = list(ticket.messages.values_list("kind", "body"))
    assert not any(kind == "public" and "runbook" in body for kind, body in bodies)
    assert any(kind == "public" and "policy" in body for kind, body in bodies)
    assert any(kind == "internal" and "runbook" in body for kind, body in bodies)


def test_kb_box_on_ticket_page(client, asker, agent, articles):
    ticket = make_ticket(asker)
    client.force_login(agent)
    page = client.get(
        reverse("escalation:ticket", args=[ticket.number]) + "?kbq=refund"
    ).content.decode()
    assert "Refund policy explained" in page
    assert "Staff only: internal notes only" in page


def test_customer_history_includes_kb_feedback(client, asker, agent, articles):
    from kb.models import ArticleFeedback

    public, _staff = articles
    ArticleFeedback.objects.create(article=public, user=asker, is_helpful=False, comment="Unclear")
    ticket = make_ticket(asker)
    client.force_login(agent)
    page = client.get(reverse("escalation:ticket", args=[ticket.number])).content.decode()
    assert "Refund policy explained" in page
    assert "Unclear" in page
