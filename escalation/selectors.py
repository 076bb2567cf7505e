"""Reads for the support desk pages."""

from __future__ import annotations


def home_context(viewer) -> dict:
    """What the home page shows from this app (filled by the support desk work)."""
    return {}
