"""Reads of search: the staff analytics report, failed searches for KB-gap detection, similar."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from community.search import corpus as corpus_module
from community.search.models import Deflection, SearchClick, SearchLog

SIMILAR_DEFAULT = 5
SIMILAR_MAX = 50


@dataclass(frozen=True)
class FailedSearch:
    """A query people ran that found nothing or that nobody clicked."""

    query: str
    count: int
    last_seen: datetime


def failed_searches(
    since: datetime, *, include_no_click: bool = True, limit: int = 500
) -> Iterable[FailedSearch]:
    """Queries since ``since`` that returned no results (and, by default, got no click).

    Yields ``FailedSearch(query, count, last_seen)`` (a tuple-like dataclass: unpack it as
    ``(normalised_query, count, last_seen)``), most frequent first. The KB-gap detector
    calls this; queries are already normalised with ``community.search.text``.
    """
    clicked = SearchClick.objects.filter(search=OuterRef("pk"))
    failed = Q(result_count=0)
    if include_no_click:
        failed |= ~Q(Exists(clicked))
    rows = (
        SearchLog.objects.filter(created_at__gte=since)
        .filter(failed)
        .values("query")
        .annotate(count=Count("pk"), last_seen=Max("created_at"))
        .order_by("-count", "-last_seen", "query")[:limit]
    )
    for row in rows:
        yield FailedSearch(row["query"], row["count"], row["last_seen"])


def search_report(*, days: int = 30, limit: int = 20) -> dict:
    """Everything the staff report shows, in a fixed number of queries."""
    since = timezone.now() - timedelta(days=days)
    logs = SearchLog.objects.filter(created_at__gte=since)
    clicked = SearchClick.objects.filter(search=OuterRef("pk"))
    annotated = logs.annotate(was_clicked=Exists(clicked))
    total = logs.count()
    with_click = annotated.filter(was_clicked=True).count()
    top = (
        annotated.values("query")
        .annotate(count=Count("pk"), clicks=Count("pk", filter=Q(was_clicked=True)))
        .order_by("-count", "query")[:limit]
    )
    no_results = (
        logs.filter(result_count=0)
        .values("query")
        .annotate(count=Count("pk"), last_seen=Max("created_at"))
        .order_by("-count", "query")[:limit]
    )
    no_click = (
        annotated.filter(result_count__gt=0, was_clicked=False)
        .values("query")
        .annotate(count=Count("pk"), last_seen=Max("created_at"))
        .order_by("-count", "query")[:limit]
    )
    trend = (
        annotated.annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(
            searches=Count("pk"),
            empty=Count("pk", filter=Q(result_count=0)),
            clicked=Count("pk", filter=Q(was_clicked=True)),
        )
        .order_by("day")
    )
    positions = (
        SearchClick.objects.filter(search__created_at__gte=since)
        .values("position")
        .annotate(count=Count("pk"))
        .order_by("position")[:10]
    )
    return {
        "days": days,
        "total": total,
        "with_click": with_click,
        "ctr": (with_click / total) if total else 0.0,
        "top": list(top),
        "no_results": list(no_results),
        "no_click": list(no_click),
        "trend": list(trend),
        "positions": list(positions),
        "deflections": Deflection.objects.filter(created_at__gte=since).count(),
    }


def similar_questions(
    *, title: str, body: str = "", limit: int = SIMILAR_DEFAULT, kind: str | None = None
) -> list[dict]:
    """Public articles and visible threads most like a new question, best first."""
    limit = max(1, min(int(limit), SIMILAR_MAX))
    if not (title or "").strip() and not (body or "").strip():
        return []
    corpus = corpus_module.public_corpus()
    where = (lambda d: d.meta["type"] == kind) if kind in {"article", "thread"} else None
    matches = corpus.engine.search(title or "", body or "", limit, where=where, min_score=0.05)
    return [
        {
            "type": m.document.meta["type"],
            "id": m.document.meta["id"],
            "title": m.document.meta["title"],
            "url": m.document.meta["url"],
            "score": round(float(m.score), 4),
            "solved": bool(m.document.meta["solved"]),
        }
        for m in matches
    ]
