"""Ticket email: real RFC 822 bytes with reply tokens and threading headers; no internal notes."""

from __future__ import annotations

import email
from email import policy
from email.utils import getaddresses

import pytest

from escalation.models import MessageKind, TicketStatus
from escalation.services.emails import (
    reply_address,
    thread_root_id,
    ticket_number_from_reply_address,
)
from escalation.services.tickets import ticket_reply, ticket_set_status
from tests.factories import make_ticket

pytestmark = pytest.mark.django_db


def parsed(message):
    return email.message_from_bytes(message.message().as_bytes(), policy=policy.default)


def test_new_ticket_email_opens_the_thread(
    asker, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SUPPORT_REPLY_DOMAIN = "help.example.com"
    with django_capture_on_commit_callbacks(execute=True):
        ticket = make_ticket(asker, subject="Billing question")
    assert len(mailoutbox) == 1
    msg = parsed(mailoutbox[0])
    assert msg["To"] == asker.email
    assert f"[#{ticket.number}]" in msg["Subject"]
    assert msg["Message-ID"] == f"<ticket-{ticket.number}@help.example.com>"
    assert msg["In-Reply-To"] is None
    [(_name, reply_to)] = getaddresses([msg["Reply-To"]])
    assert reply_to.startswith(f"support+t{ticket.number}-")
    assert reply_to.endswith("@help.example.com")
    assert ticket_number_from_reply_address(reply_to) == ticket.number


def test_public_reply_email_threads_under_the_first(
    asker, agent, mailoutbox, django_capture_on_commit_callbacks
):
    ticket = make_ticket(asker)
    with django_capture_on_commit_callbacks(execute=True):
        message = ticket_reply(ticket=ticket, author=agent, body="We refunded **you**.")
    sent = [parsed(m) for m in mailoutbox if asker.email in m.to]
    reply = sent[-1]
    root = thread_root_id(ticket)
    assert reply["In-Reply-To"] == root
    assert root in reply["References"]
    assert reply["Message-ID"] != root
    assert f"-m{message.pk}@" in reply["Message-ID"]
    assert "We refunded" in reply.get_body(preferencelist=("plain",)).get_content()


def test_internal_note_is_never_mailed_to_requester(
    asker, agent, mailoutbox, django_capture_on_commit_callbacks
):
    ticket = make_ticket(asker)
    with django_capture_on_commit_callbacks(execute=True):
        ticket_reply(
            ticket=ticket, author=agent, body="SECRET-NOTE fraud check", kind=MessageKind.INTERNAL
        )
    for message in mailoutbox:
        assert b"SECRET-NOTE" not in message.message().as_bytes()


def test_solved_email_has_rating_links(
    asker, agent, mailoutbox, django_capture_on_commit_callbacks
):
    ticket = make_ticket(asker)
    with django_capture_on_commit_callbacks(execute=True):
        ticket_set_status(ticket=ticket, status=TicketStatus.SOLVED, actor=agent)
    msg = parsed(mailoutbox[-1])
    body = msg.get_body(preferencelist=("plain",)).get_content()
    assert "/support/rate/" in body
    assert msg["In-Reply-To"] == thread_root_id(ticket)


def test_assignment_emails_the_agent(
    asker, agent, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    from escalation.services.assignment import ticket_assign

    ticket = make_ticket(asker)
    with django_capture_on_commit_callbacks(execute=True):
        ticket_assign(ticket=ticket, assignee=agent, actor=admin_user)
    msg = parsed(mailoutbox[-1])
    assert msg["To"] == agent.email
    assert "Assigned to you" in msg["Subject"]
    assert msg["Reply-To"] == reply_address(ticket)


def test_each_recipient_gets_own_email(
    asker, agent, member, mailoutbox, django_capture_on_commit_callbacks
):
    from escalation.services.tickets import ticket_update

    ticket = make_ticket(asker)
    ticket_update(ticket=ticket, actor=agent, cc=[member])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ticket_reply(ticket=ticket, author=agent, body="Hi both")
    recipients = sorted(tuple(m.to) for m in mailoutbox)
    assert recipients == sorted([(asker.email,), (member.email,)])


def test_forged_reply_addresses_are_refused(asker, settings):
    ticket = make_ticket(asker)
    good = reply_address(ticket)
    assert ticket_number_from_reply_address(good) == ticket.number
    forged = good.replace(f"+t{ticket.number}-", f"+t{ticket.number + 1}-")
    assert ticket_number_from_reply_address(forged) is None
    assert ticket_number_from_reply_address("someone@example.com") is None
    assert (
        ticket_number_from_reply_address(good.replace(settings.SUPPORT_REPLY_DOMAIN, "evil.test"))
        is None
    )


def test_bell_notification_without_duplicate_email(
    asker, agent, mailoutbox, django_capture_on_commit_callbacks
):
    from community.models import Notification

    ticket = make_ticket(asker)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ticket_reply(ticket=ticket, author=agent, body="Answer")
    assert Notification.objects.filter(recipient=asker, kind="ticket:reply").count() == 1
    assert len([m for m in mailoutbox if asker.email in m.to]) == 1
