"""Replies that arrive by email (the channels work parses the message and calls this)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from community.models import User
from escalation.models import MessageVia, Ticket, TicketMessage
from escalation.permissions import can_see_ticket
from escalation.services.emails import ticket_number_from_reply_address
from escalation.services.tickets import ticket_reply


def ticket_reply_from_email(
    *, to_address: str, sender: User, body: str, files=None
) -> TicketMessage:
    """Add an emailed reply to the ticket its verified reply address names.

    Refused (ValidationError) when the token is forged or the sender may not see the ticket.
    Email replies are always public: an agent writes internal notes in the workspace.
    """
    number = ticket_number_from_reply_address(to_address)
    ticket = Ticket.objects.filter(number=number).first() if number else None
    if ticket is None or not can_see_ticket(sender, ticket):
        raise ValidationError(_("This reply address does not belong to a ticket you can reply to."))
    return ticket_reply(ticket=ticket, author=sender, body=body, files=files, via=MessageVia.EMAIL)
