"""Reads for the support desk pages, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from community.models import User
from escalation.models import (
    PRIORITY_ORDER,
    UNSOLVED_STATUSES,
    AgentStatus,
    Attachment,
    Macro,
    MessageKind,
    SatisfactionRating,
    SlaPolicy,
    SupportGroup,
    Ticket,
    TicketEvent,
    TicketMessage,
    TicketStatus,
)
from escalation.permissions import can_work_tickets

QUEUES = ("unassigned", "mine", "groups", "open", "pending", "breaching", "solved", "all")
SORTS = {
    "newest": ["-created_at", "-pk"],
    "oldest": ["created_at", "pk"],
    "updated": ["-updated_at", "-pk"],
    "due": ["resolution_due_at", "pk"],
    "priority": ["priority_rank", "created_at"],
}


def home_context(viewer) -> dict:
    """The home page's support card: the viewer's open tickets (agents: their queue size)."""
    if not getattr(viewer, "is_authenticated", False):
        return {"support_signed_in": False}
    context: dict = {"support_signed_in": True}
    context["support_my_tickets"] = list(
        Ticket.objects.filter(requester=viewer, status__in=UNSOLVED_STATUSES)
        .only("number", "subject", "status", "updated_at")
        .order_by("-updated_at")[:3]
    )
    if can_work_tickets(viewer):
        context["support_agent_open"] = Ticket.objects.filter(
            assignee=viewer, status__in=UNSOLVED_STATUSES
        ).count()
    return context


def my_tickets(user: User, page_number: str | None, per_page: int = 25) -> Page:
    """The tickets a customer requested or is CC'd on, newest activity first."""
    queryset = (
        Ticket.objects.filter(Q(requester=user) | Q(cc=user))
        .distinct()
        .select_related("requester")
        .order_by("-updated_at", "-pk")
    )
    return Paginator(queryset, per_page).get_page(page_number)


def breaching_filter(now: datetime) -> Q:
    """Unsolved, not paused, and past a due time not yet met."""
    return Q(status__in=UNSOLVED_STATUSES, paused_since__isnull=True) & (
        Q(first_response_at__isnull=True, first_response_due_at__lt=now)
        | Q(resolution_due_at__lt=now)
    )


def queue_filter(viewer: User, queue: str, now: datetime) -> Q:
    open_statuses = Q(status__in=UNSOLVED_STATUSES)
    return {
        "unassigned": open_statuses & Q(assignee__isnull=True),
        "mine": open_statuses & Q(assignee=viewer),
        "groups": open_statuses & Q(group__agents=viewer),
        "open": Q(status__in=[TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.ON_HOLD]),
        "pending": Q(status=TicketStatus.PENDING),
        "breaching": breaching_filter(now),
        "solved": Q(status__in=[TicketStatus.SOLVED, TicketStatus.CLOSED]),
        "all": Q(),
    }.get(queue, open_statuses & Q(assignee__isnull=True))


def queue_counts(viewer: User, now: datetime | None = None) -> dict[str, int]:
    """How many tickets each queue holds, in one query; plus breaches counted ever."""
    now = now or timezone.now()
    aggregates = {
        name: Count("pk", filter=queue_filter(viewer, name, now), distinct=True)
        for name in QUEUES
        if name != "groups"
    }
    aggregates["breached_ever"] = Count(
        "pk", filter=Q(first_response_breached=True) | Q(resolution_breached=True)
    )
    counts = Ticket.objects.aggregate(**aggregates)
    counts["groups"] = (
        Ticket.objects.filter(queue_filter(viewer, "groups", now)).values("pk").distinct().count()
    )
    return counts


@dataclass
class QueueQuery:
    queue: str = "unassigned"
    status: str = ""
    priority: str = ""
    group: int | None = None
    assignee: int | None = None
    tag: str = ""
    q: str = ""
    sort: str = "newest"


