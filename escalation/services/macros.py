"""Macros: canned replies rendered by a sandboxed template engine on a plain-string context."""

from __future__ import annotations

from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import Context, Engine, Template, TemplateSyntaxError
from django.utils.translation import gettext as _

from community.models import User
from escalation.models import Macro, Ticket, TicketStatus


class _SandboxEngine(Engine):
    # No tags and no filters at all: only {{ variable.lookups }} on the dicts we pass.
    default_builtins: list[str] = []


_ENGINE = _SandboxEngine(libraries={}, autoescape=False, string_if_invalid="")


def macro_context(*, ticket: Ticket, agent: User | None) -> dict:
    """The only values a macro sees: plain strings in namespaces (no model instances, so no ORM
    access, and no dict methods such as ``clear`` for the template engine to call)."""
    requester = ticket.requester
    name = str(requester.public_name)
    return {
        "requester": SimpleNamespace(
            first_name=str(requester.first_name or name), name=name, display_name=name
        ),
        "ticket": SimpleNamespace(number=str(ticket.number), subject=str(ticket.subject)),
        "agent": SimpleNamespace(name=str(agent.public_name) if agent else ""),
        "site_name": str(settings.SITE_NAME),
    }


def macro_compile(body: str) -> Template:
    return Template(body, engine=_ENGINE)


def macro_validate(*, body: str, set_status: str) -> None:
    """Refuse tags, filters and unknown statuses (ValidationError)."""
    try:
        macro_compile(body)
    except TemplateSyntaxError as exc:
        raise ValidationError(
            {
                "body": _("Only placeholders like {{ requester.first_name }} are allowed (%(e)s).")
                % {"e": exc}
            }
        )
    if set_status and set_status not in TicketStatus.values:
        raise ValidationError({"set_status": _("Unknown status.")})


def macro_render(*, macro: Macro, ticket: Ticket, agent: User | None) -> str:
    """The macro's text with placeholders filled (Markdown, rendered safely when shown)."""
    try:
        return macro_compile(macro.body).render(Context(macro_context(ticket=ticket, agent=agent)))
    except TemplateSyntaxError:
        return macro.body
