"""Who may see and act on KB gaps: staff see them; KB editors (and admins) act on them."""

from __future__ import annotations

from django.http import Http404

from community.roles import is_kb_editor, is_staff_member
from escalation.gaps.models import Gap


def can_view_gaps(user) -> bool:
    """Any staff role (editors, agents, moderators, admins) sees the gap list."""
    return is_staff_member(user)


def can_act_on_gaps(user) -> bool:
    """Planning, dismissing and drafting articles is KB editors' (and admins') work."""
    return is_kb_editor(user)


def require_viewer(user) -> None:
    """404 for everyone else, so the pages do not reveal they exist."""
    if not can_view_gaps(user):
        raise Http404


def get_gap_for(user, gap_id: int, *, act: bool = False) -> Gap:
    """Fetch a gap and authorise in one call; 404 when hidden from this user."""
    allowed = can_act_on_gaps(user) if act else can_view_gaps(user)
    if not allowed:
        raise Http404
    gap = (
        Gap.objects.select_related("assignee", "covering_article", "article", "dismissed_by")
        .filter(pk=gap_id)
        .first()
    )
    if gap is None:
        raise Http404
    return gap
