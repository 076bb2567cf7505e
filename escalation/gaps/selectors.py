"""Reads for KB gaps: the demand the detector sees, the staff pages, links for forum threads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet

from escalation.gaps.engine import DemandItem
from escalation.gaps.models import (
    DetectionRun,
    EvidenceSource,
    Gap,
    GapEvidence,
    GapKind,
    GapStatus,
)

GAPS_PER_PAGE = 30
BODY_CHARS = 1000
SORTS = {
    "impact": ["-asker_count", "-last_seen", "pk"],
    "recent": ["-last_seen", "-asker_count", "pk"],
    "new": ["-first_seen", "pk"],
}


# --- demand ------------------------------------------------------------------------------


def thread_items(since: datetime) -> list[DemandItem]:
    """Published questions since ``since``, plus the originals their duplicates point to."""
    from forum.models import Post, PublicationStatus, Thread

    visible = Thread.objects.filter(is_hidden=False, status=PublicationStatus.PUBLISHED)
    recent = visible.filter(created_at__gte=since)
    originals = visible.filter(
        pk__in=recent.filter(duplicate_of__isnull=False).values("duplicate_of_id")
    )
    threads = list(
        (recent | originals)
        .distinct()
        .values("pk", "title", "author_id", "created_at", "duplicate_of_id")
    )
    bodies = dict(
        Post.objects.filter(
            thread_id__in=[t["pk"] for t in threads], kind=Post.Kind.QUESTION
        ).values_list("thread_id", "body_markdown")
    )
    return [
        DemandItem(
            source=EvidenceSource.THREAD,
            source_id=str(t["pk"]),
            asker_key=f"user:{t['author_id']}" if t["author_id"] else f"thread:{t['pk']}",
            title=t["title"],
            text=(bodies.get(t["pk"]) or "")[:BODY_CHARS],
            created_at=t["created_at"],
            duplicate_of=f"thread:{t['duplicate_of_id']}" if t["duplicate_of_id"] else None,
        )
        for t in threads
    ]


def ticket_items(since: datetime) -> list[DemandItem]:
    """Tickets since ``since``: subject plus the requester's first message."""
    from escalation.models import Ticket, TicketMessage

    tickets = list(
        Ticket.objects.filter(created_at__gte=since).values(
            "pk", "subject", "requester_id", "created_at"
        )
    )
    first_messages: dict[int, str] = {}
    messages = (
        TicketMessage.objects.filter(ticket_id__in=[t["pk"] for t in tickets])
        .order_by("ticket_id", "created_at", "pk")
        .values_list("ticket_id", "author_id", "body")
    )
    requester = {t["pk"]: t["requester_id"] for t in tickets}
    for ticket_id, author_id, body in messages:
        if ticket_id not in first_messages and author_id == requester[ticket_id]:
            first_messages[ticket_id] = body
    return [
        DemandItem(
            source=EvidenceSource.TICKET,
            source_id=str(t["pk"]),
            asker_key=f"user:{t['requester_id']}",
            title=t["subject"],
            text=(first_messages.get(t["pk"]) or "")[:BODY_CHARS],
            created_at=t["created_at"],
        )
        for t in tickets
    ]


def search_items(since: datetime) -> list[DemandItem]:
    """Failed searches (no result or no click), one item per normalised query."""
    try:
        from community.search.selectors import failed_searches
    except ImportError:  # search analytics not installed: no search demand
        return []
    return [
        DemandItem(
            source=EvidenceSource.SEARCH,
            source_id=failed.query[:64],
            # Searches are anonymous: one query counts as one asker, however often it ran.
            asker_key=f"search:{failed.query}",
            title=failed.query,
            created_at=failed.last_seen,
        )
        for failed in failed_searches(since, limit=5000)
    ]


def demand_items(since: datetime) -> list[DemandItem]:
    """Everything the detector groups: threads, tickets and failed searches since ``since``."""
    return thread_items(since) + ticket_items(since) + search_items(since)


@dataclass(frozen=True)
class ArticleDoc:
    page_id: int
    title: str
    text: str
    published_at: datetime | None
    url: str


def _stream_text(body) -> str:
    try:
        return " ".join(str(x) for x in body.stream_block.get_searchable_content(body))
    except (AttributeError, TypeError):
        return ""


def public_article_docs() -> list[ArticleDoc]:
    """Live public KB articles as plain text, for "does an article answer this?"."""
    from kb.selectors import public_articles

    return [
        ArticleDoc(
            page_id=a.pk,
            title=a.title,
            text=f"{a.summary} {_stream_text(a.body)}",
            published_at=a.first_published_at,
            url=a.url or "",
        )
        for a in public_articles().order_by("pk")
    ]


# --- staff pages -------------------------------------------------------------------------


@dataclass(frozen=True)
class GapFilters:
    kind: str = GapKind.GAP
    status: str = GapStatus.OPEN
    source: str = ""
    q: str = ""
    sort: str = "impact"