def queue_tickets(viewer: User, query: QueueQuery, now: datetime | None = None) -> QuerySet[Ticket]:
    """The tickets of one queue with the filters applied, ready for the list (no N+1)."""
    from django.db.models import Case, IntegerField, Value, When

    now = now or timezone.now()
    queryset = Ticket.objects.filter(queue_filter(viewer, query.queue, now))
    if query.status:
        queryset = queryset.filter(status=query.status)
    if query.priority:
        queryset = queryset.filter(priority=query.priority)
    if query.group:
        queryset = queryset.filter(group_id=query.group)
    if query.assignee:
        queryset = queryset.filter(assignee_id=query.assignee)
    if query.tag:
        queryset = queryset.filter(tags__name=query.tag)
    if query.q:
        term = query.q.strip().lstrip("#")
        condition = Q(subject__icontains=term) | Q(requester__display_name__icontains=term)
        if term.isdigit():
            condition |= Q(number=int(term))
        queryset = queryset.filter(condition)
    rank = Case(
        *[When(priority=p, then=Value(r)) for p, r in PRIORITY_ORDER.items()],
        output_field=IntegerField(),
    )
    if query.queue == "groups" or query.tag:
        queryset = queryset.distinct()
    return (
        queryset.annotate(priority_rank=rank)
        .select_related("requester", "assignee", "group")
        .prefetch_related("tags")
        .order_by(*SORTS.get(query.sort, SORTS["newest"]))
    )


def queue_page(
    viewer: User, query: QueueQuery, page_number: str | None, per_page: int = 50
) -> Page:
    return Paginator(queue_tickets(viewer, query), per_page).get_page(page_number)


def workspace_choices() -> dict:
    """Groups, agents and macros for filters, assignment and reply forms (three queries)."""
    from escalation.services.assignment import agents_queryset

    return {
        "groups": list(SupportGroup.objects.all()),
        "agents": list(agents_queryset()),
        "macros": list(Macro.objects.filter(is_active=True)),
    }


def agent_is_available(user: User) -> bool:
    status = AgentStatus.objects.filter(user=user).first()
    return status.is_available if status else True


def ticket_messages(ticket: Ticket, *, include_internal: bool) -> list[TicketMessage]:
    """The ticket's timeline with authors and attachments; internal notes only for agents."""
    queryset = ticket.messages.select_related("author").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("pk"))
    )
    if not include_internal:
        queryset = queryset.filter(kind=MessageKind.PUBLIC)
    return list(queryset)


@dataclass
class TimelineItem:
    when: datetime
    kind: str  # "ticket", "thread", "feedback"
    title: str
    url: str
    detail: str = ""


def _model(app_label: str, name: str):
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def customer_history(
    person: User, *, exclude_ticket: Ticket | None = None, limit: int = 30
) -> list[TimelineItem]:
    """Every ticket, forum thread and KB feedback of one person on one timeline (≤ 3 queries).

    The forum and KB are queried defensively: their models may be absent or still changing.
    """
    items: list[TimelineItem] = []
    tickets = Ticket.objects.filter(requester=person).order_by("-created_at")
    if exclude_ticket is not None:
        tickets = tickets.exclude(pk=exclude_ticket.pk)
    for ticket in tickets.only("number", "subject", "status", "created_at", "channel")[:limit]:
        items.append(
            TimelineItem(
                ticket.created_at,
                "ticket",
                f"#{ticket.number} {ticket.subject}",
                ticket.get_absolute_url(),
                ticket.get_status_display(),
            )
        )
    items += _forum_history(person, limit)
    items += _kb_feedback_history(person, limit)
    items.sort(key=lambda item: item.when, reverse=True)
    return items[:limit]


def _forum_history(person: User, limit: int) -> list[TimelineItem]:
    thread_model = _model("forum", "Thread")
    if thread_model is None:
        return []
    fields = {f.name for f in thread_model._meta.get_fields()}
    author_field = next((f for f in ("author", "asker", "user", "created_by") if f in fields), None)
    date_field = next((f for f in ("created_at", "created", "posted_at") if f in fields), None)
    if author_field is None or date_field is None:
        return []
    items = []
    for thread in thread_model.objects.filter(**{author_field: person}).order_by(f"-{date_field}")[
        :limit
    ]:
        url = thread.get_absolute_url() if hasattr(thread, "get_absolute_url") else ""
        items.append(
            TimelineItem(
                getattr(thread, date_field), "thread", str(getattr(thread, "title", thread)), url
            )
        )
    return items


