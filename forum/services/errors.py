"""Errors forum services raise; views turn them into messages next to the form."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class ForumError(Exception):
    """A rule refused the action; ``str(error)`` is a translated message for the member."""


class PostingRateLimited(ForumError):
    """Too many posts or votes in a short time."""


__all__ = ["ForumError", "PermissionDenied", "PostingRateLimited"]
