"""Run site searches through haystack: visibility filter, facets, re-ranking, typo fallback.

Only the haystack API is used here (``SearchQuerySet``, ``SQ``, ``AutoQuery``, ``Exact``),
so ``SEARCH_URL=elasticsearch://…`` works without code changes. When the backend fails at
query time, :func:`site_search` answers from the database (titles only) instead.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from haystack.inputs import AutoQuery, Exact
from haystack.query import SQ, SearchQuerySet

from community.roles import is_staff_member
from community.search import corpus as corpus_module
from community.search.indexes import PUBLIC, CommunityIndex
from community.search.text import normalise, normalise_query, tokens

logger = logging.getLogger(__name__)

RERANK_WINDOW = 100
FEW_RESULTS = 3
SNIPPET_LENGTH = 220
FACET_LIMIT = 15
FACET_FIELDS = ("doc_type", "category", "tags", "status")
FILTER_FIELDS = {"type": "doc_type", "category": "category", "tag": "tags", "status": "status"}
SORTS = ("relevance", "newest")

_UNSPACED = re.compile(
    "[\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff]+"
)


@dataclass
class Hit:
    """One result as the templates and the JSON endpoints show it."""

    type: str
    id: str
    title: str
    url: str
    snippet: SafeString
    category: str = ""
    tags: list[str] = field(default_factory=list)
    solved: bool = False
    score: float = 0.0
    updated: Any = None


@dataclass
class Outcome:
    query: str
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str | None = None
    corrected_from: str | None = None
    failed: bool = False


# --- query building ---------------------------------------------------------------------------


def query_clause(query: str) -> SQ | None:
    """AND of the spaced words (title or body) and, per Thai/Korean/CJK run, OR of its bigrams."""
    text = normalise(query)
    runs = _UNSPACED.findall(text)
    words = _UNSPACED.sub(" ", text).strip()
    clauses = []
    if words and tokens(words, stem=False):
        clauses.append(SQ(content=AutoQuery(words)) | SQ(title=AutoQuery(words)))
    for run in runs:
        grams = tokens(run) if len(run) > 1 else []
        if not grams:
            continue
        group = SQ(content=grams[0])
        for gram in grams[1:]:
            group |= SQ(content=gram)
        clauses.append(group)
    if not clauses:
        return None
    combined = clauses[0]
    for clause in clauses[1:]:
        combined &= clause
    return combined


PUBLIC_ONLY = f"audience:{PUBLIC}"


def visible_queryset(viewer) -> SearchQuerySet:
    """Every query starts here: non-staff only ever see ``audience=public`` documents.

    The rule is a haystack *narrow* query: a non-scoring filter that every backend applies
    before counting, faceting or ranking (Elasticsearch caches it as a filter, our Whoosh
    backend keeps its document set per segment).
    """
    sqs = SearchQuerySet()
    if not is_staff_member(viewer):
        sqs = sqs.narrow(PUBLIC_ONLY)
    return sqs


def _apply_filters(sqs: SearchQuerySet, filters: dict[str, str]) -> SearchQuerySet:
    for key, value in filters.items():
        fieldname = FILTER_FIELDS.get(key)
        if fieldname and value:
            sqs = sqs.filter(**{f"{fieldname}_exact" if key != "type" else fieldname: Exact(value)})
    return sqs


# --- results ----------------------------------------------------------------------------------


@lru_cache(maxsize=50_000)
def _word_tokens(word: str) -> frozenset[str]:
    """Search tokens of one word of a snippet (words repeat: each is analysed once)."""
    return frozenset(tokens(word))


def highlight(text: str, query: str, length: int = SNIPPET_LENGTH) -> SafeString:
    """An escaped snippet of ``text`` around the first match, matches wrapped in <mark>."""
    text = " ".join((text or "").split())
    wanted = set(tokens(query))
    runs = [r for r in _UNSPACED.findall(normalise(query)) if len(r) > 1]
    spans = []
    for match in re.finditer(r"\w+", text):
        word = match.group(0)
        if _UNSPACED.fullmatch(word):
            continue
        if _word_tokens(word) & wanted:
            spans.append(match.span())
    folded = normalise(text)
    if len(folded) == len(text):  # positions line up only when folding kept the length
        for run in runs:
            for gram in {run[i : i + 2] for i in range(len(run) - 1)}:
                spans.extend(m.span() for m in re.finditer(re.escape(gram), folded))
    spans.sort()
    start = 0
    if spans and spans[0][0] > length // 3:
        start = max(0, spans[0][0] - length // 3)
        start = text.rfind(" ", 0, start) + 1
    end = min(len(text), start + length)
    out, cursor = [], start
    for s, e in spans:
        if s < cursor or s >= end:
            continue
        out.append(html.escape(text[cursor:s]))
        out.append(f"<mark>{html.escape(text[s : min(e, end)])}</mark>")
        cursor = min(e, end)
    out.append(html.escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)


def _hit(result, query: str) -> Hit:
    kind = result.doc_type or "article"
    return Hit(
        type=kind,
        id=str(result.pk),
        title=result.display_title or "",
        url=result.url or "",
        snippet=highlight(result.summary or "", query),
        category=result.category or "",
        tags=list(result.tags or []),
        solved=bool(result.solved),
        score=float(result.score or 0) * float(result.rank_boost or 1.0),
        updated=result.updated,
    )


class _Window:
    """List-like pages over a haystack result set: the re-ranked top, then backend order.

    Hits (and their highlighted snippets) are only built for the page being shown.
    """

    def __init__(self, sqs: SearchQuerySet, query: str, rerank: bool):
        self.sqs, self.query = sqs, query
        self.top: list = []
        if rerank:
            # One backend call: the ranked top, the total and (when asked) the facets.
            top = [r for r in sqs[:RERANK_WINDOW] if r is not None]
            top.sort(key=lambda r: -float(r.score or 0) * float(r.rank_boost or 1.0))
            self.top = top
        self.total = sqs.count()

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop = item.start or 0, min(item.stop or self.total, self.total)
        if self.top and stop <= len(self.top):
            results = self.top[start:stop]
        else:
            results = [r for r in self.sqs[start:stop] if r is not None]
        return [_hit(r, self.query) for r in results]


def search_results(
    query: str, *, viewer, filters: dict[str, str] | None = None, sort: str = "relevance"
) -> tuple[_Window, dict]:
    """Run the backend query; returns the paginatable window and the facet counts."""
    clause = query_clause(query)
    if clause is None:
        return _Window(SearchQuerySet().none(), query, False), {}
    sqs = _apply_filters(visible_queryset(viewer).filter(clause), filters or {})
    if sort == "newest":
        sqs = sqs.order_by("-updated")
    for name in FACET_FIELDS:
        sqs = sqs.facet(name, mincount=1, limit=FACET_LIMIT)
    # The facets come with the first backend call (the ranked top, or the count).
    window = _Window(sqs, query, rerank=sort != "newest")
    facets = {}
    if window.total:
        raw = sqs.facet_counts().get("fields", {})
        facets = {name: [(v, c) for v, c in raw.get(name, []) if v] for name in FACET_FIELDS}
    return window, facets


def site_search(
    query: str, *, viewer, filters: dict[str, str] | None = None, sort: str = "relevance"
) -> tuple[Outcome, _Window | list[Hit]]:
    """The search page's query: backend results, or a database title search if it fails."""
    query = " ".join(query.split())[:200]
    try:
        window, facets = search_results(query, viewer=viewer, filters=filters, sort=sort)
        outcome = Outcome(query=query, hits=[], total=len(window), facets=facets)
        if outcome.total < FEW_RESULTS and not filters:
            suggestion = corpus_module.did_you_mean(query)
            if suggestion and normalise_query(suggestion) != normalise_query(query):
                outcome.suggestion = suggestion
                fixed, fixed_facets = search_results(suggestion, viewer=viewer, sort=sort)
                if len(fixed) > outcome.total:
                    outcome = Outcome(
                        query=suggestion,
                        hits=[],
                        total=len(fixed),
                        facets=fixed_facets,
                        suggestion=suggestion,
                        corrected_from=query,
                    )
                    window = fixed
        return outcome, window
    except Exception:
        logger.exception("search backend failed; answering from the database")
        hits = database_title_search(query, viewer=viewer)
        return Outcome(query=query, hits=hits, total=len(hits), failed=True), hits


