"""Adapter over the shared tokeniser (community.search.text): stems plus the words they came from."""

from __future__ import annotations

from community.search.text import tokens

_STEMS: dict[str, str] = {}


def stem_of(word: str) -> str:
    """The term of one already-normalised word (cached: a corpus has few distinct words)."""
    stem = _STEMS.get(word)
    if stem is None:
        found = tokens(word, stopwords=False)
        stem = found[0] if len(found) == 1 else word
        if len(_STEMS) < 500_000:
            _STEMS[word] = stem
    return stem


def surface_and_stem(text: str | None) -> list[tuple[str, str]]:
    """(word as written, its term) pairs: one tokeniser pass, stems looked up per word."""
    return [(word, stem_of(word)) for word in tokens(text, stem=False)]


def stems(text: str | None) -> list[str]:
    """Index terms of ``text`` (stemmed English, bigrams for Thai/Korean/CJK)."""
    return [stem_of(word) for word in tokens(text, stem=False)]
