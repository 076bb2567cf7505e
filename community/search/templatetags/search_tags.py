"""Template helpers of the search page: facet links and labels."""

from __future__ import annotations

from django import template
from django.utils.http import urlencode
from django.utils.translation import gettext as _

register = template.Library()

FACET_LABELS = {
    ("type", "article"): lambda: _("Articles"),
    ("type", "faq"): lambda: _("FAQ"),
    ("type", "thread"): lambda: _("Community threads"),
    ("status", "solved"): lambda: _("Solved"),
    ("status", "open"): lambda: _("Unsolved"),
    ("status", "article"): lambda: _("Knowledge base"),
}


@register.simple_tag(takes_context=True)
def facet_link(context, name: str, value: str) -> dict:
    """The URL that toggles one facet value, keeping the query, the sort and other filters."""
    params = {"q": context.get("query", ""), "sort": context.get("sort", "relevance")}
    params.update(context.get("filters", {}))
    active = params.get(name) == value
    if active:
        params.pop(name)
    else:
        params[name] = value
    return {"url": "?" + urlencode(params), "active": active}


@register.simple_tag
def facet_label(name: str, value: str) -> str:
    label = FACET_LABELS.get((name, value))
    return label() if label else value
