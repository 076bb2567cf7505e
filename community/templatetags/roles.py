"""Template filters that ask ``community.roles`` (loaded as a builtin in every template)."""

from __future__ import annotations

import hashlib
import unicodedata

from django import template

from community import roles

register = template.Library()

register.filter("is_member", roles.is_member)
register.filter("is_trusted", roles.is_trusted)
register.filter("can_moderate", roles.can_moderate)
register.filter("is_agent", roles.is_agent)
register.filter("is_kb_editor", roles.is_kb_editor)
register.filter("is_site_admin", roles.is_site_admin)
register.filter("is_staff_member", roles.is_staff_member)


@register.filter
def initials(name: str) -> str:
    """Up to two leading graphemes of a name, whatever its script (combining marks kept)."""
    words = str(name or "").split() or ["?"]
    letters = []
    for word in words[:2]:
        grapheme = word[0]
        for char in word[1:]:
            if unicodedata.combining(char) or unicodedata.category(char) in {"Mn", "Mc"}:
                grapheme += char
            else:
                break
        letters.append(grapheme.upper())
    return "".join(letters)


@register.filter
def avatar_hue(value) -> int:
    """A stable hue (0-359) for an initials avatar."""
    digest = hashlib.sha256(str(value).encode("utf-8")).digest()
    return int.from_bytes(digest[:2], "big") % 360
