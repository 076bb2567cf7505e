"""Writes on KB gaps: plan, dismiss, reopen, draft an article, close on publish."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from community.roles import is_kb_editor
from community.sanitizer import plain_text, render_markdown
from escalation.gaps.models import EvidenceSource, Gap, GapEvent, GapStatus

STARTING_ANSWERS = 3
STARTING_RESOLUTIONS = 2


def _event(gap: Gap, actor, action: str, note: str = "") -> None:
    GapEvent.objects.create(gap=gap, actor=actor, action=action, note=note[:2000])


@transaction.atomic
def gap_plan(*, gap: Gap, actor, assignee) -> Gap:
    """Mark a gap planned and assign the editor who will write the article."""
    if assignee is None or not is_kb_editor(assignee):
        raise ValidationError(_("Choose a KB editor."))
    if gap.status == GapStatus.CLOSED:
        raise ValidationError(_("This gap is already closed."))
    gap.status = GapStatus.PLANNED
    gap.assignee = assignee
    gap.updated_at = timezone.now()
    gap.save(update_fields=["status", "assignee", "updated_at"])
    _event(gap, actor, "planned", assignee.get_username())
    return gap


@transaction.atomic
def gap_dismiss(*, gap: Gap, actor, reason: str) -> Gap:
    """Dismiss a gap with a reason; it reopens only if it grows by KB_GAP_REOPEN_FACTOR."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why this is not a gap."))
    gap.status = GapStatus.DISMISSED
    gap.dismissed_reason = reason[:2000]
    gap.dismissed_asker_count = gap.asker_count
    gap.dismissed_by = actor
    gap.updated_at = timezone.now()
    gap.save(
        update_fields=[
            "status",
            "dismissed_reason",
            "dismissed_asker_count",
            "dismissed_by",
            "updated_at",
        ]
    )
    _event(gap, actor, "dismissed", reason)
    return gap


@transaction.atomic
def gap_reopen(*, gap: Gap, actor) -> Gap:
    """Put a dismissed or planned gap back on the open list."""
    gap.status = GapStatus.OPEN
    gap.assignee = None
    gap.updated_at = timezone.now()
    gap.save(update_fields=["status", "assignee", "updated_at"])
    _event(gap, actor, "reopened")
    return gap


def _summary(gap: Gap) -> str:
    terms = ", ".join(gap.key_terms[:5])
    text = _(
        "How to solve it: %(terms)s. Asked by %(askers)s people "
        "(%(threads)s threads, %(tickets)s tickets, %(searches)s searches)."
    ) % {
        "terms": terms,
        "askers": gap.asker_count,
        "threads": gap.thread_count,
        "tickets": gap.ticket_count,
        "searches": gap.search_count,
    }
    return text[:300]


def starting_material(gap: Gap) -> list[tuple[str, str, str]]:
    """(heading, sanitised HTML, attribution HTML) from the best accepted answers and resolutions."""
    thread_ids = [
        int(i)
        for i in gap.evidence.filter(source=EvidenceSource.THREAD).values_list(
            "source_id", flat=True
        )
    ]
    ticket_ids = [
        int(i)
        for i in gap.evidence.filter(source=EvidenceSource.TICKET).values_list(
            "source_id", flat=True
        )
    ]
    out: list[tuple[str, str, str]] = []
    if thread_ids:
        from forum.models import Thread

        threads = (
            Thread.objects.filter(pk__in=thread_ids, accepted_answer__isnull=False, is_hidden=False)
            .select_related("accepted_answer__author")
            .order_by("-accepted_answer__score", "-score", "pk")[:STARTING_ANSWERS]
        )
        for thread in threads:
            answer = thread.accepted_answer
            who = answer.author.display_name if answer.author else _("a community member")
            credit = _("Accepted answer by %(who)s in %(link)s") % {
                "who": escape(who),
                "link": f'<a href="{escape(thread.get_absolute_url())}">{escape(thread.title)}</a>',
            }
            out.append((thread.title, str(render_markdown(answer.body_markdown)), credit))
    if ticket_ids:
        from escalation.models import MessageKind, Ticket, TicketMessage

        solved = Ticket.objects.filter(pk__in=ticket_ids, solved_at__isnull=False).order_by(
            "-solved_at"
        )[: STARTING_RESOLUTIONS * 3]
        for ticket in solved:
            reply = (
                TicketMessage.objects.filter(ticket=ticket, kind=MessageKind.PUBLIC)
                .exclude(author_id=ticket.requester_id)
                .order_by("-created_at")
                .first()
            )
            if reply is None:
                continue
            credit = _("Resolution of ticket #%(number)s by the support team") % {
                "number": ticket.number
            }
            out.append((ticket.subject, str(render_markdown(reply.body)), credit))
            if sum(1 for h in out if h[2] == credit) >= STARTING_RESOLUTIONS:
                break
    return out


@transaction.atomic
def gap_create_draft(*, gap: Gap, actor, parent):
    """Create a Wagtail draft KB article under ``parent`` prefilled from the gap; link it."""
    from wagtail.rich_text import RichText

    from kb.models import ArticlePage

    if not is_kb_editor(actor):
        raise ValidationError(_("Only KB editors draft articles."))
    if gap.article_id:
        raise ValidationError(_("This gap already has an article."))
    if ArticlePage not in parent.specific_class.allowed_subpage_models():
        raise ValidationError(_("Articles cannot go there."))
    summary = _summary(gap)
    body = [
        ("paragraph", RichText(f"<p>{escape(summary)}</p>")),
        (
            "callout",
            {
                "kind": "note",
                "text": RichText(
                    "<p>"
                    + escape(
                        _(
                            "Starting material from the community and the support team: rewrite it, then remove this note."
                        )
                    )
                    + "</p>"
                ),
            },
        ),
    ]
    for heading, html, credit in starting_material(gap):
        body.append(("heading", {"text": plain_text(heading, limit=110), "level": "h2"}))
        body.append(("html", f"{html}<p><em>{credit}</em></p>"))
    page = ArticlePage(
        title=gap.title[:255],
        summary=summary,
        body=body,
        live=False,
        owner=actor,
    )
    parent.add_child(instance=page)
    page.save_revision(user=actor, log_action=True)
    gap.article = page
    if gap.status == GapStatus.OPEN:
        gap.status = GapStatus.PLANNED
        gap.assignee = actor
    gap.updated_at = timezone.now()
    gap.save(update_fields=["article", "status", "assignee", "updated_at"])
    _event(gap, actor, "drafted", page.title)
    return page


@transaction.atomic
def gaps_close_for_published_page(*, page) -> int:
    """Close the gaps whose draft article was just published; their threads get the link."""
    gaps = list(Gap.objects.filter(article_id=page.pk).exclude(status=GapStatus.CLOSED))
    url = page.get_url() or page.url_path
    for gap in gaps:
        gap.status = GapStatus.CLOSED
        gap.article_url = url or ""
        gap.updated_at = timezone.now()
        gap.save(update_fields=["status", "article_url", "updated_at"])
        _event(gap, None, "closed", page.title)
    # Keep the link fresh when an already-closed gap's article is published again.
    Gap.objects.filter(article_id=page.pk, status=GapStatus.CLOSED).update(article_url=url or "")
    return len(gaps)
