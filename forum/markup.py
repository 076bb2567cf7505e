"""Forum Markdown: the sanitizer plus two hooks, @mentions and KB article cards.

Mention syntax (what the editor inserts when you pick a member after typing ``@``)::

    @[Display Name](42)

42 is the member id; the link shows the member's *current* public name (so nobody can fake one)
and points to ``/members/42/``. Names may contain spaces or any script (김민지, สมชาย ใจดี).

Typed by hand (no JavaScript, email, an API client), ``@name`` works too, as on Stack Overflow:
the display name without its spaces, any case (``@JamieLee`` for "Jamie Lee"), when exactly one
active member has it. In scripts written without spaces, or with particles after the name
(Thai ``@สมชายช่วยด้วย``, Korean ``@김민지님``), the longest such name at the start of the word
counts.

A paragraph holding only a link to a public KB article on this site (``/kb/...``) becomes a card
with the article's title and summary; other KB links stay plain links.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Value
from django.db.models.functions import Lower, Replace
from django.urls import reverse
from django.utils.safestring import SafeString

from community.models import User
from community.sanitizer import render_markdown

MENTION_SOURCE_RE = re.compile(r"@\[([^\]\n]{1,80})\]\((\d{1,12})\)")
# What Markdown makes of "@[Name](42)": an "@" followed by a relative link to "42".
_MENTION_HTML_RE = re.compile(r'@<a href="(\d{1,12})">([^<]{0,200})</a>')
# "@handle" typed by hand: not after a word character (emails), letters and combining marks of
# any script (Thai and Indic vowel signs are not \w).
_NAME_CHARS = r"\w\u0300-\u036f\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_HANDLE_RE = re.compile(rf"(?<![\w@/])@([{_NAME_CHARS}][{_NAME_CHARS}.\-]{{0,59}})")
_TAG_SPLIT_RE = re.compile(r"(<[^>]+>)")
_NO_MENTION_TAGS = ("a", "code", "pre")
_UNSPACED_SCRIPTS = ("THAI", "LAO", "KHMER", "MYANMAR", "CJK", "HIRAGANA", "KATAKANA", "HANGUL")
_LONE_LINK_RE = re.compile(
    r'<p>\s*(?:<a href="([^"]+)">[^<]*</a>|(https?://[^\s<"]+|/kb/[^\s<"]*))\s*</p>'
)


@dataclass
class RenderedBody:
    html: SafeString
    mentioned_user_ids: list[int] = field(default_factory=list)


def _mention_hook(found: list[int]):
    def hook(rendered: str) -> str:
        ids = {int(match.group(1)) for match in _MENTION_HTML_RE.finditer(rendered)}
        if not ids:
            return rendered
        users = {u.pk: u for u in User.objects.filter(pk__in=ids, is_active=True)}

        def replace(match: re.Match) -> str:
            user = users.get(int(match.group(1)))
            if user is None:
                return "@" + match.group(2)
            found.append(user.pk)
            url = reverse("members:profile", args=[user.pk])
            name = html.escape(str(user.public_name))
            return f'<a class="mention" data-mention="{user.pk}" href="{url}">@{name}</a>'

        return _MENTION_HTML_RE.sub(replace, rendered)

    return hook


def _handle(name: str) -> str:
    return re.sub(r"\s+", "", name).lower()


def _may_follow_name(char: str) -> bool:
    """A name can end inside a word only in scripts without spaces or with particles."""
    return unicodedata.name(char, "").startswith(_UNSPACED_SCRIPTS)


def _text_outside_links_and_code(rendered: str):
    """(index, text) of each piece of text that is not inside <a>, <code> or <pre>."""
    depth = 0
    for index, piece in enumerate(_TAG_SPLIT_RE.split(rendered)):
        if piece.startswith("<"):
            tag = re.match(r"</?\s*([a-zA-Z0-9]+)", piece)
            if tag and tag.group(1).lower() in _NO_MENTION_TAGS and not piece.endswith("/>"):
                depth += -1 if piece.startswith("</") else 1
                depth = max(depth, 0)
        elif depth == 0 and "@" in piece:
            yield index, piece


def _members_by_handle(tokens: set[str]) -> dict[str, User]:
    """Handles (every prefix of each token) that exactly one active member has."""
    prefixes = {token[:n].lower() for token in tokens for n in range(2, len(token) + 1)}
    if not prefixes:
        return {}
    members = (
        User.objects.filter(is_active=True)
        .exclude(display_name="")
        .annotate(handle=Lower(Replace("display_name", Value(" "), Value(""))))
        .filter(handle__in=prefixes)
    )
    found: dict[str, list[User]] = {}
    for user in members:
        found.setdefault(_handle(user.display_name), []).append(user)
    return {handle: users[0] for handle, users in found.items() if len(users) == 1}


def _handle_mention_hook(found: list[int]):
    def hook(rendered: str) -> str:
        pieces = _TAG_SPLIT_RE.split(rendered)
        texts = dict(_text_outside_links_and_code(rendered))
        tokens = {m.group(1).rstrip(".-") for t in texts.values() for m in _HANDLE_RE.finditer(t)}
        members = _members_by_handle(tokens - {""})
        if not members:
            return rendered

        def replace(match: re.Match) -> str:
            token = match.group(1).rstrip(".-")
            for n in range(len(token), 1, -1):
                user = members.get(token[:n].lower())
                if user is not None and (n == len(token) or _may_follow_name(token[n])):
                    found.append(user.pk)
                    url = reverse("members:profile", args=[user.pk])
                    name = html.escape(str(user.public_name))
                    link = f'<a class="mention" data-mention="{user.pk}" href="{url}">@{name}</a>'
                    return link + match.group(0)[1 + n :]
            return match.group(0)

        for index, text in texts.items():
            pieces[index] = _HANDLE_RE.sub(replace, text)
        return "".join(pieces)

    return hook


def _kb_path(href: str) -> str | None:
    site_url = getattr(settings, "SITE_URL", "")
    if site_url and href.startswith(site_url):
        href = href[len(site_url) :] or "/"
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/kb/"):
        return None
    return parts.path if parts.path.endswith("/") else parts.path + "/"


def _kb_articles_by_path(paths: set[str]) -> dict[str, object]:
    try:
        from kb.models import ArticlePage, Audience
    except ImportError:
        return {}
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return {}
    root = site.root_page.url_path.rstrip("/")
    wanted = {root + path: path for path in paths}
    articles = (
        ArticlePage.objects.live()
        .public()
        .filter(url_path__in=list(wanted), audience=Audience.PUBLIC)
    )
    return {wanted[article.url_path]: article for article in articles}


def _href(match: re.Match) -> str:
    return html.unescape(match.group(1) or match.group(2))


def _kb_card_hook(rendered: str) -> str:
    paths = {_kb_path(_href(m)) for m in _LONE_LINK_RE.finditer(rendered)} - {None}
    if not paths:
        return rendered
    articles = _kb_articles_by_path(paths)

    def replace(match: re.Match) -> str:
        article = articles.get(_kb_path(_href(match)) or "")
        if article is None:
            return match.group(0)
        href = html.escape(_href(match))
        return (
            f'<div class="kb-card"><a data-kb-card="{article.pk}" href="{href}">'
            f'<span class="kb-card-label">KB</span> '
            f'<strong class="kb-card-title">{html.escape(article.title)}</strong></a>'
            f'<span class="kb-card-summary">{html.escape(article.summary or "")}</span></div>'
        )

    return _LONE_LINK_RE.sub(replace, rendered)


def render_body(text: str) -> RenderedBody:
    """Render a post or comment body; also returns who was mentioned (for notifications)."""
    mentioned: list[int] = []
    hooks = [_mention_hook(mentioned), _handle_mention_hook(mentioned), _kb_card_hook]
    rendered = render_markdown(text, hooks=hooks)
    return RenderedBody(html=rendered, mentioned_user_ids=sorted(set(mentioned)))
