"""Ticket writes: create, reply, change status and fields. Each runs atomically with its audit row."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import User
from community.roles import is_agent
from escalation.models import (
    Channel,
    MessageKind,
    MessageVia,
    SupportGroup,
    Ticket,
    TicketEvent,
    TicketMessage,
    TicketSequence,
    TicketStatus,
)
from escalation.services import emails
from escalation.services.assignment import ticket_assign, ticket_auto_assign
from escalation.services.attachments import attachments_store
from escalation.services.sla import (
    policy_for,
    ticket_sla_pause,
    ticket_sla_refresh,
    ticket_sla_resume,
)

FIRST_NUMBER = 1000


def ticket_number_next() -> int:
    """The next ticket number; the UPDATE takes a row lock until the transaction ends."""
    if not TicketSequence.objects.filter(pk=1).update(last_number=F("last_number") + 1):
        try:
            with transaction.atomic():
                TicketSequence.objects.create(pk=1, last_number=FIRST_NUMBER)
        except IntegrityError:
            pass  # another transaction created it first
        TicketSequence.objects.filter(pk=1).update(last_number=F("last_number") + 1)
    return TicketSequence.objects.values_list("last_number", flat=True).get(pk=1)


def _event(ticket: Ticket, actor: User | None, kind: str, **data) -> None:
    TicketEvent.objects.create(ticket=ticket, actor=actor, kind=kind, data=data)


@transaction.atomic
def ticket_create(
    *,
    requester: User,
    subject: str,
    body: str,
    channel: str = Channel.CONTACT_FORM,
    actor: User | None = None,
    priority: str = "normal",
    ticket_type: str = "question",
    group: SupportGroup | None = None,
    tags: Iterable[str] = (),
    cc: Iterable[User] = (),
    files: list[UploadedFile] | None = None,
    escalation_reason: str = "",
    extra_fields: dict | None = None,
) -> Ticket:
    """Open a ticket with its first message from the requester; emails them after commit."""
    ticket = Ticket(
        number=ticket_number_next(),
        subject=subject.strip()[:200],
        requester=requester,
        channel=channel,
        priority=priority,
        type=ticket_type,
        group=group,
        escalation_reason=escalation_reason[:300],
        **(extra_fields or {}),
    )
    ticket_sla_refresh(ticket)
    # The one-ticket-per-thread constraint is left to the database, where races are decided.
    ticket.full_clean(exclude=["number", "tags"], validate_constraints=False)
    ticket.save()
    if tags:
        ticket.tags.set(list(tags))
    if cc:
        ticket.cc.set([person for person in cc if person.pk != requester.pk])
    if body.strip():
        message = TicketMessage.objects.create(
            ticket=ticket, author=requester, kind=MessageKind.PUBLIC, body=body.strip()
        )
        if files:
            attachments_store(message=message, files=files)
    _event(ticket, actor or requester, "created", channel=channel)
    emails.email_ticket_created(ticket)
    ticket_auto_assign(ticket=ticket)
    return ticket


@transaction.atomic
def ticket_create_by_staff(
    *,
    agent: User,
    requester: User,
    subject: str,
    body: str,
    priority: str = "normal",
    group: SupportGroup | None = None,
) -> Ticket:
    """A ticket opened by an agent for a customer: the agent's message is the first reply."""
    if not is_agent(agent):
        raise ValidationError(_("Only agents can open tickets for customers."))
    ticket = ticket_create(
        requester=requester,
        subject=subject,
        body="",
        channel=Channel.STAFF,
        actor=agent,
        priority=priority,
        group=group,
    )
    if ticket.assignee_id is None:
        ticket_assign(ticket=ticket, assignee=agent, actor=agent)
    ticket_reply(ticket=ticket, author=agent, body=body)
    ticket.refresh_from_db()
    return ticket


def _apply_status(ticket: Ticket, status: str, *, actor: User | None, now) -> list[str]:
    """Move a ticket to ``status`` (SLA pause/resume, solved/closed stamps); no save."""
    old = ticket.status
    if status == old:
        return []
    if old == TicketStatus.CLOSED:
        raise ValidationError(_("A closed ticket cannot change; open a follow-up ticket instead."))
    if status not in TicketStatus.values:
        raise ValidationError(_("Unknown status."))
    fields = ["status"]
    ticket.status = status
    if status == TicketStatus.PENDING:
        fields += ticket_sla_pause(ticket, now=now)
    elif old == TicketStatus.PENDING:
        fields += ticket_sla_resume(ticket, now=now)
    if status == TicketStatus.SOLVED:
        ticket.solved_at = now
        ticket.resolution_breached = bool(
            ticket.resolution_due_at and now > ticket.resolution_due_at
        )
        fields += ["solved_at", "resolution_breached"]
    elif old == TicketStatus.SOLVED and status != TicketStatus.CLOSED:
        ticket.solved_at = None  # reopened
        fields.append("solved_at")
    if status == TicketStatus.CLOSED:
        ticket.closed_at = now
        fields.append("closed_at")
    _event(ticket, actor, "status", old=old, new=status)
    return fields


@transaction.atomic
def ticket_set_status(*, ticket: Ticket, status: str, actor: User | None) -> Ticket:
    """Change the status; solving emails the requester the rating links."""
    now = timezone.now()
    fields = _apply_status(ticket, status, actor=actor, now=now)
    if fields:
        ticket.save(update_fields=[*dict.fromkeys(fields), "updated_at"])
        if status == TicketStatus.SOLVED:
            emails.email_ticket_solved(ticket)
    return ticket


