"""Read Markdown/HTML files with YAML front matter into ``ArticleData`` for ``article_import``."""

from __future__ import annotations

import re
from pathlib import Path

import frontmatter
import yaml

from community.sanitizer import plain_text, render_markdown, sanitize_html
from kb.models import Audience
from kb.services import ArticleData

MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
AUDIENCE_WORDS = {
    "public": Audience.PUBLIC,
    "everyone": Audience.PUBLIC,
    "staff": Audience.STAFF,
    "staff-only": Audience.STAFF,
    "staff_only": Audience.STAFF,
    "internal": Audience.STAFF,
}


class ImportFileError(ValueError):
    """A file that cannot become an article; the message says why."""


def find_article_files(root: Path) -> list[Path]:
    """Markdown and HTML files under ``root`` (or ``root`` itself), in a stable order."""
    if root.is_file():
        return [root]
    suffixes = MARKDOWN_SUFFIXES | HTML_SUFFIXES
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)


def _tags(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        raise ImportFileError("tags must be a list or a comma-separated string")
    return sorted({str(tag).strip()[:100] for tag in value if str(tag).strip()})


def _category_path(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(part).strip() for part in value if str(part).strip()]
    return [part.strip() for part in str(value).split("/") if part.strip()]


_LEADING_H1_RE = re.compile(r"^\s*<h1[^>]*>.*?</h1>\s*", re.DOTALL)


def _without_h1(html: str) -> str:
    """The page title is the one h1: a leading h1 goes, other h1s become h2s."""
    html = _LEADING_H1_RE.sub("", html, count=1)
    return re.sub(r"<(/?)h1(\b[^>]*)>", r"<\1h2\2>", html)


def read_article_file(path: Path) -> ArticleData:
    """Parse one file; raises ``ImportFileError`` with a readable reason when it is unusable."""
    try:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ImportFileError("not UTF-8 text")
    except yaml.YAMLError as exc:
        raise ImportFileError(f"bad front matter: {exc}".splitlines()[0])
    meta = post.metadata
    title = str(meta.get("title") or "").strip()
    if not title:
        raise ImportFileError("front matter has no title")
    audience_word = str(meta.get("audience") or "public").strip().lower()
    if audience_word not in AUDIENCE_WORDS:
        raise ImportFileError(f"unknown audience {audience_word!r} (use public or staff)")
    if not post.content.strip():
        raise ImportFileError("the article has no body")
    if path.suffix.lower() in HTML_SUFFIXES:
        html = sanitize_html(post.content)
    else:
        html = render_markdown(post.content)
    html = _without_h1(str(html))
    return ArticleData(
        title=title[:255],
        slug=str(meta.get("slug") or "").strip(),
        # Lists need a summary: without one, the start of the text stands in.
        summary=str(meta.get("summary") or "").strip() or plain_text(html, limit=200),
        category_path=_category_path(meta.get("category")),
        tags=_tags(meta.get("tags")),
        audience=AUDIENCE_WORDS[audience_word],
        body=[{"type": "html", "value": str(html)}],
    )
