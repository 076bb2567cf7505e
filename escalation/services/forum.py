"""Escalation from the forum (sweep, asker, staff) and publishing the resolution back.

One ticket per thread: the partial unique constraint on ``Ticket.source_thread`` decides races;
the loser of a race gets the winner's ticket back. Forum writes go through ``forum.services``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import User
from community.sanitizer import plain_text
from escalation.config import desk_config
from escalation.models import (
    Channel,
    MessageKind,
    MessageVia,
    Priority,
    SupportGroup,
    Ticket,
    TicketEvent,
    TicketMessage,
)
from escalation.services.tickets import ticket_create
from forum.models import Category, Post, Thread

HIDDEN_REASON = "escalated"


def ticket_for_thread(thread: Thread) -> Ticket | None:
    return Ticket.objects.filter(source_thread=thread).first()


def _question_text(thread: Thread) -> str:
    question = Post.objects.filter(thread=thread, kind=Post.Kind.QUESTION).first()
    return question.body_markdown if question else ""


def _default_group() -> SupportGroup | None:
    group_id = desk_config().default_group_id
    return SupportGroup.objects.filter(pk=group_id).first() if group_id else None


def ticket_create_from_thread(
    *,
    thread: Thread,
    requester: User,
    actor: User | None,
    reason: str,
    body: str,
    channel: str = Channel.FORUM,
    post: Post | None = None,
    files=None,
    internal_note: str = "",
) -> tuple[Ticket, bool]:
    """The thread's ticket, created if needed: ``(ticket, created)``; safe to race."""
    existing = ticket_for_thread(thread)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            ticket = ticket_create(
                requester=requester,
                subject=thread.title,
                body=body,
                channel=channel,
                actor=actor,
                priority=Priority.NORMAL,
                group=_default_group(),
                files=files,
                escalation_reason=reason,
                extra_fields={"source_thread": thread, "source_post": post},
            )
            if internal_note:
                # A system note (moderators convert too, and they cannot write notes).
                TicketMessage.objects.create(
                    ticket=ticket,
                    author=actor,
                    kind=MessageKind.INTERNAL,
                    via=MessageVia.SYSTEM,
                    body=internal_note,
                )
            Thread.objects.filter(pk=thread.pk, escalated_at__isnull=True).update(
                escalated_at=timezone.now()
            )
    except IntegrityError:
        winner = ticket_for_thread(thread)
        if winner is None:
            raise
        return winner, False
    return ticket, True


def _thread_link(thread: Thread) -> str:
    return settings.SITE_URL + thread.get_absolute_url()


def stale_threads(*, now: datetime) -> list[tuple[Thread, str]]:
    """Threads due for escalation with the reason, per category rule (one query per category)."""
    found: list[tuple[Thread, str]] = []
    for category in Category.objects.filter(escalation_enabled=True):
        base = Thread.objects.filter(
            category=category,
            kind=Thread.Kind.QUESTION,
            accepted_answer__isnull=True,
            is_hidden=False,
            closed_at__isnull=True,
            escalated_at__isnull=True,
            author__isnull=False,
            support_tickets__isnull=True,
        ).select_related("author")
        # A category value of 0 means "the site default" (settings).
        unanswered = (
            category.escalate_unanswered_after_hours or settings.ESCALATION_UNANSWERED_AFTER_HOURS
        )
        unaccepted = (
            category.escalate_unaccepted_after_hours or settings.ESCALATION_UNACCEPTED_AFTER_HOURS
        )
        for thread in base.filter(
            answer_count=0, created_at__lte=now - timedelta(hours=unanswered)
        ):
            found.append((thread, _("No answer after %(h)s hours") % {"h": unanswered}))
        seen = {t.pk for t, _r in found}
        stale = base.filter(created_at__lte=now - timedelta(hours=unaccepted)).exclude(pk__in=seen)
        for thread in stale:
            found.append((thread, _("No accepted answer after %(h)s hours") % {"h": unaccepted}))
    return found


def threads_escalate_stale(*, now: datetime | None = None, progress=None) -> int:
    """The sweep: open a ticket for every stale thread; returns how many tickets were created.

    ``progress`` wraps the list of candidates (the command passes tqdm).
    """
    now = now or timezone.now()
    created_count = 0
    candidates = stale_threads(now=now)
    for thread, reason in progress(candidates) if progress else candidates:
        body = "\n\n".join(
            [
                _("Escalated automatically from the community: %(reason)s.") % {"reason": reason},
                plain_text(_question_text(thread), limit=4000),
                _thread_link(thread),
            ]
        )
        _ticket, created = ticket_create_from_thread(
            thread=thread, requester=thread.author, actor=None, reason=reason, body=body
        )
        created_count += int(created)
    return created_count