def database_title_search(query: str, *, viewer, limit: int = 50) -> list[Hit]:
    """Titles containing the query, from the database, with the same visibility rules."""
    words = [w for w in normalise_query(query).split() if len(w) > 1][:5]
    if not words:
        return []
    staff = is_staff_member(viewer)
    hits: list[Hit] = []
    for index in corpus_module.community_indexes():
        qs = index.index_queryset() if staff else index.public_queryset()
        for word in words:
            qs = qs.filter(**{f"{index.title_lookup}__icontains": word})
        for obj in qs[:limit]:
            doc = index.prepare_document(obj)
            if doc.audience != PUBLIC and not staff:
                continue
            hits.append(
                Hit(
                    type=doc.doc_type,
                    id=str(obj.pk),
                    title=doc.title,
                    url=doc.url,
                    snippet=highlight(doc.body, query),
                    category=doc.category,
                    solved=doc.solved,
                    updated=doc.updated,
                )
            )
    return hits[:limit]


def typeahead(query: str, *, viewer, limit: int = 8) -> list[dict]:
    """Titles that complete what is being typed (visible documents only)."""
    query = normalise(query)[:100]
    if len(query) < 2:
        return []
    sqs = visible_queryset(viewer)
    try:
        results = list(sqs.autocomplete(title_auto=query)[:limit])
        if len(results) < limit:
            clause = query_clause(query)
            if clause is not None:
                seen = {r.id for r in results}
                more = visible_queryset(viewer).filter(clause)[: limit * 2]
                results += [r for r in more if r is not None and r.id not in seen]
    except Exception:
        logger.exception("typeahead failed")
        hits = database_title_search(query, viewer=viewer, limit=limit)
        return [_typeahead_item(h.type, h.id, h.title, h.url, h.solved) for h in hits]
    return [
        _typeahead_item(r.doc_type, r.pk, r.display_title, r.url, r.solved)
        for r in results[:limit]
        if r is not None
    ]


def _typeahead_item(kind, pk, title, url, solved) -> dict:
    return {"type": kind, "id": str(pk), "title": title, "url": url, "solved": bool(solved)}


def is_community_index(index) -> bool:
    return isinstance(index, CommunityIndex)
