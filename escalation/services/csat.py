"""Satisfaction ratings: signed one-click links, and the rating itself."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from escalation.models import Rating, SatisfactionRating, Ticket, TicketEvent, TicketStatus

RATING_SALT = "escalation.rating"


def rating_token(ticket: Ticket, score: str) -> str:
    return signing.dumps({"t": ticket.pk, "s": score}, salt=RATING_SALT, compress=True)


def rating_url(ticket: Ticket, score: str) -> str:
    """Absolute link for the solved email: opens the rating page with ``score`` chosen."""
    return settings.SITE_URL + reverse("escalation:rate", args=[rating_token(ticket, score)])


def rating_from_token(token: str) -> tuple[Ticket, str] | None:
    """The ticket and score a rating link stands for, or None when forged or expired."""
    try:
        data = signing.loads(
            token, salt=RATING_SALT, max_age=60 * 60 * 24 * settings.SUPPORT_RATING_LINK_DAYS
        )
    except signing.BadSignature:
        return None
    if data.get("s") not in Rating.values:
        return None
    ticket = Ticket.objects.select_related("requester").filter(pk=data.get("t")).first()
    return (ticket, data["s"]) if ticket else None


def can_rate(ticket: Ticket) -> bool:
    return ticket.status in {TicketStatus.SOLVED, TicketStatus.CLOSED}


@transaction.atomic
def rating_submit(*, ticket: Ticket, score: str, comment: str = "") -> SatisfactionRating:
    """Record (or change) the requester's rating of a solved ticket."""
    if not can_rate(ticket):
        raise ValidationError(_("You can rate a ticket once it is solved."))
    if score not in Rating.values:
        raise ValidationError(_("Choose good or bad."))
    rating, _created = SatisfactionRating.objects.update_or_create(
        ticket=ticket, defaults={"score": score, "comment": comment.strip()[:2000]}
    )
    TicketEvent.objects.create(
        ticket=ticket, actor=ticket.requester, kind="rated", data={"score": score}
    )
    return rating


@transaction.atomic
def rating_record_click(*, ticket: Ticket, score: str) -> SatisfactionRating:
    """One click on the emailed good/bad link records that rating, keeping any comment already
    written (a second click on the same link changes nothing)."""
    existing = SatisfactionRating.objects.select_for_update().filter(ticket=ticket).first()
    if existing is not None and (existing.score == score or existing.comment):
        return existing
    comment = existing.comment if existing is not None else ""
    return rating_submit(ticket=ticket, score=score, comment=comment)
