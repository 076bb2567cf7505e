"""Who may see and work which ticket. Hidden tickets answer 404, never 403."""

from __future__ import annotations

from django.http import Http404

from community.roles import can_moderate, is_agent
from escalation.models import Attachment, MessageKind, Ticket


def can_work_tickets(user) -> bool:
    """Agents and admins: the agent workspace, internal notes, every ticket."""
    return is_agent(user)


def can_see_ticket(user, ticket: Ticket) -> bool:
    """The requester, CC'd people and agents/admins; nobody else (not even moderators)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_agent(user) or ticket.requester_id == user.pk:
        return True
    return ticket.cc.filter(pk=user.pk).exists()


def get_ticket_for(user, number: int) -> Ticket:
    """Fetch ticket ``number`` and authorise ``user`` in one call; 404 when missing or hidden."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    ticket = (
        Ticket.objects.select_related("requester", "assignee", "group", "source_thread")
        .filter(number=number)
        .first()
    )
    if ticket is None or not can_see_ticket(user, ticket):
        raise Http404
    return ticket


def require_agent(user) -> None:
    """The agent workspace does not exist for anyone else (404)."""
    if not can_work_tickets(user):
        raise Http404


def get_attachment_for(user, number: int, attachment_id: int) -> Attachment:
    """An attachment of a ticket the user may see; internal-note files only for agents."""
    ticket = get_ticket_for(user, number)
    attachment = (
        Attachment.objects.select_related("message")
        .filter(pk=attachment_id, message__ticket=ticket)
        .first()
    )
    if attachment is None:
        raise Http404
    if attachment.message.kind == MessageKind.INTERNAL and not can_work_tickets(user):
        raise Http404
    return attachment


def can_convert_thread(user) -> bool:
    """Staff who may turn any thread or post into a ticket: agents and moderators."""
    return is_agent(user) or can_moderate(user)


def can_publish_resolution(user, ticket: Ticket) -> bool:
    return can_work_tickets(user) and getattr(ticket, "source_thread_id", None) is not None
