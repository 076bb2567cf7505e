"""Assignment: manual, or automatic per group (round-robin or fewest open tickets)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from community.models import User
from community.roles import is_agent
from escalation.models import (
    UNSOLVED_STATUSES,
    AgentStatus,
    AssignmentMode,
    SupportGroup,
    Ticket,
    TicketEvent,
)


def agents_queryset() -> QuerySet[User]:
    """Active users who may work tickets (by role group or superuser)."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions__codename="work_tickets"))
        .distinct()
        .order_by("pk")
    )


def available_agents(group: SupportGroup) -> QuerySet[User]:
    """Agents of the group not marked unavailable (no AgentStatus row means available)."""
    return agents_queryset().filter(support_groups=group).exclude(agent_status__is_available=False)


def agent_pick(group: SupportGroup) -> User | None:
    """The next agent for a group's automatic mode; locks the group row for round-robin."""
    if group.assignment_mode == AssignmentMode.ROUND_ROBIN:
        locked = SupportGroup.objects.select_for_update().get(pk=group.pk)
        candidates = list(available_agents(group))
        if not candidates:
            return None
        after = [
            a
            for a in candidates
            if locked.last_assigned_agent_id and a.pk > locked.last_assigned_agent_id
        ]
        chosen = (after or candidates)[0]
        locked.last_assigned_agent = chosen
        locked.save(update_fields=["last_assigned_agent"])
        return chosen
    if group.assignment_mode == AssignmentMode.FEWEST_OPEN:
        open_count = Count(
            "assigned_tickets", filter=Q(assigned_tickets__status__in=UNSOLVED_STATUSES)
        )
        return (
            User.objects.filter(pk__in=available_agents(group).values("pk"))
            .annotate(open_count=open_count)
            .order_by("open_count", "pk")
            .first()
        )
    return None


@transaction.atomic
def ticket_assign(*, ticket: Ticket, assignee: User | None, actor: User | None) -> Ticket:
    """Set (or clear) the assignee; the new assignee is emailed after commit."""
    from escalation.services.emails import email_ticket_assigned

    if assignee is not None and not is_agent(assignee):
        raise ValidationError(_("Only agents can be assigned tickets."))
    if (assignee.pk if assignee else None) == ticket.assignee_id:
        return ticket
    ticket.assignee = assignee
    ticket.save(update_fields=["assignee", "updated_at"])
    TicketEvent.objects.create(
        ticket=ticket,
        actor=actor,
        kind="assigned",
        data={"assignee": assignee.pk if assignee else None},
    )
    if assignee is not None and (actor is None or actor.pk != assignee.pk):
        email_ticket_assigned(ticket, assignee)
    return ticket


def ticket_auto_assign(*, ticket: Ticket) -> User | None:
    """Assign by the ticket group's rule when it has one and nobody is assigned yet."""
    if ticket.group is None or ticket.assignee_id:
        return None
    agent = agent_pick(ticket.group)
    if agent is not None:
        ticket_assign(ticket=ticket, assignee=agent, actor=None)
    return agent


def agent_set_available(*, user: User, is_available: bool) -> AgentStatus:
    """Mark an agent available (or not) for automatic assignment."""
    status, _created = AgentStatus.objects.update_or_create(
        user=user, defaults={"is_available": is_available}
    )
    return status
