"""Adapter over the shared tokeniser (community.search.text): stems plus the words they came from."""

from __future__ import annotations

from community.search.text import tokens


def stems(text: str | None) -> list[str]:
    """Index terms of ``text`` (stemmed English, bigrams for Thai/Korean/CJK)."""
    return tokens(text)


def surface_and_stem(text: str | None) -> list[tuple[str, str]]:
    """(word as written, its term) pairs, to show key terms as words rather than stems."""
    # Both calls drop the same stop words, so the lists line up one to one.
    return list(zip(tokens(text, stem=False), tokens(text), strict=True))
