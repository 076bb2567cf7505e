"""Reads for member pages and the home page."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.shortcuts import get_object_or_404

from community.models import Notification, User


def member_for_profile(user_id: int) -> User:
    """The active member whose public profile is shown (404 when missing or deactivated)."""
    return get_object_or_404(
        User.objects.select_related("profile").prefetch_related("groups"),
        pk=user_id,
        is_active=True,
    )


def profile_activity(user: User, viewer) -> dict:
    """Activity blocks other apps add to a profile (reputation, answers, ...)."""
    context: dict = {}
    from forum import selectors as forum_selectors

    context.update(forum_selectors.profile_context(user, viewer))
    return context


def home_page_context(viewer) -> dict:
    """What the home page shows from each app, each in a fixed number of queries."""
    from escalation import selectors as escalation_selectors
    from forum import selectors as forum_selectors
    from kb import selectors as kb_selectors

    context: dict = {}
    context.update(kb_selectors.home_context(viewer))
    context.update(forum_selectors.home_context(viewer))
    context.update(escalation_selectors.home_context(viewer))
    return context


def notifications_page(user: User, page_number: str | None, per_page: int = 30) -> Page:
    """A page of the user's notifications, newest first, with their actors."""
    queryset = Notification.objects.filter(recipient=user).select_related("actor")
    return Paginator(queryset, per_page).get_page(page_number)


def unread_notification_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
