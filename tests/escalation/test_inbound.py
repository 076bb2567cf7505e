"""Email replies land on the ticket named by a verified reply address, from allowed senders only."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from escalation.models import MessageVia, TicketStatus
from escalation.services.emails import reply_address
from escalation.services.inbound import ticket_reply_from_email
from escalation.services.tickets import ticket_set_status
from tests.factories import make_ticket

pytestmark = pytest.mark.django_db


def test_requester_email_reply_reopens_solved_ticket(asker, agent):
    ticket = make_ticket(asker)
    ticket_set_status(ticket=ticket, status=TicketStatus.SOLVED, actor=agent)
    message = ticket_reply_from_email(
        to_address=reply_address(ticket), sender=asker, body="Not fixed"
    )
    ticket.refresh_from_db()
    assert message.via == MessageVia.EMAIL
    assert ticket.status == TicketStatus.OPEN


def test_stranger_or_forged_address_refused(asker, stranger):
    ticket = make_ticket(asker)
    with pytest.raises(ValidationError):
        ticket_reply_from_email(to_address=reply_address(ticket), sender=stranger, body="hi")
    forged = reply_address(ticket).replace(f"t{ticket.number}-", f"t{ticket.number}-0")
    with pytest.raises(ValidationError):
        ticket_reply_from_email(to_address=forged, sender=asker, body="hi")
