"""Shared text normalisation for search, similar questions and KB-gap detection.

Stable API (other apps import it; add to it, never change a signature):

``normalise(text) -> str``
    Unicode NFKC, case-folded, whitespace collapsed. Keeps every script as written.
``normalise_query(text) -> str``
    The canonical form of a search query, used as the analytics key: ``normalise`` plus
    punctuation dropped and at most ``MAX_QUERY_LENGTH`` characters. "How do I RESET  my
    password?" and "how do i reset my password" give the same key.
``tokens(text, *, stem=True, stopwords=True) -> list[str]``
    Index/query terms, in order, duplicates kept:
    * Latin, Cyrillic, Greek and other spaced scripts: words of ``\\w`` characters; English
      stop words dropped and the rest stemmed with Porter2 (Snowball English) (``"Resetting passwords"`` ->
      ``["reset", "password"]``). Pure numbers are kept (``"error 404"`` -> ``["error", "404"]``).
    * Thai, Hangul (Korean), CJK ideographs, Hiragana/Katakana: written without reliable
      spaces between words, so each run of such characters becomes overlapping character
      bigrams (a one-character run stays one token); Thai combining vowels and tone marks
      stay attached to their letter. No dictionary is needed, and a query
      matches a document whenever they share the same characters in the same order.
``unspaced_bigrams(text) -> list[str]``
    Only the bigrams of the Thai/Hangul/CJK runs of ``text`` (nothing for other scripts).
    Search indexes append them to the indexed text so a backend with a whitespace analyzer
    (Whoosh, Elasticsearch's standard analyzer) matches words inside unspaced runs.
``backend_query(text) -> str``
    The query to send to the search backend: unspaced runs replaced by their bigrams, other
    words kept as typed (the backend stems them itself).
``token_set(text) -> set[str]``
    ``set(tokens(text))``.
``bigrams(toks) -> list[str]``
    Adjacent token pairs joined by a space, for phrase-like features.
``char_ngrams(text, n=3) -> list[str]``
    Character n-grams of the normalised text with word boundaries marked by spaces; useful
    to compare short titles with typos.
``script_of(char) -> str``
    ``"thai"``, ``"hangul"``, ``"cjk"`` or ``"other"``.

Everything here is pure Python with no Django import, so it can be used from tasks,
management commands and benchmarks alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

from whoosh.analysis import STOP_WORDS as _WHOOSH_STOP_WORDS
from whoosh.lang.porter2 import stem as _porter_stem

MAX_QUERY_LENGTH = 200

# Whoosh's list is tiny; questions also carry filler words that say nothing of the topic.
STOP_WORDS: frozenset[str] = frozenset(_WHOOSH_STOP_WORDS) | frozenset(
    """
    a about above after again all also am an and any are aren't as at be because been before
    being below between both but by can can't cannot could couldn't did didn't do does doesn't
    doing don't down during each few for from further had hadn't has hasn't have haven't having
    he her here hers herself him himself his how i i'm if in into is isn't it it's its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves
    out over own same she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up very was wasn't we were weren't
    what when where which while who whom why will with won't would you your yours yourself
    yourselves get got getting anyone someone please thanks thank hi hello help need want
    way able using use really still trying tried
    """.split()  # noqa: SIM905 - a word list reads better as text
)

# Ranges of scripts written without spaces between words.
_SCRIPT_RANGES = (
    ("thai", 0x0E00, 0x0E7F),
    ("hangul", 0x1100, 0x11FF),
    ("hangul", 0x3130, 0x318F),
    ("hangul", 0xA960, 0xA97F),
    ("hangul", 0xAC00, 0xD7AF),
    ("hangul", 0xD7B0, 0xD7FF),
    ("cjk", 0x3040, 0x30FF),  # Hiragana, Katakana
    ("cjk", 0x3400, 0x4DBF),
    ("cjk", 0x4E00, 0x9FFF),
    ("cjk", 0xF900, 0xFAFF),
)

_UNSPACED_CLASS = "\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff"
# A token is a run of unspaced-script characters (Thai marks included), or a word of other
# letters/digits (apostrophes inside words kept so "don't" is one stop word).
_TOKEN_RE = re.compile(
    rf"(?P<unspaced>[{_UNSPACED_CLASS}]+)|(?P<word>[^\W_{_UNSPACED_CLASS}]+(?:['’][^\W_{_UNSPACED_CLASS}]+)*)"
)
_UNSPACED_RUN_RE = re.compile(rf"[{_UNSPACED_CLASS}]+")
_PUNCT_RE = re.compile(r"[^\w\s]+|_+")
_SPACE_RE = re.compile(r"\s+")


def script_of(char: str) -> str:
    """Return the script family of one character: thai, hangul, cjk or other."""
    code = ord(char)
    for name, low, high in _SCRIPT_RANGES:
        if low <= code <= high:
            return name
    return "other"


def normalise(text: str | None) -> str:
    """NFKC, case-fold and collapse whitespace; ``None`` becomes ``""``."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return _SPACE_RE.sub(" ", text).strip()