def _reply_status(ticket: Ticket, author: User, kind: str, new_status: str | None) -> str | None:
    if new_status:
        return new_status
    if kind == MessageKind.INTERNAL:
        return None
    if is_agent(author) and author.pk != ticket.requester_id:
        return TicketStatus.OPEN if ticket.status == TicketStatus.NEW else None
    # The customer wrote: a solved or pending ticket is open again.
    if ticket.status in {TicketStatus.SOLVED, TicketStatus.PENDING, TicketStatus.NEW}:
        return TicketStatus.OPEN
    return None


@transaction.atomic
def ticket_reply(
    *,
    ticket: Ticket,
    author: User,
    body: str,
    kind: str = MessageKind.PUBLIC,
    files: list[UploadedFile] | None = None,
    new_status: str | None = None,
    via: str = MessageVia.WEB,
) -> TicketMessage:
    """Add a public reply or an internal note; public replies are emailed to the other side."""
    ticket = (
        Ticket.objects.select_for_update(of=("self",))
        .select_related("requester", "assignee")
        .get(pk=ticket.pk)
    )
    if ticket.status == TicketStatus.CLOSED:
        raise ValidationError(_("This ticket is closed; please open a new request."))
    staff = is_agent(author) and author.pk != ticket.requester_id
    if kind == MessageKind.INTERNAL and not staff:
        raise ValidationError(_("Only agents can add internal notes."))
    now = timezone.now()
    message = TicketMessage.objects.create(
        ticket=ticket, author=author, kind=kind, body=body.strip(), via=via, created_at=now
    )
    if files:
        attachments_store(message=message, files=files)
    fields: list[str] = []
    if staff and kind == MessageKind.PUBLIC and ticket.first_response_at is None:
        ticket.first_response_at = now
        due = ticket.first_response_due_at
        ticket.first_response_breached = bool(due and now > due)
        fields += ["first_response_at", "first_response_breached"]
    status = _reply_status(ticket, author, kind, new_status)
    if status:
        fields += _apply_status(ticket, status, actor=author, now=now)
    ticket.save(update_fields=[*dict.fromkeys(fields), "updated_at"])
    if kind == MessageKind.PUBLIC:
        if staff:
            emails.email_public_reply(ticket, message)
        else:
            emails.email_public_reply(ticket, message, exclude=author)
            emails.email_requester_replied(ticket, message)
    if status == TicketStatus.SOLVED:
        emails.email_ticket_solved(ticket)
    return message


UPDATABLE = ("priority", "type", "group")


@transaction.atomic
def ticket_update(
    *,
    ticket: Ticket,
    actor: User,
    status: str | None = None,
    priority: str | None = None,
    ticket_type: str | None = None,
    group: SupportGroup | bool | None = False,
    assignee: User | bool | None = False,
    tags: list[str] | None = None,
    cc: list[User] | None = None,
) -> Ticket:
    """Agent edits of the ticket's properties (``False`` means "leave unchanged")."""
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    fields: list[str] = []
    if priority and priority != ticket.priority:
        _event(ticket, actor, "priority", old=ticket.priority, new=priority)
        ticket.priority = priority
        fields.append("priority")
        if not ticket.is_paused:
            fields += ticket_sla_refresh(ticket, policy=policy_for(priority))
    if ticket_type and ticket_type != ticket.type:
        _event(ticket, actor, "type", old=ticket.type, new=ticket_type)
        ticket.type = ticket_type
        fields.append("type")
    if group is not False and (group.pk if group else None) != ticket.group_id:
        _event(ticket, actor, "group", new=group.pk if group else None)
        ticket.group = group
        fields.append("group")
    if fields:
        ticket.full_clean(exclude=["number", "tags"])
        ticket.save(update_fields=[*dict.fromkeys(fields), "updated_at"])
    if tags is not None:
        ticket.tags.set(tags)
    if cc is not None:
        ticket.cc.set([person for person in cc if person.pk != ticket.requester_id])
    if assignee is not False:
        ticket_assign(ticket=ticket, assignee=assignee, actor=actor)
    elif group is not False and group is not None and not ticket.assignee_id:
        ticket_auto_assign(ticket=ticket)
    if status:
        ticket_set_status(ticket=ticket, status=status, actor=actor)
    return ticket


def tickets_bulk_update(
    *, tickets: list[Ticket], actor: User, status: str | None, assignee: User | bool | None
) -> int:
    """Apply one status and/or assignee to many tickets (each through the single-ticket rules)."""
    changed = 0
    for ticket in tickets:
        try:
            ticket_update(ticket=ticket, actor=actor, status=status or None, assignee=assignee)
            changed += 1
        except ValidationError:
            continue  # e.g. a closed ticket in the selection: skip it, keep the others
    return changed


@transaction.atomic
def tickets_close_solved(*, older_than_days: int, now=None) -> int:
    """Close tickets solved more than ``older_than_days`` ago; returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=older_than_days)
    count = 0
    for ticket in Ticket.objects.select_for_update().filter(
        status=TicketStatus.SOLVED, solved_at__lte=cutoff
    ):
        ticket_set_status(ticket=ticket, status=TicketStatus.CLOSED, actor=None)
        count += 1
    return count
