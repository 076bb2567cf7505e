"""Voting on questions and answers, with the reputation the votes give."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from community import reputation
from community.models import ReputationEvent, User
from community.ratelimit import ratelimit_hit
from forum import permissions
from forum.models import Post, Thread, Vote
from forum.services.errors import PostingRateLimited

Kind = ReputationEvent.Kind


def _reputation_kind(post: Post, value: int) -> str | None:
    if value < 0:
        return Kind.POST_DOWNVOTED
    if value > 0:
        return Kind.QUESTION_UPVOTED if post.kind == Post.Kind.QUESTION else Kind.ANSWER_UPVOTED
    return None


@transaction.atomic
def vote_cast(*, post: Post, voter: User, value: int, check_rate: bool = True) -> int:
    """Vote +1 or -1 on a post, change the vote, or withdraw it with 0; returns the new score.

    One vote per member per post (unique constraint); never on one's own post; rate-limited
    (``FORUM_VOTE_RATE_LIMIT`` per minute). The post row is locked and scores change with F()
    expressions, so concurrent votes never lose an update. Reputation follows the vote:
    +10 answer / +5 question upvoted, -2 downvoted; changing or withdrawing reverses it.
    """
    if value not in (-1, 0, 1):
        raise ValueError("vote value must be -1, 0 or 1")
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("thread", "author")
        .get(pk=post.pk)
    )
    if not permissions.can_vote(voter, post):
        raise PermissionDenied
    limit = settings.FORUM_VOTE_RATE_LIMIT
    if check_rate and not ratelimit_hit(f"forum-vote:{voter.pk}", limit=limit):
        raise PostingRateLimited(_("You are voting very quickly. Wait a minute and try again."))
    existing = Vote.objects.filter(post=post, voter=voter).first()
    old = existing.value if existing else 0
    if old == value:
        return post.score
    if value == 0:
        existing.delete()
    elif existing:
        Vote.objects.filter(pk=existing.pk).update(value=value, updated_at=timezone.now())
    else:
        Vote.objects.create(post=post, voter=voter, value=value)
    delta = value - old
    Post.objects.filter(pk=post.pk).update(score=F("score") + delta)
    if post.kind == Post.Kind.QUESTION:
        Thread.objects.filter(pk=post.thread_id).update(score=F("score") + delta)
    source = f"vote:{post.pk}:{voter.pk}"
    old_kind, new_kind = _reputation_kind(post, old), _reputation_kind(post, value)
    if old_kind:
        reputation.reputation_revoke(user=post.author, kind=old_kind, source=source)
    if new_kind:
        reputation.reputation_award(
            user=post.author, kind=new_kind, source=source, post_id=post.pk, actor=voter
        )
    return post.score + delta
