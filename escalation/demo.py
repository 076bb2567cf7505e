"""Demo content of the support desk: groups, business hours, SLA policies, macros, tickets."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from community.demo import DemoContext
from escalation.models import (
    AssignmentMode,
    BusinessHours,
    EscalationSettings,
    Macro,
    MessageKind,
    SlaPolicy,
    SupportGroup,
    Ticket,
    TicketStatus,
)

MACROS = [
    (
        "Greeting",
        "Hi {{ requester.first_name }},\n\nThanks for contacting {{ site_name }} support. ",
        "",
    ),
    (
        "Need order number",
        "Hi {{ requester.first_name }},\n\nCould you send us your order number so we can look "
        "into #{{ ticket.number }}?\n\n{{ agent.name }}",
        "pending",
    ),
    (
        "Refund issued",
        "Hi {{ requester.first_name }},\n\nWe issued your refund; it shows on your statement "
        "within 5 business days.\n\n{{ agent.name }}",
        "solved",
    ),
]

SLA = [("urgent", 1, 4), ("high", 2, 8), ("normal", 4, 24), ("low", 8, 48)]

# (subject, requester key, status, priority, group, assignee key, messages)
TICKETS = [
    ("Charged twice for my subscription", "asker", "new", "high", "Billing", None, []),
    ("Cannot export my data to CSV", "member", "open", "normal", "Technical", "agent",
     [("agent", "public", "Thanks! Which browser do you use?")]),
    ("Invoice address is wrong", "korean", "pending", "low", "Billing", "agent2",
     [("agent2", "public", "Could you send the correct address?")]),
    ("API returns 500 since yesterday", "thai", "on_hold", "urgent", "Technical", "agent",
     [("agent", "internal", "Waiting for the engineering fix (INC-42).")]),
    ("How do I change my password?", "member", "solved", "normal", "Technical", "agent2",
     [("agent2", "public", "Go to Settings → Security → Change password.")]),
    ("Refund for order 1234", "asker", "closed", "normal", "Billing", "agent",
     [("agent", "public", "We refunded the order.")]),
]  # fmt: skip


def _config() -> dict[str, int]:
    created = 0
    hours, new = BusinessHours.objects.get_or_create(
        name=_("Office hours"), defaults={"timezone": "UTC", "working_days": [0, 1, 2, 3, 4]}
    )
    created += int(new)
    groups = {}
    for name, mode in (
        ("Billing", AssignmentMode.ROUND_ROBIN),
        ("Technical", AssignmentMode.FEWEST_OPEN),
    ):
        groups[name], new = SupportGroup.objects.get_or_create(
            name=name, defaults={"assignment_mode": mode}
        )
        created += int(new)
    for priority, first, resolution in SLA:
        _policy, new = SlaPolicy.objects.get_or_create(
            priority=priority,
            defaults={
                "first_response_hours": first,
                "resolution_hours": resolution,
                "business_hours": hours if priority in {"normal", "low"} else None,
            },
        )
        created += int(new)
    for position, (title, body, status) in enumerate(MACROS):
        _macro, new = Macro.objects.get_or_create(
            title=title, defaults={"body": body, "set_status": status, "position": position}
        )
        created += int(new)
    if not EscalationSettings.objects.exists():
        EscalationSettings.objects.create(default_group=groups["Technical"])
    return {_("support settings"): created}


def _tickets(ctx: DemoContext) -> int:
    from escalation.services.assignment import ticket_assign
    from escalation.services.csat import rating_submit
    from escalation.services.tickets import ticket_create, ticket_reply, ticket_set_status

    users = ctx.users
    groups = {g.name: g for g in SupportGroup.objects.all()}
    agents = [users[key] for key in ("agent", "agent2") if key in users]
    for agent in agents:
        for group in groups.values():
            group.agents.add(agent)
    created = 0
    for subject, requester_key, status, priority, group, assignee_key, messages in TICKETS:
        requester = users[requester_key]
        if Ticket.objects.filter(subject=subject, requester=requester).exists():
            continue
        ticket = ticket_create(
            requester=requester,
            subject=subject,
            body=_("Hello, %(s)s. Can you help?") % {"s": subject},
            priority=priority,
            group=groups[group],
        )
        if assignee_key:
            ticket_assign(ticket=ticket, assignee=users[assignee_key], actor=users["admin"])
        for author_key, kind, body in messages:
            ticket_reply(ticket=ticket, author=users[author_key], body=body, kind=MessageKind(kind))
        ticket.refresh_from_db()
        if status != ticket.status:
            if status == TicketStatus.CLOSED:
                ticket_set_status(ticket=ticket, status=TicketStatus.SOLVED, actor=users["agent"])
            ticket_set_status(ticket=ticket, status=status, actor=users["agent"])
        if status in {TicketStatus.SOLVED, TicketStatus.CLOSED}:
            rating_submit(ticket=ticket, score="good", comment=_("Quick and friendly."))
        created += 1
    # One breaching ticket so the SLA queue is not empty.
    Ticket.objects.filter(subject=TICKETS[0][0]).update(
        first_response_due_at=timezone.now() - dt.timedelta(hours=1)
    )
    return created


def _escalated_thread(ctx: DemoContext) -> int:
    """One forum thread of the demo asker escalated to a ticket (when the forum demo made one)."""
    from escalation.services.forum import ticket_create_from_thread
    from forum.models import Thread

    thread = (
        Thread.objects.filter(
            author=ctx.users["asker"], accepted_answer__isnull=True, is_hidden=False
        )
        .order_by("pk")
        .first()
    )
    if thread is None:
        return 0
    _ticket, created = ticket_create_from_thread(
        thread=thread,
        requester=thread.author,
        actor=None,
        reason=_("The asker still needs help"),
        body=_("I tried every answer in the thread; my order number is ORD-1042."),
    )
    return int(created)


def seed(ctx: DemoContext) -> dict[str, int]:
    summary = _config()
    summary[_("support tickets")] = _tickets(ctx) + _escalated_thread(ctx)
    ctx.progress(1)
    return summary
