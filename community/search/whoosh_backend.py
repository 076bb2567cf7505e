"""The embedded Whoosh engine: haystack's backend with the costs of a live search page removed.

Selected by ``SEARCH_URL=whoosh://…`` (the default); Elasticsearch does not use this module.
The search page talks to haystack only (``SearchQuerySet``); this backend changes how Whoosh
answers, not what it answers:

* one searcher per thread, reused until the index changes (``refresh`` reopens only new
  segments), instead of opening every segment for every query;
* narrow queries (the ``audience`` permission filter) become a cached set of allowed
  document numbers per segment instead of a query re-run on every search;
* facets are counted from the matching document numbers with a per-segment table of each
  facet field's values (built once per segment) instead of Whoosh's categorizers, which
  re-read every posting list of the field for every query; ``limit`` and ``mincount`` are
  honoured (haystack's Whoosh backend ignores them);
* facet fields (``*_exact``) keep the exact value (``ID``/``KEYWORD``, not stemmed text), so
  "Billing & Payments" is one facet value, not "bill" and "payment";
* ``stored=False`` on a haystack field is honoured, so the big ``text`` field is not
  unpickled for every result.

Deleted documents never match (Whoosh filters them in the posting lists), so caches built
before a deletion stay correct; a re-indexed document is a new document in a new segment.
"""

from __future__ import annotations

import heapq
import logging
import threading
from collections import Counter
from itertools import chain

import numpy as np
from django.conf import settings
from django.utils.encoding import force_str
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.constants import DJANGO_CT, DJANGO_ID
from haystack.exceptions import SearchBackendError
from haystack.fields import FacetField
from haystack.models import SearchResult
from haystack.utils import get_model_ct
from haystack.utils.app_loading import haystack_get_model
from whoosh.fields import ID, KEYWORD, TEXT

from community.search import whoosh_vector

logger = logging.getLogger(__name__)
EMPTY = {"results": [], "hits": 0, "spelling_suggestion": None}

# Per-segment caches shared by the threads of a process: {(path, segment id, name): value}.
_cache: dict[tuple, object] = {}
_cache_lock = threading.Lock()


def reset_caches() -> None:
    """Forget every cached table (tests that rebuild an index in place call it)."""
    with _cache_lock:
        _cache.clear()
    whoosh_vector.reset()


def _segment_key(leaf) -> str:
    reader = leaf.reader()
    segment = getattr(reader, "segment", None)
    segment = segment() if callable(segment) else None
    return segment.segment_id() if segment is not None else f"reader-{id(reader)}"


def _cached(key: tuple, build):
    value = _cache.get(key)
    if value is None:
        value = build()
        with _cache_lock:
            _cache[key] = value
    return value


def _prune(path: str, live: set[str]) -> None:
    """Drop the tables of segments that were merged away."""
    with _cache_lock:
        for key in [k for k in _cache if k[0] == path and k[1] not in live]:
            del _cache[key]


