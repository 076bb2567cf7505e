"""Ticket services: numbers, replies, statuses, internal notes, SLA clock, auto-close."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from escalation.models import (
    Channel,
    MessageKind,
    Ticket,
    TicketEvent,
    TicketStatus,
)
from escalation.services import tickets as svc
from tests.factories import BusinessHoursFactory, SlaPolicyFactory, make_ticket

pytestmark = pytest.mark.django_db


def test_numbers_are_sequential_and_human_friendly(asker):
    first = make_ticket(asker)
    second = make_ticket(asker)
    assert first.number >= 1001
    assert second.number == first.number + 1
    assert str(first).startswith(f"#{first.number}")


def test_create_records_first_message_and_audit(asker):
    ticket = make_ticket(
        asker, subject="Login fails", body="Error 500", channel=Channel.CONTACT_FORM
    )
    assert ticket.status == TicketStatus.NEW
    message = ticket.messages.get()
    assert (message.author, message.kind, message.body) == (asker, MessageKind.PUBLIC, "Error 500")
    assert TicketEvent.objects.filter(ticket=ticket, kind="created").exists()


def test_agent_public_reply_opens_and_sets_first_response(ticket, agent):
    svc.ticket_reply(ticket=ticket, author=agent, body="Looking into it")
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.OPEN
    assert ticket.first_response_at is not None


def test_internal_note_is_not_a_first_response(ticket, agent):
    svc.ticket_reply(ticket=ticket, author=agent, body="Check Stripe", kind=MessageKind.INTERNAL)
    ticket.refresh_from_db()
    assert ticket.first_response_at is None
    assert ticket.status == TicketStatus.NEW


def test_customer_cannot_write_internal_notes(ticket, asker):
    with pytest.raises(ValidationError):
        svc.ticket_reply(ticket=ticket, author=asker, body="x", kind=MessageKind.INTERNAL)


def test_requester_reply_reopens_solved_ticket(ticket, agent, asker):
    svc.ticket_set_status(ticket=ticket, status=TicketStatus.SOLVED, actor=agent)
    svc.ticket_reply(ticket=ticket, author=asker, body="Still broken")
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.OPEN
    assert ticket.solved_at is None


def test_requester_reply_ends_pending(ticket, agent, asker):
    svc.ticket_set_status(ticket=ticket, status=TicketStatus.PENDING, actor=agent)
    svc.ticket_reply(ticket=ticket, author=asker, body="Here is my order number")
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.OPEN
    assert ticket.paused_since is None


def test_closed_ticket_refuses_replies_and_changes(ticket, agent, asker):
    svc.ticket_set_status(ticket=ticket, status=TicketStatus.CLOSED, actor=agent)
    with pytest.raises(ValidationError):
        svc.ticket_reply(ticket=ticket, author=asker, body="hello?")
    with pytest.raises(ValidationError):
        svc.ticket_set_status(ticket=ticket, status=TicketStatus.OPEN, actor=agent)


def test_reply_can_solve_in_one_step(ticket, agent):
    svc.ticket_reply(ticket=ticket, author=agent, body="Refunded", new_status=TicketStatus.SOLVED)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.SOLVED
    assert ticket.solved_at is not None


def test_update_fields_tags_and_cc(ticket, agent, member):
    svc.ticket_update(
        ticket=ticket,
        actor=agent,
        priority="high",
        ticket_type="problem",
        tags=["billing", "refund"],
        cc=[member],
    )
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.type) == ("high", "problem")
    assert sorted(ticket.tags.names()) == ["billing", "refund"]
    assert list(ticket.cc.all()) == [member]


def test_close_solved_after_days(asker, agent):
    old = make_ticket(asker)
    recent = make_ticket(asker)
    svc.ticket_set_status(ticket=old, status=TicketStatus.SOLVED, actor=agent)
    svc.ticket_set_status(ticket=recent, status=TicketStatus.SOLVED, actor=agent)
    Ticket.objects.filter(pk=old.pk).update(solved_at=timezone.now() - dt.timedelta(days=5))
    assert svc.tickets_close_solved(older_than_days=4) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, recent.status) == (TicketStatus.CLOSED, TicketStatus.SOLVED)
    assert old.closed_at is not None


def test_close_solved_command(asker, agent):
    from io import StringIO

    from django.core.management import call_command

    ticket = make_ticket(asker)
    svc.ticket_set_status(ticket=ticket, status=TicketStatus.SOLVED, actor=agent)
    Ticket.objects.filter(pk=ticket.pk).update(solved_at=timezone.now() - dt.timedelta(days=10))
    out = StringIO()
    call_command("close_solved_tickets", stdout=out)
    assert "1" in out.getvalue()
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CLOSED


def test_close_solved_task(asker, agent):
    from escalation.tasks import close_solved_tickets_task

    ticket = make_ticket(asker)
    svc.ticket_set_status(ticket=ticket, status=TicketStatus.SOLVED, actor=agent)
    Ticket.objects.filter(pk=ticket.pk).update(solved_at=timezone.now() - dt.timedelta(days=10))
    result = close_solved_tickets_task.enqueue()
    assert result.return_value == 1


# --- SLA on tickets ------------------------------------------------------------------------


def test_due_times_come_from_priority_policy(asker):
    SlaPolicyFactory(priority="normal", first_response_hours=2, resolution_hours=8)
    ticket = make_ticket(asker)
    assert ticket.first_response_due_at == ticket.created_at + dt.timedelta(hours=2)
    assert ticket.resolution_due_at == ticket.created_at + dt.timedelta(hours=8)


def test_business_hours_policy(asker):
    hours = BusinessHoursFactory(working_days=[0, 1, 2, 3, 4])
    SlaPolicyFactory(
        priority="normal", first_response_hours=1, resolution_hours=8, business_hours=hours
    )
    saturday = dt.datetime(2026, 11, 28, 12, tzinfo=dt.UTC)
    ticket = make_ticket(asker)
    Ticket.objects.filter(pk=ticket.pk).update(created_at=saturday)
    ticket.refresh_from_db()
    from escalation.services.sla import ticket_sla_refresh

    ticket_sla_refresh(ticket)
    assert ticket.first_response_due_at == dt.datetime(2026, 11, 30, 10, tzinfo=dt.UTC)


def test_pending_pauses_the_clock(asker, agent):
    SlaPolicyFactory(priority="normal", first_response_hours=2, resolution_hours=8)
    ticket = make_ticket(asker)
    due_before = ticket.resolution_due_at
    svc.ticket_set_status(ticket=ticket, status=TicketStatus.PENDING, actor=agent)
    ticket.refresh_from_db()
    assert ticket.is_paused
    Ticket.objects.filter(pk=ticket.pk).update(paused_since=timezone.now() - dt.timedelta(hours=3))
    ticket.refresh_from_db()
    svc.ticket_set_status(ticket=ticket, status=TicketStatus.OPEN, actor=agent)
    ticket.refresh_from_db()
    assert ticket.paused_minutes >= 180
    assert ticket.resolution_due_at >= due_before + dt.timedelta(hours=3)


def test_late_first_response_is_recorded_as_breach(asker, agent):
    SlaPolicyFactory(priority="normal", first_response_hours=1, resolution_hours=8)
    ticket = make_ticket(asker)
    Ticket.objects.filter(pk=ticket.pk).update(
        first_response_due_at=timezone.now() - dt.timedelta(minutes=5)
    )
    svc.ticket_reply(ticket=ticket, author=agent, body="Sorry for the wait")
    ticket.refresh_from_db()
    assert ticket.first_response_breached
    from escalation.selectors import queue_counts

    assert queue_counts(agent)["breached_ever"] == 1


def test_late_solve_is_recorded_as_resolution_breach(asker, agent):
    SlaPolicyFactory(priority="normal", first_response_hours=1, resolution_hours=8)
    ticket = make_ticket(asker)
    Ticket.objects.filter(pk=ticket.pk).update(
        resolution_due_at=timezone.now() - dt.timedelta(minutes=1)
    )
    ticket.refresh_from_db()
    svc.ticket_set_status(ticket=ticket, status=TicketStatus.SOLVED, actor=agent)
    ticket.refresh_from_db()
    assert ticket.resolution_breached


def test_priority_change_recomputes_due(asker, agent):
    SlaPolicyFactory(priority="normal", first_response_hours=8, resolution_hours=48)
    SlaPolicyFactory(priority="urgent", first_response_hours=1, resolution_hours=4)
    ticket = make_ticket(asker)
    svc.ticket_update(ticket=ticket, actor=agent, priority="urgent")
    ticket.refresh_from_db()
    assert ticket.first_response_due_at == ticket.created_at + dt.timedelta(hours=1)
