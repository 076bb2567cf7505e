"""Reads for moderation: suspensions, the first-post approval rule, the queue and the audit log."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils import timezone

from community import roles
from forum.models import Post, PostRevision, PublicationStatus
from forum.moderation.models import Flag, ModerationAction, Suspension

# A URL, a bare domain with www., a Markdown link or an HTML anchor.
_LINK_RE = re.compile(r"(https?://|www\.|\]\(|<a\s)", re.IGNORECASE)


def active_suspension(user, *, now=None) -> Suspension | None:
    """The suspension in force for ``user`` right now, if any (the latest-ending one)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    now = now or timezone.now()
    return (
        Suspension.objects.filter(
            user=user, lifted_at__isnull=True, starts_at__lte=now, ends_at__gt=now
        )
        .order_by("-ends_at")
        .first()
    )


def is_suspended(user, *, now=None) -> bool:
    """True while a moderator's suspension is in force: the member may not post, comment or vote."""
    return active_suspension(user, now=now) is not None


_MENTION_RE = re.compile(r"@\[[^\]\n]{1,80}\]\(\d+\)")


def contains_link(body: str) -> bool:
    """True when the body links somewhere; @[Name](id) mentions are not links."""
    return bool(_LINK_RE.search(_MENTION_RE.sub("", body or "")))


def needs_approval(user, body: str) -> bool:
    """Spam defence: a new member's post containing a link waits for a moderator's approval.

    "New" means fewer than ``MODERATION_NEW_MEMBER_POSTS`` published posts. Trusted members and
    staff never wait.
    """
    if not contains_link(body):
        return False
    if roles.is_trusted(user) or roles.is_staff_member(user) or roles.can_moderate(user):
        return False
    threshold = getattr(settings, "MODERATION_NEW_MEMBER_POSTS", 3)
    published = Post.objects.filter(
        author=user, status=PublicationStatus.PUBLISHED, is_hidden=False
    )[:threshold].count()
    return published < threshold


@dataclass
class QueueItem:
    """One post in the queue with its open flags (or waiting for approval)."""

    post: Post
    flags: list[Flag] = field(default_factory=list)

    @property
    def reasons(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for flag in self.flags:
            label = str(flag.get_reason_display())
            counts[label] = counts.get(label, 0) + 1
        return sorted(counts.items(), key=lambda pair: -pair[1])

    @property
    def is_pending(self) -> bool:
        return self.post.status == PublicationStatus.PENDING_APPROVAL


def _post_queryset():
    return Post.objects.select_related("thread", "thread__category", "author")


def moderation_queue(*, limit: int = 100) -> dict:
    """Flagged posts (most-flagged first) and posts waiting for approval; 2 queries."""
    flags = list(
        Flag.objects.filter(status=Flag.Status.OPEN)
        .select_related("reporter", "post", "post__thread", "post__thread__category")
        .select_related("post__author")
        .order_by("created_at", "pk")[: limit * 5]
    )
    flagged: dict[int, QueueItem] = {}
    for flag in flags:
        flagged.setdefault(flag.post_id, QueueItem(post=flag.post)).flags.append(flag)
    flagged_items = sorted(flagged.values(), key=lambda item: -len(item.flags))[:limit]
    pending = [
        QueueItem(post=post)
        for post in _post_queryset()
        .filter(status=PublicationStatus.PENDING_APPROVAL, is_hidden=False)
        .order_by("created_at", "pk")[:limit]
    ]
    return {"flagged_items": flagged_items, "pending_items": pending}


def open_flag_count() -> int:
    return Flag.objects.filter(status=Flag.Status.OPEN).values("post").distinct().count()


def audit_log_page(page_number, *, per_page: int = 50):
    """The audit log, newest first, with actor, target post/thread/member already joined."""
    queryset = ModerationAction.objects.select_related(
        "actor", "target_user", "thread", "post", "post__thread"
    ).order_by("-created_at", "-pk")
    return Paginator(queryset, per_page).get_page(page_number)


def post_revisions(post: Post) -> list[PostRevision]:
    """A post's edit history, newest first, with the editor joined."""
    return list(PostRevision.objects.filter(post=post).select_related("editor"))


def post_with_history(post_id: int) -> Post:
    return (
        _post_queryset()
        .prefetch_related(
            Prefetch("revisions", queryset=PostRevision.objects.select_related("editor"))
        )
        .get(pk=post_id)
    )


def member_suspensions(user) -> list[Suspension]:
    return list(Suspension.objects.filter(user=user).select_related("created_by", "lifted_by"))
