"""Counting thread views: one per viewer per day, with no database write for repeated views."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from forum.models import Thread, ThreadView


def viewer_key_for(*, user_id: int | None, session_key: str | None, ip: str, agent: str) -> str:
    """A stable, non-reversible key for a viewer: member id, or a hash of the anonymous visitor."""
    if user_id:
        return f"u{user_id}"
    raw = session_key or f"{ip}|{agent}"
    return "a" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:40]


def thread_view_record(*, thread: Thread, viewer_key: str) -> bool:
    """Count a view unless this viewer was already counted today; returns whether it counted.

    The cache remembers (thread, viewer, day) so repeated views cost no write; the unique
    ``ThreadView`` row keeps the count right even if the cache forgets.
    """
    day = timezone.localdate()
    cache_key = f"forum:view:{thread.pk}:{viewer_key}:{day.isoformat()}"
    if not cache.add(cache_key, 1, timeout=60 * 60 * 26):
        return False
    try:
        with transaction.atomic():
            ThreadView.objects.create(thread=thread, viewer_key=viewer_key, day=day)
            Thread.objects.filter(pk=thread.pk).update(view_count=F("view_count") + 1)
    except IntegrityError:
        return False
    return True
