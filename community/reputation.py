"""Reputation ledger services: every change is a ``ReputationEvent``; ``Profile.reputation`` caches the sum.

Callers (the forum services) award and revoke lines inside their own transaction. A line is unique
per (user, kind, source), so a redo cannot count twice and an undo removes exactly what was given.
``reputation_recompute`` rebuilds the cache from the ledger (``manage.py reputation_recompute``).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from community.models import Profile, ReputationEvent, User

Kind = ReputationEvent.Kind

POINTS: dict[str, int] = {
    Kind.ANSWER_UPVOTED: 10,
    Kind.QUESTION_UPVOTED: 5,
    Kind.POST_DOWNVOTED: -2,
    Kind.ANSWER_ACCEPTED: 15,
    Kind.ACCEPTED_AN_ANSWER: 2,
}


def _add_to_cache(user_id: int, points: int) -> None:
    updated = Profile.objects.filter(user_id=user_id).update(reputation=F("reputation") + points)
    if not updated:
        Profile.objects.get_or_create(user_id=user_id, defaults={"reputation": points})


def reputation_award(
    *,
    user: User,
    kind: str,
    source: str,
    post_id: int | None = None,
    actor: User | None = None,
    points: int | None = None,
) -> bool:
    """Add a ledger line and its points to the member's cached total; ``False`` if already there."""
    if user is None:
        return False
    value = POINTS[kind] if points is None else points
    try:
        with transaction.atomic():
            ReputationEvent.objects.create(
                user=user, kind=kind, source=source, post_id=post_id, actor=actor, points=value
            )
    except IntegrityError:
        return False
    _add_to_cache(user.pk, value)
    return True


def reputation_revoke(*, user: User | None, kind: str, source: str) -> int:
    """Remove the ledger line (if any) and take its points back; returns the points removed."""
    if user is None:
        return 0
    with transaction.atomic():
        lines = list(
            ReputationEvent.objects.select_for_update().filter(user=user, kind=kind, source=source)
        )
        if not lines:
            return 0
        total = sum(line.points for line in lines)
        ReputationEvent.objects.filter(pk__in=[line.pk for line in lines]).delete()
        _add_to_cache(user.pk, -total)
    return total


def ledger_total(user: User) -> int:
    """The member's reputation summed from the ledger (the truth the cache must equal)."""
    return ReputationEvent.objects.filter(user=user).aggregate(total=Sum("points"))["total"] or 0


@transaction.atomic
def reputation_recompute(*, user_ids: list[int] | None = None) -> int:
    """Set every (or the given) member's cached reputation to their ledger sum; returns rows fixed."""
    ledger_sum = Subquery(
        ReputationEvent.objects.filter(user_id=OuterRef("user_id"))
        .values("user_id")
        .annotate(total=Sum("points"))
        .values("total"),
        output_field=IntegerField(),
    )
    profiles = Profile.objects.all()
    if user_ids is not None:
        profiles = profiles.filter(user_id__in=user_ids)
    wrong = profiles.annotate(expected=Coalesce(ledger_sum, Value(0))).exclude(
        reputation=F("expected")
    )
    wrong_ids = list(wrong.values_list("user_id", flat=True))
    if wrong_ids:
        Profile.objects.filter(user_id__in=wrong_ids).update(
            reputation=Coalesce(ledger_sum, Value(0))
        )
    return len(wrong_ids)
