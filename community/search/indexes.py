"""The common shape of every haystack index, so articles, FAQs and threads mix in one search.

Apps declare ``<app>/search_indexes.py`` with a subclass of :class:`CommunityIndex` and fill
``prepare_document(obj) -> SearchDocument``; this base turns it into the shared fields.
Visibility is a field (``audience``: ``public`` or ``staff``) so every query, count, facet
and suggestion can be filtered in the backend, never after the fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from haystack import indexes

from community.search.text import normalise, tokens, unspaced_bigrams

PUBLIC = "public"
STAFF = "staff"

# Multipliers used when re-ranking the top of a relevance-sorted result list.
TYPE_BOOST = {"article": 1.35, "faq": 1.25, "thread": 1.0}
SOLVED_BOOST = 1.2


@dataclass
class SearchDocument:
    """What an app tells search about one object (plain text only, already visible parts)."""

    title: str
    body: str
    url: str
    doc_type: str  # "article" | "faq" | "thread"
    audience: str = PUBLIC
    category: str = ""
    tags: list[str] = field(default_factory=list)
    solved: bool = False
    score: int = 0
    created: object = None
    updated: object = None


class CommunityIndex(indexes.SearchIndex):
    """Base index: subclasses set ``get_model`` and implement ``prepare_document``."""

    # Searched, never read back: not stored (the backend does not unpickle them per result).
    text = indexes.CharField(document=True, stored=False)
    title = indexes.CharField(boost=3.0, stored=False)
    title_auto = indexes.EdgeNgramField(stored=False)
    display_title = indexes.CharField(indexed=False)
    summary = indexes.CharField(indexed=False)
    url = indexes.CharField(indexed=False)
    doc_type = indexes.CharField(faceted=True)
    audience = indexes.CharField()
    category = indexes.CharField(faceted=True, null=True)
    tags = indexes.MultiValueField(faceted=True, null=True)
    status = indexes.CharField(faceted=True)  # "solved" | "open" | "" for articles
    solved = indexes.BooleanField()
    votes = indexes.IntegerField()
    rank_boost = indexes.FloatField(indexed=False)
    created = indexes.DateTimeField(null=True)
    updated = indexes.DateTimeField(null=True)

    # Lookup used by the database fallback when the search backend is down.
    title_lookup = "title"

    def prepare_document(self, obj) -> SearchDocument:  # pragma: no cover - abstract
        raise NotImplementedError

    def public_queryset(self):
        """Objects everyone may see (the database fallback and similar questions use it)."""
        raise NotImplementedError

    def full_prepare(self, obj, with_string_facet=True):
        # The document is computed once per object and kept on the object (not on this
        # shared index instance, which several threads may use at once).
        obj._search_document = self.prepare_document(obj)
        try:
            return super().full_prepare(obj, with_string_facet)
        finally:
            del obj._search_document

    def _doc(self, obj) -> SearchDocument:
        doc = getattr(obj, "_search_document", None)
        return doc if doc is not None else self.prepare_document(obj)

    # haystack calls prepare_<field> for each field; all read the one SearchDocument.
    def prepare_text(self, obj) -> str:
        doc = self._doc(obj)
        parts = [doc.title, doc.title, doc.body, " ".join(doc.tags), doc.category]
        text = "\n".join(p for p in parts if p)
        # Thai/Korean/CJK runs are also indexed as bigrams so a word inside a run matches.
        extra = unspaced_bigrams(text)
        return f"{text}\n{' '.join(extra)}" if extra else text

    def prepare_title(self, obj) -> str:
        doc = self._doc(obj)
        extra = unspaced_bigrams(doc.title)
        return f"{doc.title} {' '.join(extra)}" if extra else doc.title

    def prepare_display_title(self, obj) -> str:
        return self._doc(obj).title

    def prepare_title_auto(self, obj) -> str:
        return normalise(self._doc(obj).title)

    def prepare_summary(self, obj) -> str:
        return self._doc(obj).body[:1000]

    def prepare_url(self, obj) -> str:
        return self._doc(obj).url

    def prepare_doc_type(self, obj) -> str:
        return self._doc(obj).doc_type

    def prepare_audience(self, obj) -> str:
        return self._doc(obj).audience

    def prepare_category(self, obj) -> str | None:
        return self._doc(obj).category or None

    def prepare_tags(self, obj) -> list[str]:
        return list(self._doc(obj).tags)

    def prepare_status(self, obj) -> str:
        doc = self._doc(obj)
        if doc.doc_type != "thread":
            return "article"
        return "solved" if doc.solved else "open"

    def prepare_solved(self, obj) -> bool:
        return self._doc(obj).solved

    def prepare_votes(self, obj) -> int:
        return int(self._doc(obj).score or 0)

    def prepare_rank_boost(self, obj) -> float:
        doc = self._doc(obj)
        boost = TYPE_BOOST.get(doc.doc_type, 1.0)
        if doc.doc_type == "thread" and doc.solved:
            boost *= SOLVED_BOOST
        return boost

    def prepare_created(self, obj):
        return self._doc(obj).created

    def prepare_updated(self, obj):
        return self._doc(obj).updated or self._doc(obj).created

    def similarity_fields(self, obj) -> tuple[str, str] | None:
        """(title, body) for the similar-questions corpus, or None to leave ``obj`` out."""
        doc = self.prepare_document(obj)
        if doc.audience != PUBLIC:
            return None
        return doc.title, doc.body

    def term_count(self, obj) -> int:
        """How many terms the object indexes (used by the benchmark)."""
        doc = self.prepare_document(obj)
        return len(tokens(f"{doc.title} {doc.body}"))