def gap_list(filters: GapFilters, page_number=None) -> PaginatorPage:
    """Ranked gaps (or cues) with their editor and article, one page, fixed queries."""
    queryset: QuerySet[Gap] = Gap.objects.select_related("assignee", "covering_article", "article")
    if filters.kind in GapKind.values:
        queryset = queryset.filter(kind=filters.kind)
    if filters.status in GapStatus.values:
        queryset = queryset.filter(status=filters.status)
    if filters.source == EvidenceSource.THREAD:
        queryset = queryset.filter(thread_count__gt=0)
    elif filters.source == EvidenceSource.TICKET:
        queryset = queryset.filter(ticket_count__gt=0)
    elif filters.source == EvidenceSource.SEARCH:
        queryset = queryset.filter(search_count__gt=0)
    if filters.q:
        queryset = queryset.filter(
            Q(title__icontains=filters.q) | Q(key_terms__icontains=filters.q)
        )
    queryset = queryset.order_by(*SORTS.get(filters.sort, SORTS["impact"]))
    return Paginator(queryset, GAPS_PER_PAGE).get_page(page_number)


def last_run() -> DetectionRun | None:
    return DetectionRun.objects.first()


@dataclass
class EvidenceRow:
    evidence: GapEvidence
    url: str
    extra: str  # accepted answer excerpt or ticket status


def gap_detail(gap: Gap, *, limit: int = 200) -> dict:
    """The gap page: evidence linked to threads (with accepted answers), tickets, queries."""
    from community.sanitizer import plain_text

    evidence = list(gap.evidence.all()[:limit])
    thread_ids = [int(e.source_id) for e in evidence if e.source == EvidenceSource.THREAD]
    ticket_ids = [int(e.source_id) for e in evidence if e.source == EvidenceSource.TICKET]
    threads, tickets = {}, {}
    if thread_ids:
        from forum.models import Thread

        threads = {
            t.pk: t
            for t in Thread.objects.filter(pk__in=thread_ids).select_related("accepted_answer")
        }
    if ticket_ids:
        from escalation.models import Ticket

        tickets = {t.pk: t for t in Ticket.objects.filter(pk__in=ticket_ids)}
    rows = []
    for item in evidence:
        url, extra = "", ""
        if item.source == EvidenceSource.THREAD and int(item.source_id) in threads:
            thread = threads[int(item.source_id)]
            url = thread.get_absolute_url()
            if thread.accepted_answer is not None:
                extra = plain_text(thread.accepted_answer.body_markdown, limit=200)
        elif item.source == EvidenceSource.TICKET and int(item.source_id) in tickets:
            ticket = tickets[int(item.source_id)]
            url, extra = ticket.get_absolute_url(), ticket.get_status_display()
        elif item.source == EvidenceSource.SEARCH:
            from urllib.parse import urlencode

            url = "/search/?" + urlencode({"q": item.title})
        rows.append(EvidenceRow(evidence=item, url=url, extra=extra))
    weeks = sorted(gap.weekly.items())[-12:]
    peak = max([n for _w, n in weeks], default=1) or 1
    return {
        "gap": gap,
        "evidence_rows": rows,
        "events": list(gap.events.select_related("actor")[:20]),
        "trend": [{"week": w, "count": n, "percent": round(100 * n / peak)} for w, n in weeks],
    }


def article_links_for_threads(thread_ids) -> dict[int, dict]:
    """{thread id: {"title", "url"}} for threads that are evidence of a gap an article closed.

    The forum thread page calls this once for the threads it shows (one query).
    """
    ids = [str(i) for i in thread_ids]
    if not ids:
        return {}
    rows = GapEvidence.objects.filter(
        source=EvidenceSource.THREAD,
        source_id__in=ids,
        gap__status=GapStatus.CLOSED,
    ).exclude(gap__article_url="")
    return {
        int(source_id): {"title": title, "url": url}
        for source_id, title, url in rows.values_list("source_id", "gap__title", "gap__article_url")
    }


def dashboard_panel_context(*, limit: int = 5) -> dict:
    """Top open gaps and top open cues for the Wagtail dashboard (two queries)."""
    open_rows = Gap.objects.filter(status=GapStatus.OPEN).select_related("covering_article")
    return {
        "gaps": list(open_rows.filter(kind=GapKind.GAP).order_by(*SORTS["impact"])[:limit]),
        "cues": list(open_rows.filter(kind=GapKind.CUE).order_by(*SORTS["impact"])[:limit]),
    }


def kb_categories():
    """Where a draft may go: the KB home and its categories, in tree order."""
    from kb.models import CategoryPage, KnowledgeBaseIndexPage

    homes = list(KnowledgeBaseIndexPage.objects.order_by("path"))
    categories = list(CategoryPage.objects.order_by("path"))
    return homes + categories
