"""Group demand items into topics by meaning: pure functions over plain records, no Django.

Pipeline (parameters in ``GapParams``, explained in docs/kb-gaps.md):

1. Terms: the shared tokeniser ``community.search.text.tokens`` (stems English, bigrams for
   Thai/Korean/CJK); title terms count ``title_weight`` times, the body is cut at ``body_chars``.
2. Typos: a rare term one edit away from a frequent term is read as that term.
3. Weights: sublinear tf (1 + log tf) x idf ** ``idf_power`` (idf = log(N / df)); rows are
   L2-normalised, so common words ("password", "order", "error") weigh little.
4. Candidates: each row keeps its ``prune_terms`` heaviest terms (re-normalised); a chunked
   sparse product gives every pair's cosine on those; terms still heavy in more than
   ``max_posting`` rows are dropped as stop-like. Rows sharing only common words score low.
5. Merging: edges between mutual nearest neighbours (``neighbours``) with cosine >= ``threshold``
   (or any pair >= ``strong_threshold``), duplicates joined to their original; connected
   components; then groups whose centroids are >= ``merge_threshold`` apart are joined.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from escalation.gaps.textutil import stems, surface_and_stem

Progress = Callable[[int], None]


@dataclass(frozen=True)
class DemandItem:
    """One expression of demand: a thread, a ticket or a failed search."""

    source: str
    source_id: str
    asker_key: str
    title: str
    text: str = ""
    created_at: datetime | None = None
    duplicate_of: str | None = None  # key ("thread:12") of the item this one duplicates

    @property
    def key(self) -> str:
        return f"{self.source}:{self.source_id}"


@dataclass(frozen=True)
class GapParams:
    """Every knob of the detector, with the defaults measured in bench/gaps.py."""

    threshold: float = 0.7
    title_weight: int = 2
    body_chars: int = 400
    idf_power: float = 1.0
    prior_docs: int = 1000  # pseudo-documents that contain none of the terms
    prior_common_share: float = 0.05  # share of them holding each COMMON_HELPDESK_WORDS term
    prune_terms: int = 8
    prune_terms_bigram: int = 24  # rows mostly in Thai/Korean/CJK bigrams
    max_posting: float = 0.05  # a fraction of N, or an absolute count when >= 1
    block_min_df: int = 50  # the stop-like cut never goes below this count
    neighbours: int = 5
    strong_threshold: float = 0.8
    merge_threshold: float = 0.6
    merge_neighbours: int = 2
    attach_threshold: float = 0.65
    attach_min_size: int = 2
    typo_min_length: int = 5
    typo_min_ratio: int = 3  # the corrected term must be this many times more frequent
    chunk_rows: int = 2000
    workers: int = 2  # processes for tokenising big inputs
    parallel_from: int = 20_000
    centroid_terms: int = 30
    key_terms: int = 6


@dataclass
class Topic:
    """A group of items that ask the same thing."""

    members: list[int]  # indices into the items passed to ``detect_topics``
    keys: list[str]
    askers: set[str]
    title: str
    key_terms: list[str]
    centroid: dict[str, float]
    first_seen: datetime | None
    last_seen: datetime | None

    @property
    def asker_count(self) -> int:
        return len(self.askers)


@dataclass
class Vectoriser:
    """Fitted vocabulary and idf weights; turns texts into L2-normalised sparse rows."""

    params: GapParams
    vocabulary: dict[str, int] = field(default_factory=dict)
    idf: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    df: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    corrections: dict[str, str] = field(default_factory=dict)
    surface: dict[str, str] = field(default_factory=dict)  # stem -> most common word

    def counts(self, title: str, text: str) -> Counter:
        """Weighted term counts of one document (typos corrected)."""
        counts: Counter = Counter()
        for stem in stems(title):
            counts[self.corrections.get(stem, stem)] += self.params.title_weight
        for stem in stems((text or "")[: self.params.body_chars]):
            counts[self.corrections.get(stem, stem)] += 1
        return counts

    def rows(self, docs: Iterable[Counter]) -> sparse.csr_matrix:
        """Sparse L2-normalised tf-idf rows for term counts (unknown terms ignored)."""
        indptr, indices, data = [0], [], []
        for counts in docs:
            for term, tf in counts.items():
                col = self.vocabulary.get(term)
                if col is not None:
                    indices.append(col)
                    data.append(1.0 + math.log(tf))
            indptr.append(len(indices))
        matrix = sparse.csr_matrix(
            (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32), indptr),
            shape=(len(indptr) - 1, len(self.vocabulary)),
        )
        matrix = matrix @ sparse.diags(self.idf.astype(np.float32))
        return normalise_rows(matrix.tocsr())

    def transform(self, documents: Sequence[tuple[str, str]]) -> sparse.csr_matrix:
        """Rows for (title, text) pairs, e.g. KB articles, in this vocabulary."""
        return self.rows(self.counts(title, text) for title, text in documents)

    def vector_from_terms(self, weights: dict[str, float]) -> sparse.csr_matrix:
        """A 1-row matrix from a stored {term: weight} centroid."""
        cols = [(self.vocabulary[t], w) for t, w in weights.items() if t in self.vocabulary]
        row = sparse.csr_matrix(
            (
                np.asarray([w for _c, w in cols], dtype=np.float32),
                np.asarray([c for c, _w in cols], dtype=np.int32),
                [0, len(cols)],
            ),
            shape=(1, len(self.vocabulary)),
        )
        return normalise_rows(row)


def normalise_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return (sparse.diags((1.0 / norms).astype(np.float32)) @ matrix).tocsr()


# --- fitting --------------------------------------------------------------------------------


# Words that appear in a large share of any help center's questions, whatever the product.
COMMON_HELPDESK_WORDS = """
account app error problem issue work working help question login log sign password email
order page button click settings setting update new change fix fail failed failing message
show shows find found get make set try time day week support customer user team number
""".split()  # noqa: SIM905 - a word list reads better as text


@lru_cache(maxsize=1)
def common_terms() -> frozenset[str]:
    return frozenset(t for word in COMMON_HELPDESK_WORDS for t in stems(word))


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def typo_corrections(df: Counter, params: GapParams) -> dict[str, str]:
    """Map rare terms to a much more frequent term one edit away (symmetric deletes)."""
    frequent = {t: n for t, n in df.items() if n >= 3 and len(t) >= params.typo_min_length - 1}
    by_delete: dict[str, list[str]] = defaultdict(list)
    for term in frequent:
        if term.isascii() and term.isalpha():
            by_delete[term].append(term)
            for variant in _deletes(term):
                by_delete[variant].append(term)
    corrections: dict[str, str] = {}
    for term, count in df.items():
        if len(term) < params.typo_min_length or not term.isalpha():
            continue
        if not term.isascii():
            continue
        candidates = set(by_delete.get(term, ())) | {
            c for variant in _deletes(term) for c in by_delete.get(variant, ())
        }
        candidates.discard(term)
        best = max(candidates, key=lambda c: (frequent[c], c), default=None)
        if best is not None and frequent[best] >= params.typo_min_ratio * count:
            corrections[term] = best
    return corrections


def _tokenise(pairs: list[tuple[str, str]]) -> list[tuple[list[tuple[str, str]], list[str]]]:
    return [(surface_and_stem(title), stems(body)) for title, body in pairs]


def tokenise_all(
    items: Sequence[DemandItem], params: GapParams
) -> list[tuple[list[tuple[str, str]], list[str]]]:
    """Title (word, term) pairs and body terms of every item; on 2+ processes for big inputs."""
    pairs = [(item.title, (item.text or "")[: params.body_chars]) for item in items]
    workers = min(params.workers, os.cpu_count() or 1)
    if workers < 2 or len(pairs) < params.parallel_from:
        return _tokenise(pairs)
    size = math.ceil(len(pairs) / (workers * 4))
    chunks = [pairs[i : i + size] for i in range(0, len(pairs), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return [row for part in pool.map(_tokenise, chunks) for row in part]


def fit(items: Sequence[DemandItem], params: GapParams) -> tuple[Vectoriser, list[Counter]]:
    """Tokenise every item once, learn corrections and idf; return the counts per item."""
    raw: list[tuple[list[str], list[str]]] = []
    df: Counter = Counter()
    surfaces: dict[str, Counter] = defaultdict(Counter)
    for title_terms, stems_body in tokenise_all(items, params):
        stems_title = [s for _w, s in title_terms]
        unique = set(stems_title) | set(stems_body)
        df.update(unique)
        for word, stem in title_terms:
            surfaces[stem][word] += 1
        raw.append((stems_title, stems_body))
    vec = Vectoriser(params=params)
    vec.corrections = typo_corrections(df, params)
    vec.surface = {stem: words.most_common(1)[0][0] for stem, words in surfaces.items()}
    fixed_df: Counter = Counter()
    docs: list[Counter] = []
    for stems_title, stems_body in raw:
        counts: Counter = Counter()
        for stem in stems_title:
            counts[vec.corrections.get(stem, stem)] += params.title_weight
        for stem in stems_body:
            counts[vec.corrections.get(stem, stem)] += 1
        fixed_df.update(counts.keys())
        docs.append(counts)
    terms = sorted(fixed_df)
    vec.vocabulary = {term: i for i, term in enumerate(terms)}
    vec.df = np.asarray([fixed_df[t] for t in terms], dtype=np.int64)
    # Prior documents keep idf meaningful on small inputs: without them, a word in 4 of 6
    # items looks "common" although it is the topic; known help-desk words get a prior df.
    common = common_terms()
    prior_df = np.asarray(
        [params.prior_common_share * params.prior_docs if t in common else 0.0 for t in terms]
    )
    base = np.log((len(items) + params.prior_docs) / (vec.df + prior_df + 0.5))
    vec.idf = np.power(np.maximum(base, 0.05), params.idf_power).astype(np.float32)
    return vec, docs


# --- candidate pairs and merging -----------------------------------------------------------


def prune_rows(matrix: sparse.csr_matrix, keep: int | np.ndarray) -> sparse.csr_matrix:
    """Keep each row's ``keep`` heaviest terms, re-normalised (where a short question's meaning is).

    ``keep`` may be one number or one per row (see ``keep_per_row``).
    """
    matrix = matrix.tocsr(copy=True)
    per_row = np.broadcast_to(np.asarray(keep, dtype=np.int64), (matrix.shape[0],))
    for i in range(matrix.shape[0]):
        lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
        k = int(per_row[i])
        if hi - lo > k:
            row = matrix.data[lo:hi]
            cut = np.partition(row, hi - lo - k)[hi - lo - k]
            row[row < cut] = 0.0
    matrix.eliminate_zeros()
    return normalise_rows(matrix)


def bigram_columns(vocabulary: dict[str, int]) -> np.ndarray:
    """Columns that are character bigrams of Thai/Korean/CJK text (no Latin letter or digit)."""
    mask = np.zeros(len(vocabulary), dtype=bool)
    for term, col in vocabulary.items():
        mask[col] = not term.isascii() and not any(c.isascii() for c in term)
    return mask


def keep_per_row(matrix: sparse.csr_matrix, bigrams: np.ndarray | None, params: GapParams):
    """How many terms each row keeps when pruned: ``prune_terms``, or ``prune_terms_bigram``
    for rows written mostly in a script without spaces (one word there is several bigrams, so
    eight bigrams hold only two or three words of the question)."""
    if bigrams is None or not bigrams.any():
        return params.prune_terms
    flags = bigrams[matrix.indices].astype(np.float32)
    sums = np.add.reduceat(flags, matrix.indptr[:-1]) if len(flags) else np.zeros(0)
    counts = np.diff(matrix.indptr)
    share = np.zeros(matrix.shape[0], dtype=np.float32)
    filled = counts > 0
    share[filled] = sums[filled] / counts[filled]
    return np.where(share > 0.5, params.prune_terms_bigram, params.prune_terms)


def similar_pairs(
    matrix: sparse.csr_matrix,
    df: np.ndarray,
    params: GapParams,
    progress: Progress | None = None,
    keep: int | np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All pairs (i < j) whose cosine on pruned rows is >= threshold (chunked sparse product)."""
    n = matrix.shape[0]
    pruned = prune_rows(matrix, params.prune_terms if keep is None else keep)
    # Terms that stay heavy in very many rows are stop-like: they cost n^2 and say little.
    cap = params.max_posting if params.max_posting >= 1 else params.max_posting * n
    posting = np.bincount(pruned.indices, minlength=pruned.shape[1])
    stoplike = np.flatnonzero(posting > max(cap, params.block_min_df))
    if len(stoplike):
        mask = np.ones(pruned.shape[1], dtype=np.float32)
        mask[stoplike] = 0.0
        pruned = (pruned @ sparse.diags(mask)).tocsr()
        pruned.eliminate_zeros()
    transposed = pruned.T.tocsr()
    starts = list(range(0, n, params.chunk_rows))
    _SHARED.update(
        pruned=pruned, transposed=transposed, threshold=params.threshold, chunk=params.chunk_rows
    )
    workers = min(params.workers, os.cpu_count() or 1)
    found = []
    if workers >= 2 and n >= params.parallel_from:
        # Forked workers read the matrices copy-on-write; each returns its chunk's pairs.
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for start, part in zip(starts, pool.map(_pairs_of_chunk, starts), strict=True):
                found.append(part)
                if progress:
                    progress(min(start + params.chunk_rows, n) - start)
    else:
        for start in starts:
            found.append(_pairs_of_chunk(start))
            if progress:
                progress(min(start + params.chunk_rows, n) - start)
    _SHARED.clear()
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    return tuple(np.concatenate([part[k] for part in found]) for k in range(3))


