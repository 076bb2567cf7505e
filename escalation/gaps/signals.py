"""Signal wiring: publishing a KB article linked to a gap closes that gap."""

from __future__ import annotations


def connect() -> None:
    """Connected from ``GapsConfig.ready``."""
    from wagtail.signals import page_published

    page_published.connect(_on_page_published, dispatch_uid="gaps-close-on-publish")


def _on_page_published(sender, instance, **kwargs) -> None:
    from escalation.gaps.services import gaps_close_for_published_page

    gaps_close_for_published_page(page=instance)
