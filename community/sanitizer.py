"""The one sanitizer for user-written text: Markdown -> HTML -> bleach, plus plain-text helpers.

Every piece of text a user wrote (posts, comments, ticket messages, feedback, bios, imported HTML)
is turned into HTML here and nowhere else. Apps may post-process the *safe* HTML this returns
(mentions, KB cards) only through the hooks below, which run before bleach.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache, partial

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
        "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
        "ol", "p", "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel", "class", "data-mention", "data-kb-card"],
    "abbr": ["title"],
    "img": ["src", "alt", "title", "width", "height", "loading"],
    "code": ["class"],
    "pre": ["class"],
    "span": ["class"],
    "div": ["class"],
    "td": ["align", "colspan", "rowspan"],
    "th": ["align", "colspan", "rowspan", "scope"],
    "ol": ["start"],
    "h1": ["id"], "h2": ["id"], "h3": ["id"], "h4": ["id"], "h5": ["id"], "h6": ["id"],
}  # fmt: skip
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
MARKDOWN_EXTENSIONS = ["fenced_code", "tables", "sane_lists", "nl2br"]
UGC_REL = "nofollow ugc noopener"

HtmlHook = Callable[[str], str]


def _is_internal(href: str, site_url: str) -> bool:
    return (href.startswith("/") and not href.startswith("//")) or bool(
        site_url and href.startswith(site_url)
    )


def _link_attributes(site_url: str):
    def set_rel(attrs, new=False):
        href = attrs.get((None, "href"), "")
        if not href:
            return attrs
        if not _is_internal(href, site_url):
            attrs[(None, "rel")] = UGC_REL
        return attrs

    return set_rel


@lru_cache(maxsize=4)
def _cleaner(site_url: str) -> bleach.Cleaner:
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[
            partial(
                LinkifyFilter,
                callbacks=[_link_attributes(site_url)],
                skip_tags={"pre", "code"},
            )
        ],
    )


def _site_url() -> str:
    from django.conf import settings

    return getattr(settings, "SITE_URL", "")


def sanitize_html(unsafe_html: str) -> SafeString:
    """Clean HTML (from Markdown or imported) to the allowed tags; external links get ``rel=ugc``."""
    site_url = _site_url()
    return mark_safe(_cleaner(site_url).clean(unsafe_html or ""))


def _markdown_without_raw_html() -> markdown.Markdown:
    """A Markdown converter that escapes raw HTML instead of passing it through."""
    converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


def render_markdown(text: str, *, hooks: list[HtmlHook] | None = None) -> SafeString:
    """Markdown to safe HTML. ``hooks`` (e.g. mentions, KB cards) transform the HTML before bleach."""
    # Users write Markdown, not HTML: raw tags are shown as text, never interpreted.
    rendered = _markdown_without_raw_html().convert(text or "")
    for hook in hooks or []:
        rendered = hook(rendered)
    return sanitize_html(rendered)


_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")


def plain_text(markup: str, *, limit: int | None = None) -> str:
    """Text without markup (for search, emails, snippets); cut at a word or character boundary."""
    without_code_fences = re.sub(r"```.*?```", " ", markup or "", flags=re.DOTALL)
    text = _TAG_RE.sub(" ", without_code_fences)
    text = re.sub(r"[*_`#>\[\]]+", " ", text)
    text = re.sub(r"\((https?://[^)]+)\)", " ", text)
    text = _SPACE_RE.sub(" ", html.unescape(text)).strip()
    if limit is not None and len(text) > limit:
        cut = text[:limit]
        # Prefer a space boundary when the text has spaces nearby (Thai and CJK may not).
        space = cut.rfind(" ")
        if space > limit * 0.6:
            cut = cut[:space]
        text = cut.rstrip() + "…"
    return text