def can_asker_escalate(user, thread: Thread, *, now: datetime | None = None) -> bool:
    """The asker of an unsolved thread, after the minimum wait, while no ticket exists yet."""
    if not getattr(user, "is_authenticated", False) or thread.author_id != user.pk:
        return False
    if thread.is_solved or thread.escalated_at is not None:
        return False
    now = now or timezone.now()
    wait = timedelta(hours=desk_config().asker_min_wait_hours)
    return thread.created_at + wait <= now and ticket_for_thread(thread) is None


def thread_escalate_by_asker(
    *,
    thread: Thread,
    asker: User,
    details: str,
    order_number: str = "",
    account_email: str = "",
    files=None,
) -> Ticket:
    """ "I still need help": the private details go into the ticket, never the thread."""
    if not can_asker_escalate(asker, thread):
        raise ValidationError(_("This thread cannot be escalated right now."))
    lines = [details.strip()]
    if order_number:
        lines.append(_("Order number: %(v)s") % {"v": order_number.strip()})
    if account_email:
        lines.append(_("Account email: %(v)s") % {"v": account_email.strip()})
    lines.append(_("From the community thread: %(url)s") % {"url": _thread_link(thread)})
    ticket, _created = ticket_create_from_thread(
        thread=thread,
        requester=asker,
        actor=asker,
        reason=_("The asker still needs help"),
        body="\n\n".join(lines),
        files=files,
    )
    return ticket


def _hide_thread(thread: Thread, actor: User) -> None:
    """Take the thread out of listings and search (private data was posted publicly)."""
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    thread.is_hidden = True
    thread.hidden_from_public_reason = HIDDEN_REASON
    # save() (not update()) so the search index signal removes it.
    thread.save(update_fields=["is_hidden", "hidden_from_public_reason"])


@transaction.atomic
def thread_convert_to_ticket(
    *, thread: Thread, actor: User, reason: str, hide_thread: bool = False, post: Post | None = None
) -> Ticket:
    """Staff "Convert to ticket": the requester is the thread's (or post's) author, emailed at once."""
    from escalation.permissions import can_convert_thread

    if not can_convert_thread(actor):
        raise ValidationError(_("Only staff can convert threads to tickets."))
    requester = (post.author if post is not None and post.author else None) or thread.author
    if requester is None:
        raise ValidationError(_("This thread has no author to help."))
    source = post if post is not None else None
    text = source.body_markdown if source is not None else _question_text(thread)
    body = "\n\n".join(
        [
            _("Our support team turned your community post into a private ticket."),
            plain_text(text, limit=4000),
            _thread_link(thread),
        ]
    )
    ticket, _created = ticket_create_from_thread(
        thread=thread,
        requester=requester,
        actor=actor,
        reason=reason,
        body=body,
        channel=Channel.FORUM,
        post=post,
        internal_note=_("Converted by staff: %(reason)s") % {"reason": reason},
    )
    if hide_thread:
        _hide_thread(thread, actor)
        TicketEvent.objects.create(ticket=ticket, actor=actor, kind="thread_hidden", data={})
    return ticket


@transaction.atomic
def resolution_publish(
    *, ticket: Ticket, actor: User, body: str, mark_accepted: bool = True
) -> Post:
    """Publish the (public-edited) resolution on the source thread as a staff answer.

    With ``mark_accepted`` the forum accepts it (thread becomes Solved; the forum notifies
    followers); otherwise it is a plain staff answer.
    """
    from forum import services as forum_services

    if ticket.source_thread_id is None:
        raise ValidationError(_("This ticket did not come from the community."))
    thread = Thread.objects.get(pk=ticket.source_thread_id)
    if mark_accepted:
        answer = forum_services.staff_answer_publish_accepted(
            thread=thread, author=actor, body=body
        )
    else:
        answer = forum_services.answer_create(
            thread=thread, author=actor, body=body, is_staff_answer=True
        )
    Ticket.objects.filter(pk=ticket.pk).update(published_answer=answer)
    ticket.published_answer = answer
    TicketEvent.objects.create(
        ticket=ticket,
        actor=actor,
        kind="published",
        data={"post": answer.pk, "accepted": mark_accepted},
    )
    return answer


def thread_ticket_url(ticket: Ticket) -> str:
    return reverse("escalation:ticket", args=[ticket.number])
