"""Template helpers for the moderation includes (flag reasons, hidden-post text)."""

from __future__ import annotations

from django import template

from forum.moderation.models import FlagReason

register = template.Library()


@register.simple_tag
def flag_reasons():
    """The reasons a member can give when flagging a post, as (value, label) pairs."""
    return FlagReason.choices
