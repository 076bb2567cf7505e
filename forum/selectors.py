"""Reads for the community forum pages."""

from __future__ import annotations


def home_context(viewer) -> dict:
    """What the home page shows from the forum (filled by the forum work)."""
    return {}


def profile_context(member, viewer) -> dict:
    """Reputation and activity shown on a member's profile (filled by the forum work)."""
    return {}
