"""Ticket email: per-ticket reply addresses, threading headers, and the messages we send."""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from community.mail import email_queue
from community.models import Notification, User
from escalation.models import Ticket

REPLY_LOCAL_PART = "support"
_REPLY_RE = re.compile(r"^support\+t(?P<number>\d+)-(?P<token>[0-9a-f]{12})@(?P<domain>.+)$", re.I)


def _token(number: int) -> str:
    key = f"escalation.reply-address:{settings.SECRET_KEY}".encode()
    return hmac.new(key, str(number).encode(), hashlib.sha256).hexdigest()[:12]


def reply_address(ticket: Ticket) -> str:
    """``support+t1042-<hmac>@SUPPORT_REPLY_DOMAIN``: replies to it land on this ticket."""
    return f"{REPLY_LOCAL_PART}+t{ticket.number}-{_token(ticket.number)}@{settings.SUPPORT_REPLY_DOMAIN}"


def ticket_number_from_reply_address(address: str) -> int | None:
    """The ticket number a reply address stands for, or None when forged or malformed."""
    match = _REPLY_RE.match(address.strip().strip("<>"))
    if match is None or match["domain"].lower() != settings.SUPPORT_REPLY_DOMAIN.lower():
        return None
    number = int(match["number"])
    return number if hmac.compare_digest(match["token"].lower(), _token(number)) else None


def thread_root_id(ticket: Ticket) -> str:
    """The Message-ID of the ticket's first email; every later email references it."""
    return f"<ticket-{ticket.number}@{settings.SUPPORT_REPLY_DOMAIN}>"


def message_id(ticket: Ticket, suffix: str) -> str:
    return f"<ticket-{ticket.number}-{suffix}@{settings.SUPPORT_REPLY_DOMAIN}>"


def _headers(ticket: Ticket, suffix: str | None) -> dict[str, str]:
    if suffix is None:  # the first email opens the thread
        return {"Message-ID": thread_root_id(ticket), "X-Ticket-Number": str(ticket.number)}
    root = thread_root_id(ticket)
    return {
        "Message-ID": message_id(ticket, suffix),
        "In-Reply-To": root,
        "References": root,
        "X-Ticket-Number": str(ticket.number),
    }


def ticket_email(
    *,
    ticket: Ticket,
    recipient: User,
    kind: str,
    subject: str,
    template: str,
    context: dict,
    suffix: str | None,
) -> None:
    """Queue one ticket email to one person (never a shared To: line) and ring their bell."""
    if not recipient.is_active:
        return
    url = ticket.get_absolute_url()
    with translation.override(settings.LANGUAGE_CODE):
        full_subject = f"[#{ticket.number}] {subject}"
        body = render_to_string(
            template,
            {
                "ticket": ticket,
                "recipient": recipient,
                "ticket_url": settings.SITE_URL + url,
                "site_name": settings.SITE_NAME,
                **context,
            },
        )
    # The ticket email is the email copy, so the bell entry counts as already emailed.
    Notification.objects.create(
        recipient=recipient,
        kind=f"ticket:{kind}",
        title=full_subject[:300],
        url=url,
        emailed_at=timezone.now(),
    )
    if recipient.email:
        email_queue(
            to=[recipient.email],
            subject=full_subject,
            body_text=body,
            kind=f"ticket:{kind}",
            headers=_headers(ticket, suffix),
            reply_to=[reply_address(ticket)],
        )


def requester_side(ticket: Ticket) -> list[User]:
    """The requester and CC'd people: who receives public replies."""
    people = [ticket.requester, *ticket.cc.all()]
    seen: set[int] = set()
    return [p for p in people if not (p.pk in seen or seen.add(p.pk))]


def email_ticket_created(ticket: Ticket) -> None:
    """The first email of a ticket. An escalated or converted thread says so: the requester did
    not write to us, so "we received your request" would puzzle them."""
    from escalation.models import Channel

    from_forum = ticket.channel == Channel.FORUM
    subject = (
        _("Our support team is looking into your question: %(subject)s")
        if from_forum
        else _("We received your request: %(subject)s")
    )
    for person in requester_side(ticket):
        ticket_email(
            ticket=ticket,
            recipient=person,
            kind="created",
            subject=subject % {"subject": ticket.subject},
            template="escalation/email/ticket_created.txt",
            context={"from_forum": from_forum},
            suffix=None,
        )


def email_public_reply(ticket: Ticket, message, *, exclude: User | None = None) -> None:
    for person in requester_side(ticket):
        if exclude is not None and person.pk == exclude.pk:
            continue
        ticket_email(
            ticket=ticket,
            recipient=person,
            kind="reply",
            subject=_("New reply: %(subject)s") % {"subject": ticket.subject},
            template="escalation/email/public_reply.txt",
            context={"message": message},
            suffix=f"m{message.pk}",
        )


def email_ticket_solved(ticket: Ticket) -> None:
    from escalation.services.csat import rating_url

    stamp = int(ticket.solved_at.timestamp()) if ticket.solved_at else 0
    ticket_email(
        ticket=ticket,
        recipient=ticket.requester,
        kind="solved",
        subject=_("Solved: %(subject)s") % {"subject": ticket.subject},
        template="escalation/email/ticket_solved.txt",
        context={
            "good_url": rating_url(ticket, "good"),
            "bad_url": rating_url(ticket, "bad"),
        },
        suffix=f"solved{stamp}",
    )


def email_ticket_assigned(ticket: Ticket, agent: User) -> None:
    ticket_email(
        ticket=ticket,
        recipient=agent,
        kind="assigned",
        subject=_("Assigned to you: %(subject)s") % {"subject": ticket.subject},
        template="escalation/email/ticket_assigned.txt",
        context={},
        suffix=f"assigned{int(timezone.now().timestamp())}a{agent.pk}",
    )


def email_requester_replied(ticket: Ticket, message) -> None:
    """Tell the assignee (if any) that the customer wrote back."""
    if ticket.assignee_id and ticket.assignee_id != message.author_id:
        ticket_email(
            ticket=ticket,
            recipient=ticket.assignee,
            kind="customer_reply",
            subject=_("Customer replied: %(subject)s") % {"subject": ticket.subject},
            template="escalation/email/public_reply.txt",
            context={"message": message},
            suffix=f"m{message.pk}",
        )