class CommunityWhooshSearchBackend(WhooshSearchBackend):
    """Haystack's Whoosh backend with a reused searcher, cached filters and fast facets."""

    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self._searcher = None
        self._cache_path = self.path or f"ram-{id(self)}"

    # --- schema -------------------------------------------------------------------------

    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        for field_class in fields.values():
            name = field_class.index_fieldname
            if isinstance(field_class, FacetField):
                # Exact values: one facet value per category/tag, never stemmed tokens.
                schema.remove(name)
                if field_class.is_multivalued:
                    schema.add(name, KEYWORD(stored=False, commas=True, lowercase=False))
                else:
                    schema.add(name, ID(stored=False))
            elif isinstance(schema[name], TEXT) and not field_class.stored:
                schema[name].stored = False
        return content_field_name, schema

    # --- searcher and caches ------------------------------------------------------------

    def _current_searcher(self):
        if self._searcher is not None and not self._searcher.up_to_date():
            # A fresh searcher, not ``Searcher.refresh()``: that reuses the reader of a segment
            # whose deletions changed (segments compare by id), so an edited document would
            # still match in its old version.
            self.invalidate()
            self.index = self.index.refresh()
            self._searcher = self.index.searcher()
            _prune(self._cache_path, {_segment_key(leaf) for leaf, _ in self._leaves()})
        elif self._searcher is None:
            self.index = self.index.refresh()
            self._searcher = self.index.searcher()
        return self._searcher

    def _leaves(self):
        return self._searcher.leaf_searchers()

    def _allowed(self, leaf, narrow_queries: list[str]):
        """Segment document numbers matching every narrow query (None: no narrowing)."""
        allowed = None
        for nq in narrow_queries:
            key = (self._cache_path, _segment_key(leaf), "narrow", nq)
            docs = _cached(key, lambda nq=nq: frozenset(self.parser.parse(nq).docs(leaf)))
            allowed = docs if allowed is None else allowed & docs
        return allowed

    def _values(self, leaf, fieldname: str) -> list:
        """For each segment document number, the tuple of its values in ``fieldname``."""

        def build():
            field = leaf.schema[fieldname]
            reader = leaf.reader()
            table: list = [()] * reader.doc_count_all()
            if fieldname not in reader.indexed_field_names():
                return table
            for btext in field.sortable_terms(reader, fieldname):
                value = field.from_bytes(btext)
                for docnum in reader.postings(fieldname, btext).all_ids():
                    table[docnum] = (*table[docnum], value)
            return table

        return _cached((self._cache_path, _segment_key(leaf), "values", fieldname), build)

    def setup(self):
        super().setup()
        self._warn_if_built_with_another_schema()

    def _warn_if_built_with_another_schema(self) -> None:
        try:
            stored = self.index.storage.open_index(self.index.indexname).schema
        except Exception:  # no index yet, or unreadable: the search itself will say so
            return
        changed = sorted(
            name
            for name in self.schema.names()
            if name in stored.names() and type(stored[name]) is not type(self.schema[name])
        )
        if changed:
            logger.warning(
                "The search index at %s was built with an older schema (%s): run "
                "`python manage.py rebuild_index --noinput`",
                self.path,
                ", ".join(changed),
            )

    def invalidate(self) -> None:
        """Forget this thread's searcher (after clearing or rebuilding the index)."""
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = None

    def clear(self, models=None, commit=True):
        self.invalidate()
        super().clear(models=models, commit=commit)
        reset_caches()

    # --- search -------------------------------------------------------------------------

    def search(self, query_string, **kwargs):
        unsupported = ("highlight", "date_facets", "query_facets", "spelling_query", "within")
        if any(kwargs.get(name) for name in unsupported + ("dwithin", "distance_point")) or (
            self.include_spelling
        ):
            return super().search(query_string, **kwargs)
        if not self.setup_complete:
            self.setup()
        query_string = force_str(query_string)
        if not query_string or (len(query_string) <= 1 and query_string != "*"):
            return {"results": [], "hits": 0}
        sortedby, reverse = self._sort_spec(kwargs.get("sort_by"))
        narrow = sorted(set(kwargs.get("narrow_queries") or ()) | self._model_narrow(kwargs))
        searcher = self._current_searcher()
        if not searcher.doc_count():
            return dict(EMPTY)
        parsed = self.parser.parse(query_string)
        if parsed is None:
            return dict(EMPTY)
        facets = kwargs.get("facets") or {}
        start = kwargs.get("start_offset") or 0
        end = kwargs.get("end_offset")
        # One pass over the matches: allowed documents, and their scores when ranking.
        matched = self._match(searcher, parsed, narrow, scored=not sortedby)
        hits = len(matched)
        limit = hits if end is None else min(max(end, 1), hits)
        top = []
        if limit > start and sortedby:
            allow = matched.global_docnums() if narrow else None
            found = searcher.search(
                parsed, limit=limit, sortedby=sortedby, reverse=reverse, filter=allow
            )
            top = [(hit.docnum, hit.score) for hit in found[start:limit]]
        elif limit > start:
            top = matched.ranked(limit)[start:limit]
        return {
            "results": self._results(searcher, top, kwargs.get("result_class")),
            "hits": hits,
            "facets": self._facets(searcher, matched, facets) if facets else {},
            "spelling_suggestion": None,
        }

    def _sort_spec(self, sort_by):
        if not sort_by:
            return None, False
        descending = [s.startswith("-") for s in sort_by]
        if any(descending) and not all(descending):
            raise SearchBackendError(
                "Whoosh requires all order_by fields to use the same sort direction"
            )
        return [s.lstrip("-") for s in sort_by], descending[0]

    def _model_narrow(self, kwargs) -> set[str]:
        models = kwargs.get("models")
        limit = kwargs.get("limit_to_registered_models")
        if limit is None:
            limit = getattr(settings, "HAYSTACK_LIMIT_TO_REGISTERED_MODELS", True)
        if models:
            choices = sorted(get_model_ct(model) for model in models)
        elif limit:
            choices = self.build_models_list()
        else:
            return set()
        return {" OR ".join(f"{DJANGO_CT}:{ct}" for ct in choices)}

    def _match(self, searcher, parsed, narrow, *, scored: bool) -> _Matched:
        """Matching, allowed document numbers per leaf searcher, scored when asked."""
        if scored:
            try:
                return self._match_vectorised(searcher, parsed, narrow)
            except whoosh_vector.Unsupported:
                pass
        context = searcher.context() if scored else searcher.boolean_context()
        parts, scores = [], []
        for leaf, offset in searcher.leaf_searchers():
            allowed = self._allowed(leaf, narrow) if narrow else None
            docs: list[int] = []
            if scored:
                matcher = parsed.matcher(leaf, context)
                while matcher.is_active():
                    docnum = matcher.id()
                    if allowed is None or docnum in allowed:
                        docs.append(docnum)
                        scores.append((matcher.score(), -(offset + docnum)))
                    matcher.next()
            else:
                found = parsed.docs(leaf)
                docs = [d for d in found if d in allowed] if allowed is not None else list(found)
            parts.append((leaf, offset, docs))
        return _Matched(parts, scores)

    def _match_vectorised(self, searcher, parsed, narrow) -> _Matched:
        evaluator = whoosh_vector.Evaluator(searcher, (self._cache_path,))
        parts, all_ids, all_scores = [], [], []
        for leaf, offset in searcher.leaf_searchers():
            segment = _segment_key(leaf)
            deleted = leaf.doc_count_all() - leaf.doc_count()
            ids, scores = evaluator.run(parsed, leaf, segment, deleted)
            if narrow and len(ids):
                mask = self._allowed_mask(leaf, narrow)
                keep = mask[ids]
                ids, scores = ids[keep], scores[keep]
            parts.append((leaf, offset, ids.tolist()))
            all_ids.append(ids + offset)
            all_scores.append(scores)
        matched = _Matched(parts, [])
        if all_ids:
            matched.arrays = (np.concatenate(all_ids), np.concatenate(all_scores))
        return matched

    def _allowed_mask(self, leaf, narrow_queries: list[str]) -> np.ndarray:
        def build():
            mask = np.zeros(leaf.reader().doc_count_all(), dtype=bool)
            allowed = self._allowed(leaf, narrow_queries)
            if allowed:
                mask[np.fromiter(allowed, np.int64, count=len(allowed))] = True
            return mask

        key = (self._cache_path, _segment_key(leaf), "mask", tuple(narrow_queries))
        return _cached(key, build)

    def _facets(self, searcher, matched, facets: dict) -> dict:
        fields = {}
        for fieldname, options in facets.items():
            options = options or {}
            counts: Counter = Counter()
            for leaf, _offset, docs in matched.parts:
                table = self._values(leaf, fieldname)
                counts.update(chain.from_iterable(map(table.__getitem__, docs)))
            mincount = options.get("mincount") or 1
            ranked = sorted(
                ((v, c) for v, c in counts.items() if c >= mincount), key=lambda vc: (-vc[1], vc[0])
            )
            limit = options.get("limit")
            fields[fieldname] = ranked[:limit] if limit and limit > 0 else ranked
        return {"fields": fields, "dates": {}, "queries": {}}

    def _results(self, searcher, top, result_class) -> list:
        from haystack import connections

        result_class = result_class or SearchResult
        unified = connections[self.connection_alias].get_unified_index()
        indexed = unified.get_indexed_models()
        results = []
        for docnum, score in top:
            stored = searcher.stored_fields(docnum)
            app_label, model_name = stored[DJANGO_CT].split(".")
            model = haystack_get_model(app_label, model_name)
            if not model or model not in indexed:
                continue
            index = unified.get_index(model)
            extra = {}
            for key, value in stored.items():
                if key in (DJANGO_CT, DJANGO_ID):
                    continue
                field = index.fields.get(key)
                if field is not None and field.is_multivalued:
                    extra[key] = value.split(",") if value else []
                elif field is not None and hasattr(field, "convert"):
                    extra[key] = field.convert(value)
                else:
                    extra[key] = self._to_python(value)
            results.append(
                result_class(app_label, model_name, stored[DJANGO_ID], score or 0, **extra)
            )
        return results


class _Matched:
    """Matching documents of one query, per leaf searcher (segment)."""

    def __init__(self, parts, scored):
        self.parts = parts
        self.scored = scored  # [(score, -global docnum)] when ranked by Whoosh's matcher
        self.arrays: tuple[np.ndarray, np.ndarray] | None = None  # (global docnums, scores)

    def ranked(self, limit: int) -> list[tuple[int, float]]:
        """The ``limit`` best (global docnum, score), best first, ties by docnum like Whoosh."""
        if self.arrays is None:
            best = heapq.nlargest(limit, self.scored)
            return [(-negative, score) for score, negative in best]
        ids, scores = self.arrays
        order = np.lexsort((ids, -scores))[:limit]
        return list(zip(ids[order].tolist(), scores[order].tolist(), strict=True))

    def __len__(self) -> int:
        return sum(len(docs) for _leaf, _offset, docs in self.parts)

    def global_docnums(self) -> set[int]:
        return {offset + d for _leaf, offset, docs in self.parts for d in docs}


class CommunityWhooshEngine(WhooshEngine):
    backend = CommunityWhooshSearchBackend
