"""Template tags the forum's thread page uses to show the desk's notice and buttons."""

from __future__ import annotations

from django import template

from escalation.selectors import thread_escalation_context

register = template.Library()


def _viewer(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.inclusion_tag("escalation/_thread_notice.html", takes_context=True)
def escalation_thread_notice(context, thread):
    """The neutral "Our support team is looking into this" notice (nothing private)."""
    return thread_escalation_context(_viewer(context), thread)


@register.inclusion_tag("escalation/_thread_actions.html", takes_context=True)
def escalation_thread_actions(context, thread, post=None):
    """ "I still need help" for the asker, "Convert to ticket" for staff (optionally for a post)."""
    data = dict(thread_escalation_context(_viewer(context), thread))
    data["post"] = post
    return data


@register.filter
def sla_minutes(minutes) -> str:
    """Minutes as ``1d 2h 5m``."""
    from escalation.sla import format_minutes

    return format_minutes(int(minutes or 0))


@register.filter
def markdown(text):
    """User-written ticket text, rendered only through the one sanitizer."""
    from community.sanitizer import render_markdown

    return render_markdown(text)


@register.filter
def get_count(counts: dict, name: str) -> int:
    return counts.get(name, 0)


@register.filter
def event_label(event) -> str:
    """A readable line for an audit event (the history panel of the agent ticket page)."""
    from django.utils.translation import gettext as _

    from escalation.models import TicketStatus

    labels = {
        "created": _("created the ticket"),
        "status": _("changed the status"),
        "priority": _("changed the priority"),
        "type": _("changed the type"),
        "group": _("changed the group"),
        "assigned": _("changed the assignee"),
        "rated": _("rated the support"),
        "published": _("published the resolution to the thread"),
        "thread_hidden": _("hid the thread from the public"),
    }
    text = labels.get(event.kind, event.kind)
    if event.kind == "status" and event.data.get("new") in TicketStatus.values:
        text += " → " + str(TicketStatus(event.data["new"]).label)
    return text


@register.inclusion_tag("escalation/_post_convert.html", takes_context=True)
def escalation_post_convert(context, thread, post):
    """ "Convert to ticket" for one post (staff only); pass the page's ``thread`` (no query per post)."""
    data = dict(thread_escalation_context(_viewer(context), thread))
    data["post"] = post
    return data