_SHARED: dict = {}


def _pairs_of_chunk(start: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    pruned, transposed = _SHARED["pruned"], _SHARED["transposed"]
    stop = min(start + _SHARED["chunk"], pruned.shape[0])
    block = (pruned[start:stop] @ transposed).tocoo()
    rows = block.row.astype(np.int64) + start
    keep = (block.col > rows) & (block.data >= _SHARED["threshold"])
    return rows[keep], block.col[keep].astype(np.int64), block.data[keep].astype(np.float32)


def mutual_neighbours(
    n: int, rows: np.ndarray, cols: np.ndarray, scores: np.ndarray, params: GapParams
) -> np.ndarray:
    """Mask of edges where each end is among the other's ``neighbours`` best (or very close).

    Single link on a plain threshold chains unrelated questions through one ambiguous item;
    requiring mutual nearest neighbours keeps an item that is merely close to a big topic
    from gluing it to another.
    """
    if not len(rows):
        return np.zeros(0, dtype=bool)
    ends = np.concatenate([rows, cols])
    sims = np.concatenate([scores, scores])
    order = np.lexsort((-sims, ends))
    ends_sorted, sims_sorted = ends[order], sims[order]
    starts = np.searchsorted(ends_sorted, np.arange(n))
    degree = np.bincount(ends_sorted, minlength=n)
    rank = np.arange(len(ends_sorted)) - starts[ends_sorted]
    kth = np.full(n, -1.0, dtype=np.float32)
    at_k = rank == params.neighbours - 1
    kth[ends_sorted[at_k]] = sims_sorted[at_k]
    kth[degree < params.neighbours] = -1.0
    mutual = (scores >= kth[rows]) & (scores >= kth[cols])
    return mutual | (scores >= params.strong_threshold)


def components(n: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Connected component label of every node (single link)."""
    graph = sparse.coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
    _count, labels = connected_components(graph, directed=False)
    return labels


def merge_close_groups(
    matrix: sparse.csr_matrix, labels: np.ndarray, params: GapParams
) -> np.ndarray:
    """Second pass (average-link flavour): join groups whose centroids are close.

    Mutual neighbours cut big topics into a few dense pieces; their centroids stay close,
    while different questions that share some words have clearly apart centroids.
    """
    _uniq, labels = np.unique(labels, return_inverse=True)
    sizes = np.bincount(labels)
    groups = np.flatnonzero(sizes >= 2)
    if len(groups) < 2:
        return labels
    position = np.full(len(sizes), -1)
    position[groups] = np.arange(len(groups))
    members = np.flatnonzero(position[labels] >= 0)
    assign = sparse.csr_matrix(
        (np.ones(len(members), dtype=np.float32), (position[labels[members]], members)),
        shape=(len(groups), matrix.shape[0]),
    )
    centroids = prune_rows(normalise_rows((assign @ matrix).tocsr()), params.centroid_terms)
    sims = (centroids @ centroids.T).tocoo()
    keep = (sims.row < sims.col) & (sims.data >= params.merge_threshold)
    rows, cols, scores = sims.row[keep], sims.col[keep], sims.data[keep]
    # Mutual best matches only: otherwise centroids chain across a big corpus.
    mutual = mutual_neighbours(
        len(groups),
        rows.astype(np.int64),
        cols.astype(np.int64),
        scores,
        replace(params, neighbours=params.merge_neighbours, strong_threshold=2.0),
    )
    merged = components(len(groups), rows[mutual], cols[mutual])
    new_labels = labels.copy()
    grouped = position[labels] >= 0
    new_labels[grouped] = len(sizes) + merged[position[labels[grouped]]]
    return new_labels


def attach_singletons(
    matrix: sparse.csr_matrix,
    labels: np.ndarray,
    params: GapParams,
    keep: int | np.ndarray | None = None,
) -> np.ndarray:
    """Items left alone join the group whose centroid they resemble (>= ``attach_threshold``).

    A paraphrase can be a little too far from every single member yet close to what the
    members have in common; comparing with the centroid catches it.
    """
    _uniq, labels = np.unique(labels, return_inverse=True)
    sizes = np.bincount(labels)
    groups = np.flatnonzero(sizes >= params.attach_min_size)
    alone = np.flatnonzero(sizes[labels] == 1)
    if not len(groups) or not len(alone):
        return labels
    position = np.full(len(sizes), -1)
    position[groups] = np.arange(len(groups))
    members = np.flatnonzero(position[labels] >= 0)
    assign = sparse.csr_matrix(
        (np.ones(len(members), dtype=np.float32), (position[labels[members]], members)),
        shape=(len(groups), matrix.shape[0]),
    )
    centroids_t = prune_rows(
        normalise_rows((assign @ matrix).tocsr()), params.centroid_terms
    ).T.tocsr()
    labels = labels.copy()
    keep = params.prune_terms if keep is None else keep
    loners = prune_rows(matrix[alone], keep if np.isscalar(keep) else np.asarray(keep)[alone])
    for start in range(0, len(alone), params.chunk_rows):
        rows = alone[start : start + params.chunk_rows]
        sims = (loners[start : start + params.chunk_rows] @ centroids_t).tocsr()
        best = np.asarray(sims.argmax(axis=1)).ravel()
        score = np.asarray(sims.max(axis=1).toarray()).ravel()
        ok = score >= params.attach_threshold
        labels[rows[ok]] = groups[best[ok]]
    return labels


def duplicate_edges(items: Sequence[DemandItem]) -> tuple[np.ndarray, np.ndarray]:
    """Edges from each duplicate to its original, when both are among the items."""
    index = {item.key: i for i, item in enumerate(items)}
    pairs = [
        (i, index[item.duplicate_of])
        for i, item in enumerate(items)
        if item.duplicate_of and item.duplicate_of in index
    ]
    rows = np.asarray([a for a, _b in pairs], dtype=np.int64)
    cols = np.asarray([b for _a, b in pairs], dtype=np.int64)
    return rows, cols


# --- topics --------------------------------------------------------------------------------


def describe_topics(
    groups: list[list[int]],
    items: Sequence[DemandItem],
    matrix: sparse.csr_matrix,
    vec: Vectoriser,
    terms: list[str],
) -> list[Topic]:
    """Centroid, key terms, the most central title, askers and dates of each group."""
    if not groups:
        return []
    members = np.concatenate([np.asarray(g) for g in groups])
    owner = np.concatenate([np.full(len(g), k) for k, g in enumerate(groups)])
    assign = sparse.csr_matrix(
        (np.ones(len(members), dtype=np.float32), (owner, members)),
        shape=(len(groups), matrix.shape[0]),
    )
    sums = (assign @ matrix).tocsr()
    centrality = np.asarray(matrix[members].multiply(sums[owner]).sum(axis=1)).ravel()
    best_row: dict[int, tuple[float, int]] = {}
    for k, m, score in zip(owner.tolist(), members.tolist(), centrality.tolist(), strict=True):
        titled = len(items[m].title) >= 12
        rank = (titled, score, -m)
        if k not in best_row or rank > best_row[k][0]:
            best_row[k] = (rank, m)
    topics = []
    for k, group in enumerate(groups):
        lo, hi = sums.indptr[k], sums.indptr[k + 1]
        cols, vals = sums.indices[lo:hi], sums.data[lo:hi]
        order = np.argsort(-vals, kind="stable")[: vec.params.centroid_terms]
        norm = float(np.linalg.norm(vals[order])) or 1.0
        weights = {terms[cols[o]]: round(float(vals[o]) / norm, 5) for o in order}
        dates = [items[m].created_at for m in group if items[m].created_at is not None]
        topics.append(
            Topic(
                members=group,
                keys=[items[m].key for m in group],
                askers={items[m].asker_key for m in group},
                title=items[best_row[k][1]].title.strip(),
                key_terms=[
                    vec.surface.get(terms[cols[o]], terms[cols[o]])
                    for o in order[: vec.params.key_terms]
                ],
                centroid=weights,
                first_seen=min(dates) if dates else None,
                last_seen=max(dates) if dates else None,
            )
        )
    return topics


@dataclass
class Detection:
    """What ``detect_topics`` returns: the topics plus what is needed to compare more texts."""

    topics: list[Topic]
    vectoriser: Vectoriser
    matrix: sparse.csr_matrix
    labels: np.ndarray


def detect_topics(
    items: Sequence[DemandItem],
    params: GapParams | None = None,
    progress: Progress | None = None,
    min_members: int = 2,
) -> Detection:
    """Group items by meaning; topics are sorted by distinct askers, then by latest activity."""
    params = params or GapParams()
    vec, docs = fit(items, params)
    matrix = vec.rows(docs)
    del docs
    row_keep = keep_per_row(matrix, bigram_columns(vec.vocabulary), params)
    rows, cols, scores = similar_pairs(matrix, vec.df, params, progress, keep=row_keep)
    keep = mutual_neighbours(len(items), rows, cols, scores, params)
    rows, cols = rows[keep], cols[keep]
    dup_rows, dup_cols = duplicate_edges(items)
    labels = components(
        len(items), np.concatenate([rows, dup_rows]), np.concatenate([cols, dup_cols])
    )
    labels = merge_close_groups(matrix, labels, params)
    labels = attach_singletons(matrix, labels, params, keep=row_keep)
    groups: dict[int, list[int]] = defaultdict(list)
    for index, label in enumerate(labels.tolist()):
        groups[label].append(index)
    terms = [""] * len(vec.vocabulary)
    for term, col in vec.vocabulary.items():
        terms[col] = term
    topics = describe_topics(
        [members for members in groups.values() if len(members) >= min_members],
        items,
        matrix,
        vec,
        terms,
    )
    topics.sort(key=_impact_key)
    return Detection(topics=topics, vectoriser=vec, matrix=matrix, labels=labels)


def _impact_key(topic: Topic):
    last = topic.last_seen.timestamp() if topic.last_seen else 0.0
    return (-topic.asker_count, -last, topic.keys[0])


def best_matches(
    detection: Detection, topics: Sequence[Topic], documents: Sequence[tuple[str, str]]
) -> list[tuple[int | None, float]]:
    """For each topic, the index of the closest document (e.g. an article) and its cosine."""
    if not documents or not topics:
        return [(None, 0.0) for _t in topics]
    docs = detection.vectoriser.transform(documents)
    cents = sparse.vstack([detection.vectoriser.vector_from_terms(t.centroid) for t in topics])
    scores = (cents @ docs.T).toarray()
    best = scores.argmax(axis=1)
    return [(int(b), float(scores[i, b])) for i, b in enumerate(best)]


def centroid_similarity(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two stored centroids (dicts of term weights)."""
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    na = math.sqrt(sum(w * w for w in a.values())) or 1.0
    nb = math.sqrt(sum(w * w for w in b.values())) or 1.0
    return dot / (na * nb)
