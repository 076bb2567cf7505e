"""Vectorised matching and BM25F scoring of plain Whoosh queries (terms under AND/OR) with numpy.

Whoosh walks every matching posting in Python (a few microseconds each, several times over for
nested AND/OR). For the queries the search page builds (words ANDed in ``content`` OR in
``title``, Thai/Korean bigrams ORed) this module reads each term's postings once into arrays
(kept per segment in a small LRU, so common words cost nothing the second time), combines them
with sorted-array intersections and unions and computes the scores with Whoosh's own BM25F
parameters (idf, average field length, B, K1, query boost, quantised field lengths), so the
ranking equals Whoosh's. Anything else (phrases, wildcards, fuzzy terms, NOT, other weightings)
raises :class:`Unsupported` and the caller uses Whoosh's matcher instead.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25FScorer

MAX_CACHED_POSTINGS = 4_000_000  # ids + weights: ~48 MB at most


class Unsupported(Exception):
    """The query has a node this module does not evaluate."""


class _PostingCache:
    """LRU of per-segment posting arrays, bounded by the total number of postings."""

    def __init__(self, limit: int = MAX_CACHED_POSTINGS):
        self.limit, self.size = limit, 0
        self.items: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, build):
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
                return found
        found = build()
        with self.lock:
            if key not in self.items:
                self.items[key] = found
                self.size += len(found[0])
                while self.size > self.limit and len(self.items) > 1:
                    _key, (ids, _w) = self.items.popitem(last=False)
                    self.size -= len(ids)
        return found

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.size = 0


postings_cache = _PostingCache()
_lengths: dict[tuple, np.ndarray] = {}
_lengths_lock = threading.Lock()


def reset() -> None:
    postings_cache.clear()
    with _lengths_lock:
        _lengths.clear()


def _read_postings(reader, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
    try:
        matcher = reader.postings(fieldname, text)
    except TermNotFound:  # the word is not in this segment
        return np.zeros(0, np.int64), np.zeros(0, np.float64)
    excluded = None
    if type(matcher) is FilterMatcher and matcher._exclude:  # the segment's deleted documents
        matcher, excluded = matcher.child, matcher._ids
    if type(matcher) is W3LeafMatcher:
        ids, weights = _read_blocks(matcher)
    else:
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    ids, weights = np.asarray(ids, np.int64), np.asarray(weights, np.float64)
    if excluded:
        keep = ~np.isin(ids, np.fromiter(excluded, np.int64, count=len(excluded)))
        ids, weights = ids[keep], weights[keep]
    return ids, weights


def _read_blocks(matcher) -> tuple[list, list]:
    """A whole posting list, one decoded block at a time (Whoosh's own block readers)."""
    ids, weights = [], []
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        ids.extend(matcher._ids)
        weights.extend(matcher._weights)
        matcher._next_block()
    return ids, weights


def _field_lengths(key: tuple, leaf, fieldname: str) -> np.ndarray:
    found = _lengths.get(key)
    if found is None:
        reader = leaf.reader()
        found = np.fromiter(
            (reader.doc_field_length(d, fieldname, 0) for d in range(reader.doc_count_all())),
            np.float64,
            count=reader.doc_count_all(),
        )
        with _lengths_lock:
            _lengths[key] = found
    return found


class Evaluator:
    """Evaluates one parsed query on the leaf searchers of one top-level searcher."""

    def __init__(self, searcher, cache_prefix: tuple):
        self.searcher = searcher
        self.prefix = cache_prefix  # (index path,)

    def run(self, node, leaf, segment_key: str, deleted: int) -> tuple[np.ndarray, np.ndarray]:
        """(sorted segment docnums, scores) of the documents matching ``node`` in ``leaf``."""
        if type(node) is wq.Term:
            return self._term(node, leaf, segment_key, deleted)
        if type(node) not in (wq.And, wq.Or) or node.boost != 1:
            raise Unsupported(type(node).__name__)
        if isinstance(node, wq.Or) and (node.minmatch or node.scale):
            raise Unsupported("Or with minmatch or scale")
        parts = [self.run(sub, leaf, segment_key, deleted) for sub in node.subqueries]
        if not parts:
            return np.zeros(0, np.int64), np.zeros(0, np.float64)
        combine = _intersect if isinstance(node, wq.And) else _union
        ids, scores = parts[0]
        for other in parts[1:]:
            ids, scores = combine(ids, scores, *other)
        return ids, scores

    def _term(self, node, leaf, segment_key, deleted):
        fieldname, text = node.fieldname, node.text
        weighting = self.searcher.weighting
        try:
            scorer = weighting.scorer(self.searcher, fieldname, text, qf=node.boost)
        except TermNotFound:  # in no segment: matches nothing, as in Whoosh
            return np.zeros(0, np.int64), np.zeros(0, np.float64)
        if type(scorer) is not BM25FScorer:
            raise Unsupported(type(scorer).__name__)
        key = (*self.prefix, segment_key, deleted, fieldname, text)
        ids, weights = postings_cache.get(
            key, lambda: _read_postings(leaf.reader(), fieldname, text)
        )
        if not len(ids):
            return ids, weights
        lengths = _field_lengths((*self.prefix, segment_key, "len", fieldname), leaf, fieldname)
        tf = weights * scorer.qf
        norm = scorer.K1 * ((1 - scorer.B) + scorer.B * lengths[ids] / scorer.avgfl)
        return ids, scorer.idf * (tf * (scorer.K1 + 1)) / (tf + norm)


def _intersect(a_ids, a_scores, b_ids, b_scores):
    ids, ia, ib = np.intersect1d(a_ids, b_ids, assume_unique=True, return_indices=True)
    return ids, a_scores[ia] + b_scores[ib]


def _union(a_ids, a_scores, b_ids, b_scores):
    ids = np.union1d(a_ids, b_ids)
    scores = np.zeros(len(ids), np.float64)
    scores[np.searchsorted(ids, a_ids)] += a_scores
    scores[np.searchsorted(ids, b_ids)] += b_scores
    return ids, scores
