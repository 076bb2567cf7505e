"""Keeping a ticket's SLA clock: due times from its priority's policy, paused while pending."""

from __future__ import annotations

import datetime as dt

from escalation import sla
from escalation.models import SlaPolicy, Ticket


def policy_for(priority: str) -> SlaPolicy | None:
    """The active SLA policy of a priority, with its business hours."""
    return (
        SlaPolicy.objects.select_related("business_hours")
        .filter(priority=priority, is_active=True)
        .first()
    )


def schedule_of(policy: SlaPolicy | None) -> sla.WorkSchedule | None:
    if policy is None or policy.business_hours is None:
        return None
    return policy.business_hours.schedule()


def ticket_sla_refresh(ticket: Ticket, *, policy: SlaPolicy | None = None) -> list[str]:
    """Recompute due times (created + target + paused time). Returns the changed field names.

    Callers save the fields; the clock itself never writes.
    """
    policy = policy if policy is not None else policy_for(ticket.priority)
    if policy is None:
        ticket.first_response_due_at = None
        ticket.resolution_due_at = None
    else:
        schedule = schedule_of(policy)
        paused = ticket.paused_minutes
        ticket.first_response_due_at = sla.add_business_minutes(
            ticket.created_at, policy.first_response_minutes + paused, schedule
        )
        ticket.resolution_due_at = sla.add_business_minutes(
            ticket.created_at, policy.resolution_minutes + paused, schedule
        )
    return ["first_response_due_at", "resolution_due_at"]


def ticket_sla_pause(ticket: Ticket, *, now: dt.datetime) -> list[str]:
    """Stop the clock (pending on the customer)."""
    if ticket.paused_since is not None:
        return []
    ticket.paused_since = now
    return ["paused_since"]


def ticket_sla_resume(ticket: Ticket, *, now: dt.datetime) -> list[str]:
    """Restart the clock: the paused working time pushes the due times back."""
    if ticket.paused_since is None:
        return []
    policy = policy_for(ticket.priority)
    ticket.paused_minutes += sla.business_minutes_between(
        ticket.paused_since, now, schedule_of(policy)
    )
    ticket.paused_since = None
    return ["paused_since", "paused_minutes", *ticket_sla_refresh(ticket, policy=policy)]


def ticket_sla_states(ticket: Ticket, *, now: dt.datetime, policy: SlaPolicy | None) -> dict:
    """First-response and resolution clock states for display."""
    schedule = schedule_of(policy)
    return {
        "first_response": sla.clock_state(
            due_at=ticket.first_response_due_at,
            now=now,
            achieved_at=ticket.first_response_at,
            is_paused=ticket.is_paused,
            schedule=schedule,
        ),
        "resolution": sla.clock_state(
            due_at=ticket.resolution_due_at,
            now=now,
            achieved_at=ticket.solved_at,
            is_paused=ticket.is_paused,
            schedule=schedule,
        ),
    }