def normalise_query(text: str | None) -> str:
    """Canonical key of a query for analytics: normalised, punctuation dropped, bounded."""
    text = normalise(text)
    text = _PUNCT_RE.sub(" ", text)
    text = _SPACE_RE.sub(" ", text).strip()
    return text[:MAX_QUERY_LENGTH].strip()


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _porter_stem(word)


def _clusters(run: str) -> list[str]:
    # Thai vowels above/below and tone marks are combining marks that belong to the letter
    # before them; keeping them together makes bigrams of letters, not of stray marks.
    out: list[str] = []
    for char in run:
        if out and unicodedata.category(char).startswith("M"):
            out[-1] += char
        else:
            out.append(char)
    return out


def _unspaced_tokens(run: str) -> list[str]:
    clusters = _clusters(run)
    if len(clusters) == 1:
        return clusters
    return [clusters[i] + clusters[i + 1] for i in range(len(clusters) - 1)]


def tokens(text: str | None, *, stem: bool = True, stopwords: bool = True) -> list[str]:
    """Split text into normalised search terms (see the module docstring for the rules)."""
    out: list[str] = []
    for match in _TOKEN_RE.finditer(normalise(text)):
        run = match.group("unspaced")
        if run is not None:
            out.extend(_unspaced_tokens(run))
            continue
        word = match.group("word").replace("’", "'")
        if stopwords and word in STOP_WORDS:
            continue
        word = word.replace("'", "")
        if not word:
            continue
        if stem and word.isascii() and word.isalpha() and len(word) > 2:
            word = _stem(word)
        out.append(word)
    return out


def unspaced_bigrams(text: str | None) -> list[str]:
    """Bigrams of the Thai/Hangul/CJK runs only (see the module docstring)."""
    out: list[str] = []
    for match in _TOKEN_RE.finditer(normalise(text)):
        run = match.group("unspaced")
        if run is not None and len(_clusters(run)) > 1:
            out.extend(_unspaced_tokens(run))
    return out


def backend_query(text: str | None) -> str:
    """The user's query with unspaced runs rewritten as bigrams, for the search backend."""
    clean = normalise(text)

    def rewrite(match: re.Match) -> str:
        run = match.group(0)
        return " ".join(_unspaced_tokens(run))

    return _UNSPACED_RUN_RE.sub(rewrite, clean)


def token_set(text: str | None) -> set[str]:
    """The distinct terms of ``text``."""
    return set(tokens(text))


def bigrams(toks: list[str]) -> list[str]:
    """Adjacent pairs of tokens, for phrase-like matching."""
    return [f"{a} {b}" for a, b in pairwise(toks)]


def char_ngrams(text: str | None, n: int = 3) -> list[str]:
    """Character n-grams of the normalised, punctuation-free text, padded with spaces."""
    clean = normalise_query(text)
    if not clean:
        return []
    padded = f" {clean} "
    if len(padded) <= n:
        return [padded]
    return [padded[i : i + n] for i in range(len(padded) - n + 1)]
