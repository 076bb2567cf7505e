"""The in-process similar-questions corpus: public articles and visible threads, kept fresh.

Built from the same haystack indexes as site search (``CommunityIndex.public_queryset`` and
``prepare_document``), so what can be suggested is exactly what everyone may see. The corpus
is rebuilt lazily when the index changed (``mark_stale`` is called by the index task);
large corpora are rebuilt at most every ``SEARCH_SIMILAR_REBUILD_SECONDS``.
"""

from __future__ import annotations

import difflib
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from haystack import connections

from community.search.indexes import PUBLIC, CommunityIndex
from community.search.similarity import Document, SimilarQuestions
from community.search.text import normalise, normalise_query, tokens

VERSION_KEY = "search:corpus-version"
SMALL_CORPUS = 2000

_lock = threading.RLock()
_state: dict = {"version": None, "built_at": 0.0, "corpus": None}


@dataclass
class Corpus:
    documents: list[Document]
    vocabulary: Counter = field(default_factory=Counter)
    stems: set[str] = field(default_factory=set)
    _engine: SimilarQuestions | None = None

    @property
    def engine(self) -> SimilarQuestions:
        """The similarity engine, built on first use ("Did you mean" only needs words)."""
        if self._engine is None:
            with _lock:
                if self._engine is None:
                    self._engine = SimilarQuestions(self.documents)
        return self._engine

    def __len__(self) -> int:
        return len(self.documents)


def mark_stale() -> None:
    """Tell every process that the indexed content changed."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def _version():
    return cache.get(VERSION_KEY, 0)


def community_indexes() -> list[CommunityIndex]:
    unified = connections["default"].get_unified_index()
    return [i for i in unified.collect_indexes() if isinstance(i, CommunityIndex)]


def public_documents() -> list[Document]:
    """Everything everyone may see, as similarity documents (id ``"<type>:<pk>"``)."""
    docs = []
    for index in community_indexes():
        for obj in index.public_queryset().iterator(chunk_size=500):
            doc = index.prepare_document(obj)
            if doc.audience != PUBLIC:
                continue
            kind = "thread" if doc.doc_type == "thread" else "article"
            docs.append(
                Document(
                    id=f"{kind}:{obj.pk}",
                    title=doc.title,
                    body=doc.body,
                    meta={
                        "type": kind,
                        "id": obj.pk,
                        "title": doc.title,
                        "url": doc.url,
                        "solved": doc.solved,
                    },
                )
            )
    return docs


def build(documents: list[Document]) -> Corpus:
    vocabulary: Counter = Counter()
    for doc in documents:
        vocabulary.update(
            w for w in normalise_query(f"{doc.title} {doc.body}").split() if w.isalpha()
        )
    stems = {t for w in vocabulary for t in tokens(w, stopwords=False)}
    return Corpus(documents, vocabulary, stems)


def public_corpus() -> Corpus:
    """The current corpus, rebuilt when stale (small ones at once, big ones throttled)."""
    version = _version()
    state = _state
    corpus = state["corpus"]
    throttle = getattr(settings, "SEARCH_SIMILAR_REBUILD_SECONDS", 30)
    fresh_enough = corpus is not None and (
        state["version"] == version
        or (len(corpus) > SMALL_CORPUS and time.monotonic() - state["built_at"] < throttle)
    )
    if fresh_enough:
        return corpus
    with _lock:
        if state["corpus"] is not None and state["version"] == version:
            return state["corpus"]
        corpus = build(public_documents())
        state.update(version=version, built_at=time.monotonic(), corpus=corpus)
        return corpus


def reset() -> None:
    """Forget the cached corpus (tests, after swapping the search backend)."""
    _state.update(version=None, built_at=0.0, corpus=None)


def did_you_mean(query: str, corpus: Corpus | None = None) -> str | None:
    """A respelling of ``query`` from the public vocabulary, or None when nothing changes."""
    corpus = corpus or public_corpus()
    words = normalise(query).split()
    if not words or not corpus.vocabulary:
        return None
    changed = False
    out = []
    for word in words:
        bare = normalise_query(word)
        if (
            not bare.isalpha()
            or not bare.isascii()
            or len(bare) < 3
            or bare in corpus.vocabulary
            or set(tokens(bare, stopwords=False)) <= corpus.stems
        ):
            out.append(word)
            continue
        pool = [w for w in corpus.vocabulary if abs(len(w) - len(bare)) <= 2 and w[0] == bare[0]]
        pool = pool or [w for w in corpus.vocabulary if abs(len(w) - len(bare)) <= 2]
        close = difflib.get_close_matches(bare, pool, n=3, cutoff=0.7)
        if close:
            best = max(
                close,
                key=lambda w: (
                    difflib.SequenceMatcher(None, bare, w).ratio(),
                    corpus.vocabulary[w],
                ),
            )
            out.append(best)
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else None
