"""Who is looking: a private key per viewer for view counts and votes; their refused feedback."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.utils import timezone

FEEDBACK_DRAFT_KEY = "kb_feedback_draft"


def viewer_key(request) -> str:
    """Signed-in: the user; anonymous: IP + user agent. Hashed with the day and the secret key.

    The daily salt means a key cannot be followed from one day to the next, and no IP address
    or user id is stored in clear.
    """
    if request.user.is_authenticated:
        who = f"user:{request.user.pk}"
    else:
        address = request.META.get("REMOTE_ADDR", "")
        agent = request.META.get("HTTP_USER_AGENT", "")[:200]
        who = f"anon:{address}:{agent}"
    day = timezone.localdate().isoformat()
    raw = f"{settings.SECRET_KEY}:{day}:{who}".encode()
    return hashlib.sha256(raw).hexdigest()[:40]


def feedback_draft_pop(request, article_id: int) -> dict | None:
    """The refused feedback on this article kept in the session (comment and reason), once."""
    session = getattr(request, "session", None)
    draft = session.get(FEEDBACK_DRAFT_KEY) if session is not None else None
    if not draft or draft.get("article_id") != article_id:
        return None
    del session[FEEDBACK_DRAFT_KEY]
    return draft
