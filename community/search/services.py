"""Every write of search: index entries, the search log, clicks and deflections."""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from haystack import connections

from community.roles import is_staff_member
from community.search.models import Deflection, SearchClick, SearchLog, ViewerRole
from community.search.text import normalise_query

logger = logging.getLogger(__name__)

DEFLECTION_UNDO_WINDOW = timedelta(hours=2)
MAX_DEFLECTIONS_PER_REQUEST = 5


def index_object_sync(*, model_label: str, pk: str) -> str:
    """Bring one object's index entry in line with the database: update, or remove it."""
    from community.search import corpus

    model = apps.get_model(model_label)
    connection = connections["default"]
    index = connection.get_unified_index().get_index(model)
    backend = connection.get_backend()
    obj = index.index_queryset().filter(pk=pk).first()
    if obj is None:
        backend.remove(f"{model_label}.{pk}")
        action = "removed"
    else:
        backend.update(index, [obj])
        action = "updated"
    corpus.mark_stale()
    return action


def viewer_role(user) -> str:
    if is_staff_member(user):
        return ViewerRole.STAFF
    if user is not None and user.is_authenticated:
        return ViewerRole.MEMBER
    return ViewerRole.ANONYMOUS


def session_hash(session_key: str | None) -> str:
    """A stable anonymous id for a session: not reversible to the session key."""
    if not session_key:
        return ""
    raw = f"{settings.SECRET_KEY}:search:{session_key}".encode()
    return hashlib.sha256(raw).hexdigest()[:32]


def search_log(
    *,
    query: str,
    result_count: int,
    user,
    session_key: str | None,
    used_fallback: bool = False,
    corrected_to: str = "",
) -> SearchLog | None:
    """Record one search (normalised query only); empty queries are not logged."""
    normalised = normalise_query(query)
    if not normalised:
        return None
    entry = SearchLog(
        query=normalised,
        result_count=result_count,
        role=viewer_role(user),
        session_hash=session_hash(session_key),
        used_fallback=used_fallback,
        corrected_to=normalise_query(corrected_to),
    )
    entry.full_clean()
    entry.save()
    return entry


def search_click(
    *, search_id: int, position: int, result_type: str, result_id: str
) -> SearchClick | None:
    """Record that result ``position`` of search ``search_id`` was opened."""
    if not SearchLog.objects.filter(pk=search_id).exists():
        return None
    click = SearchClick(
        search_id=search_id,
        position=max(1, int(position)),
        result_type=result_type[:20],
        result_id=str(result_id)[:64],
    )
    click.full_clean()
    click.save()
    return click


def deflection_record(
    *, title: str, opened: list[dict], session_key: str | None, source: str = "ask"
) -> list[Deflection]:
    """The member opened these suggestions and left the form without posting."""
    title = normalise_query(title)
    rows = []
    for item in opened[:MAX_DEFLECTIONS_PER_REQUEST]:
        row = Deflection(
            title=title,
            result_type=str(item.get("type", ""))[:20],
            result_id=str(item.get("id", ""))[:64],
            position=max(0, int(item.get("position") or 0)),
            source=source[:40],
            session_hash=session_hash(session_key),
        )
        row.full_clean()
        rows.append(row)
    return Deflection.objects.bulk_create(rows)


def deflection_undo(*, session_key: str | None, source: str = "ask") -> int:
    """The member came back and posted after all: their recent deflections did not happen."""
    hashed = session_hash(session_key)
    if not hashed:
        return 0
    since = timezone.now() - DEFLECTION_UNDO_WINDOW
    deleted, _ = Deflection.objects.filter(
        session_hash=hashed, source=source, created_at__gte=since
    ).delete()
    return deleted