def _kb_feedback_history(person: User, limit: int) -> list[TimelineItem]:
    feedback_model = _model("kb", "ArticleFeedback")
    if feedback_model is None:
        return []
    items = []
    for vote in (
        feedback_model.objects.filter(user=person)
        .select_related("article")
        .order_by("-created_at")[:limit]
    ):
        article = vote.article
        items.append(
            TimelineItem(
                vote.created_at,
                "feedback",
                article.title,
                article.url or "",
                ("👍 " if vote.is_helpful else "👎 ") + (vote.comment or ""),
            )
        )
    return items


def ticket_agent_context(ticket: Ticket, viewer: User, now: datetime | None = None) -> dict:
    """Everything the agent ticket page shows, in a fixed number of queries."""
    from escalation.services.sla import policy_for, ticket_sla_states

    now = now or timezone.now()
    policy = policy_for(ticket.priority)
    return {
        "timeline": ticket_messages(ticket, include_internal=True),
        "events": list(TicketEvent.objects.filter(ticket=ticket).select_related("actor")),
        "cc_people": list(ticket.cc.all()),
        "tag_names": list(ticket.tags.names()),
        "history": customer_history(ticket.requester, exclude_ticket=ticket),
        "sla_policy": policy,
        "sla": ticket_sla_states(ticket, now=now, policy=policy),
        "rating": SatisfactionRating.objects.filter(ticket=ticket).first(),
        "source_thread_url": _thread_url(ticket),
        **workspace_choices(),
    }


def _thread_url(ticket: Ticket) -> str:
    from django.urls import NoReverseMatch

    if ticket.source_thread_id is None:
        return ""
    try:
        return ticket.source_thread.get_absolute_url()
    except NoReverseMatch:
        return ""


def ticket_customer_context(ticket: Ticket, viewer: User) -> dict:
    """What the requester (or a CC'd person) sees: public replies only, and their rating."""
    return {
        "timeline": ticket_messages(ticket, include_internal=False),
        "rating": SatisfactionRating.objects.filter(ticket=ticket).first(),
    }


def sla_policies() -> list[SlaPolicy]:
    return list(SlaPolicy.objects.select_related("business_hours"))


# --- forum thread pages ----------------------------------------------------------------------


def thread_for_escalation(user, thread_id: int):
    """The thread as the forum shows it to ``user`` (404 when they may not see it)."""
    from forum.permissions import get_thread_for

    return get_thread_for(user, thread_id)


def thread_escalation_context(viewer, thread) -> dict:
    """What the forum thread page shows from the desk (one query, cached on the thread).

    The public sees only a neutral notice; the requester and agents also get the ticket link.
    """
    cached = getattr(thread, "_escalation_context", None)
    if cached is not None:
        return cached
    from datetime import timedelta

    from escalation.config import desk_config
    from escalation.permissions import can_convert_thread

    ticket = (
        Ticket.objects.filter(source_thread_id=thread.pk)
        .only("number", "status", "requester_id", "source_thread_id")
        .first()
    )
    signed_in = getattr(viewer, "is_authenticated", False)
    is_asker = signed_in and thread.author_id == viewer.pk
    is_desk = can_work_tickets(viewer)
    can_request = False
    if is_asker and ticket is None and not thread.is_solved and thread.escalated_at is None:
        wait = timedelta(hours=desk_config().asker_min_wait_hours)
        can_request = thread.created_at + wait <= timezone.now()
    context = {
        "thread": thread,
        "escalation_ticket_active": ticket is not None and ticket.status in UNSOLVED_STATUSES,
        "escalation_ticket_url": ticket.get_absolute_url()
        if ticket is not None and (is_desk or ticket.requester_id == getattr(viewer, "pk", None))
        else "",
        "escalation_ticket_number": ticket.number
        if ticket is not None and (is_desk or is_asker)
        else None,
        "escalation_can_request": can_request,
        "escalation_can_convert": ticket is None and can_convert_thread(viewer),
    }
    thread._escalation_context = context
    return context
