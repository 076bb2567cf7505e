"""Agent workspace: queues, filters, sort, bulk actions, breaches; fixed query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from escalation.models import Ticket, TicketStatus
from escalation.selectors import QueueQuery, queue_counts, queue_tickets
from escalation.services.assignment import ticket_assign
from escalation.services.tickets import ticket_set_status, ticket_update
from tests.factories import SlaPolicyFactory, SupportGroupFactory, make_ticket

pytestmark = pytest.mark.django_db


def numbers(queryset):
    return sorted(t.number for t in queryset)


def test_queues_split_tickets(asker, agent, agent2):
    group = SupportGroupFactory(name="Billing")
    group.agents.add(agent)
    unassigned = make_ticket(asker)
    mine = make_ticket(asker)
    ticket_assign(ticket=mine, assignee=agent, actor=agent)
    theirs_in_my_group = make_ticket(asker, group=group)
    ticket_assign(ticket=theirs_in_my_group, assignee=agent2, actor=agent2)
    pending = make_ticket(asker)
    ticket_set_status(ticket=pending, status=TicketStatus.PENDING, actor=agent)
    solved = make_ticket(asker)
    ticket_set_status(ticket=solved, status=TicketStatus.SOLVED, actor=agent)

    def queue(name):
        return numbers(queue_tickets(agent, QueueQuery(queue=name)))

    assert queue("unassigned") == numbers([unassigned, pending])
    assert queue("mine") == [mine.number]
    assert queue("groups") == [theirs_in_my_group.number]
    assert queue("pending") == [pending.number]
    assert queue("solved") == [solved.number]
    assert solved.number not in queue("open")
    counts = queue_counts(agent)
    assert (counts["unassigned"], counts["mine"], counts["groups"], counts["pending"]) == (
        2,
        1,
        1,
        1,
    )


def test_breaching_queue_and_count(asker, agent):
    SlaPolicyFactory(priority="normal", first_response_hours=1, resolution_hours=4)
    late = make_ticket(asker)
    on_time = make_ticket(asker)
    paused = make_ticket(asker)
    Ticket.objects.filter(pk__in=[late.pk, paused.pk]).update(
        first_response_due_at=timezone.now() - dt.timedelta(minutes=1)
    )
    ticket_set_status(ticket=paused, status=TicketStatus.PENDING, actor=agent)
    assert numbers(queue_tickets(agent, QueueQuery(queue="breaching"))) == [late.number]
    assert on_time.number not in numbers(queue_tickets(agent, QueueQuery(queue="breaching")))
    assert queue_counts(agent)["breaching"] == 1


def test_filters_and_sort(asker, agent):
    a = make_ticket(asker, subject="Alpha invoice", priority="low")
    b = make_ticket(asker, subject="Beta login", priority="urgent")
    ticket_update(ticket=b, actor=agent, tags=["vip"])
    assert numbers(queue_tickets(agent, QueueQuery(queue="all", priority="urgent"))) == [b.number]
    assert numbers(queue_tickets(agent, QueueQuery(queue="all", tag="vip"))) == [b.number]
    assert numbers(queue_tickets(agent, QueueQuery(queue="all", q="invoice"))) == [a.number]
    assert numbers(queue_tickets(agent, QueueQuery(queue="all", q=f"#{a.number}"))) == [a.number]
    by_priority = list(queue_tickets(agent, QueueQuery(queue="all", sort="priority")))
    assert by_priority[0] == b
    oldest = list(queue_tickets(agent, QueueQuery(queue="all", sort="oldest")))
    assert oldest[0] == a


def test_bulk_assign_and_status(client, asker, agent, agent2):
    tickets = [make_ticket(asker) for _ in range(3)]
    client.force_login(agent)
    response = client.post(
        reverse("escalation:bulk"),
        {
            "tickets": [t.number for t in tickets[:2]],
            "status": "pending",
            "assignee": str(agent2.pk),
        },
    )
    assert response.status_code == 302
    statuses = {t.number: (t.status, t.assignee_id) for t in Ticket.objects.all()}
    assert statuses[tickets[0].number] == (TicketStatus.PENDING, agent2.pk)
    assert statuses[tickets[1].number] == (TicketStatus.PENDING, agent2.pk)
    assert statuses[tickets[2].number] == (TicketStatus.NEW, None)


def test_bulk_skips_closed_tickets(client, asker, agent):
    closed = make_ticket(asker)
    ticket_set_status(ticket=closed, status=TicketStatus.CLOSED, actor=agent)
    other = make_ticket(asker)
    client.force_login(agent)
    client.post(
        reverse("escalation:bulk"), {"tickets": [closed.number, other.number], "status": "open"}
    )
    closed.refresh_from_db()
    other.refresh_from_db()
    assert (closed.status, other.status) == (TicketStatus.CLOSED, TicketStatus.OPEN)


def _make_many(asker, agent, count):
    SlaPolicyFactory(priority="normal")
    group = SupportGroupFactory(name="Technical")
    for index in range(count):
        ticket = make_ticket(asker, group=group)
        if index % 2:
            ticket_update(ticket=ticket, actor=agent, tags=["a", "b"])


@pytest.mark.parametrize("count", [1, 30])
def test_queue_page_query_count_is_fixed(
    client, asker, agent, count, django_assert_max_num_queries
):
    _make_many(asker, agent, count)
    client.force_login(agent)
    client.get(reverse("escalation:queue"))  # warm caches (sessions, permissions, site)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("escalation:queue") + "?queue=all")
    assert response.status_code == 200
    assert response.content.decode().count('name="tickets"') == count


@pytest.mark.parametrize("count", [1, 30])
def test_ticket_page_query_count_is_fixed(
    client, asker, agent, count, django_assert_max_num_queries
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from escalation.services.tickets import ticket_reply

    ticket = make_ticket(asker)
    for index in range(count):
        ticket_reply(
            ticket=ticket,
            author=agent if index % 2 else asker,
            body=f"message {index}",
            files=[SimpleUploadedFile(f"f{index}.txt", b"x")],
        )
        make_ticket(asker, subject=f"Other {index}")
    client.force_login(agent)
    url = reverse("escalation:ticket", args=[ticket.number])
    client.get(url)
    with django_assert_max_num_queries(22):
        response = client.get(url)
    assert response.status_code == 200
    client.force_login(asker)
    client.get(url)
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


def test_agent_ticket_page_shows_customer_history(client, asker, agent):
    from tests.factories import CategoryFactory, ThreadFactory

    old = make_ticket(asker, subject="Earlier problem with VAT")
    ThreadFactory(category=CategoryFactory(), author=asker, title="Forum question about exports")
    ticket = make_ticket(asker, subject="New problem")
    client.force_login(agent)
    page = client.get(reverse("escalation:ticket", args=[ticket.number])).content.decode()
    assert f"#{old.number} Earlier problem with VAT" in page
    assert "Forum question about exports" in page


def test_update_form_changes_ticket(client, asker, agent, member):
    ticket = make_ticket(asker)
    client.force_login(agent)
    client.post(
        reverse("escalation:update", args=[ticket.number]),
        {
            "t-status": "on_hold",
            "t-priority": "high",
            "t-type": "incident",
            "t-assignee": agent.pk,
            "t-tags": "outage, eu",
            "t-cc": member.email,
        },
    )
    ticket.refresh_from_db()
    assert (ticket.status, ticket.priority, ticket.type, ticket.assignee) == (
        "on_hold",
        "high",
        "incident",
        agent,
    )
    assert sorted(ticket.tags.names()) == ["eu", "outage"]
    assert list(ticket.cc.all()) == [member]


def test_agent_reply_via_view_with_status(client, asker, agent):
    ticket = make_ticket(asker)
    client.force_login(agent)
    client.post(
        reverse("escalation:reply", args=[ticket.number]),
        {"body": "Done", "kind": "public", "status": "solved"},
    )
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.SOLVED


def test_staff_only_article_link_refused_in_public_reply(client, asker, agent, monkeypatch):
    from escalation import views

    monkeypatch.setattr(views, "staff_only_article_paths", lambda: {"/kb/internal-runbook/"})
    ticket = make_ticket(asker)
    client.force_login(agent)
    body = "See [runbook](http://testserver/kb/internal-runbook/)"
    client.post(reverse("escalation:reply", args=[ticket.number]), {"body": body, "kind": "public"})
    assert not ticket.messages.filter(body=body).exists()
    client.post(
        reverse("escalation:reply", args=[ticket.number]), {"body": body, "kind": "internal"}
    )
    assert ticket.messages.filter(body=body, kind="internal").exists()


def test_sla_shown_on_ticket_page(client, asker, agent):
    SlaPolicyFactory(priority="normal", first_response_hours=2, resolution_hours=8)
    ticket = make_ticket(asker)
    client.force_login(agent)
    page = client.get(reverse("escalation:ticket", args=[ticket.number])).content.decode()
    assert "left" in page
    Ticket.objects.filter(pk=ticket.pk).update(
        first_response_due_at=timezone.now() - dt.timedelta(hours=1)
    )
    page = client.get(reverse("escalation:ticket", args=[ticket.number])).content.decode()
    assert "breached by" in page


def test_bulk_next_must_stay_on_site(client, asker, agent):
    ticket = make_ticket(asker)
    client.force_login(agent)
    response = client.post(
        reverse("escalation:bulk"),
        {"tickets": [ticket.number], "status": "open", "next": "https://evil.test/"},
    )
    assert response["Location"] == reverse("escalation:queue")


def test_agent_opens_ticket_for_customer(
    client, asker, agent, mailoutbox, django_capture_on_commit_callbacks
):
    from escalation.models import Channel

    client.force_login(agent)
    assert client.get(reverse("escalation:staff_new")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("escalation:staff_new"),
            {
                "requester_email": asker.email,
                "subject": "Phone call: refund",
                "body": "As discussed.",
                "priority": "high",
            },
        )
    ticket = Ticket.objects.get()
    assert response["Location"] == ticket.get_absolute_url()
    assert (ticket.channel, ticket.requester, ticket.assignee, ticket.status) == (
        Channel.STAFF,
        asker,
        agent,
        "open",
    )
    assert ticket.first_response_at is not None
    assert ticket.messages.get().author == agent
    assert any(asker.email in m.to for m in mailoutbox)


def test_staff_new_ticket_is_agents_only(client, asker):
    client.force_login(asker)
    assert client.get(reverse("escalation:staff_new")).status_code == 404
    assert (
        client.post(reverse("escalation:staff_new"), {"requester_email": asker.email}).status_code
        == 404
    )
