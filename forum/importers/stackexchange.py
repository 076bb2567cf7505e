"""Streaming reader of a Stack Exchange data dump (Posts, Users, Comments, Votes, PostLinks XML).

Each file is read row by row with defusedxml's ``iterparse`` (no entity expansion) and every finished element is cleared (and
detached from the root), so memory stays flat whatever the size of ``Posts.xml``. Rows become
small dataclasses; a row that cannot be understood raises ``RowError`` with a reason, and the
caller reports and skips it. Nothing here touches the database.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse

from community.sanitizer import sanitize_html

QUESTION = 1
ANSWER = 2
UPVOTE = 2
DOWNVOTE = 3
DUPLICATE_LINK = 3

DUMP_FILES = ("Users.xml", "Posts.xml", "Comments.xml", "Votes.xml", "PostLinks.xml")


class RowError(ValueError):
    """A row that is skipped; the message says why (shown in the import report)."""


@dataclass(frozen=True)
class RawRow:
    """The attributes of one ``<row>`` and where it was found."""

    file: str
    number: int
    attrs: dict[str, str]

    @property
    def source_id(self) -> str:
        return self.attrs.get("Id", "?")


@dataclass(frozen=True)
class SEUser:
    id: int
    display_name: str
    created_at: datetime | None
    reputation: int
    about_html: str
    location: str


@dataclass(frozen=True)
class SEPost:
    id: int
    post_type: int
    parent_id: int | None
    accepted_answer_id: int | None
    title: str
    body_html: str
    body_text: str
    tags: list[str]
    score: int
    view_count: int
    created_at: datetime
    owner_id: int | None
    owner_name: str
    closed_at: datetime | None = None

    @property
    def is_question(self) -> bool:
        return self.post_type == QUESTION


@dataclass(frozen=True)
class SEComment:
    id: int
    post_id: int
    text: str
    score: int
    created_at: datetime
    user_id: int | None
    user_name: str


@dataclass(frozen=True)
class SEVote:
    id: int
    post_id: int
    vote_type: int
    user_id: int | None
    created_at: datetime | None

    @property
    def value(self) -> int:
        return 1 if self.vote_type == UPVOTE else -1


@dataclass(frozen=True)
class SELink:
    id: int
    post_id: int
    related_post_id: int
    link_type: int


@dataclass
class BadRow:
    file: str
    number: int
    source_id: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file} row {self.number} (Id={self.source_id}): {self.reason}"


@dataclass
class FileError:
    file: str
    reason: str


@dataclass
class ReadStats:
    """Rows read and rows skipped per file, shared by the reader and the importer."""

    bad_rows: list[BadRow] = field(default_factory=list)
    file_errors: list[FileError] = field(default_factory=list)
    bad_count: int = 0
    # Rows skipped on purpose (tag wikis, favourite votes, "related" links), by file and reason.
    ignored: dict[str, int] = field(default_factory=dict)
    # Keep the report bounded on huge dumps: counts are exact, details stop here.
    max_details: int = 10_000

    def bad(self, row: RawRow, reason: str) -> None:
        self.bad_count += 1
        if len(self.bad_rows) < self.max_details:
            self.bad_rows.append(BadRow(row.file, row.number, row.source_id, reason))


# --- streaming ---------------------------------------------------------------------------


def iter_rows(path: Path, stats: ReadStats | None = None) -> Iterator[RawRow]:
    """Yield each ``<row>`` of a dump file as a ``RawRow``; memory stays flat.

    A malformed XML document never stops the import: the error is recorded in
    ``stats.file_errors`` and reading resumes line by line after the broken line (dumps hold one
    ``<row .../>`` per line), each broken line being reported as a bad row.
    """
    path = Path(path)
    name = path.name
    number = 0
    root = None
    try:
        for event, elem in iterparse(path, events=("start", "end")):
            if event == "start":
                if root is None:
                    root = elem
                continue
            if elem.tag != "row":
                continue
            number += 1
            attrs = dict(elem.attrib)
            # Drop the finished element and its link from the root: the tree never grows.
            elem.clear()
            if root is not None:
                root.clear()
            yield RawRow(name, number, attrs)
    except (ET.ParseError, DefusedXmlException) as exc:
        if stats is not None:
            stats.file_errors.append(
                FileError(name, f"XML error after row {number}: {exc}; resumed line by line")
            )
        yield from _rows_after_error(path, number, stats)


def _rows_after_error(path: Path, done: int, stats: ReadStats | None) -> Iterator[RawRow]:
    """The rows after the first ``done`` ones, parsed one line at a time.

    Dumps hold one ``<row .../>`` per line, so the rows already read are the first ``done`` row
    lines; each later line that does not parse is reported as a bad row and skipped.
    """
    number = 0
    with path.open("rb") as handle:
        for line_number, line in enumerate(handle, start=1):
            text = line.strip()
            if not text.startswith(b"<row"):
                continue
            number += 1
            if number <= done:
                continue
            try:
                elem = fromstring(text)
            except (ET.ParseError, DefusedXmlException) as exc:
                if stats is not None:
                    row = RawRow(path.name, number, _id_of(text))
                    stats.bad(row, f"malformed XML on line {line_number}: {exc}")
                continue
            if elem.tag == "row":
                yield RawRow(path.name, number, dict(elem.attrib))


_ID_RE = re.compile(rb'\bId="(-?\d+)"')


def _id_of(text: bytes) -> dict[str, str]:
    """The ``Id`` of a broken row, when it can be read (for the report)."""
    match = _ID_RE.search(text)
    return {"Id": match.group(1).decode()} if match else {}


# --- field parsing -----------------------------------------------------------------------


def parse_int(value: str | None, *, name: str, required: bool = False) -> int | None:
    if value is None or value.strip() == "":
        if required:
            raise RowError(f"missing {name}")
        return None
    try:
        return int(value)
    except ValueError:
        raise RowError(f"{name} is not a number: {value[:40]!r}")


def parse_date(value: str | None, *, name: str = "CreationDate", required: bool = True):
    """Dump dates are UTC without a zone (``2014-01-21T20:26:05.383``)."""
    if not value:
        if required:
            raise RowError(f"missing {name}")
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise RowError(f"{name} is not a date: {value[:40]!r}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


_ANGLE_TAGS = re.compile(r"<([^<>]+)>")


def parse_tags(value: str | None) -> list[str]:
    """Both dump formats: ``<python><django>`` (older) and ``|python|django|`` (2024 onwards)."""
    if not value:
        return []
    value = value.strip()
    found = _ANGLE_TAGS.findall(value) if value.startswith("<") else value.split("|")
    tags: list[str] = []
    for tag in found:
        tag = tag.strip().lower()
        if tag and tag not in tags:
            tags.append(tag[:50])
    return tags


class _TextConverter(HTMLParser):
    """Stack Exchange HTML to Markdown-ish text: paragraphs, lists, links, code kept readable."""

    BLOCKS = {"p", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href_stack: list[str] = []
        self.in_pre = False
        self.list_depth = 0
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"script", "style"}:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
            if tag == "blockquote":
                self.parts.append("> ")
            elif tag.startswith("h") and len(tag) == 2:
                self.parts.append("#" * int(tag[1]) + " ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in {"ul", "ol"}:
            self.list_depth += 1
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n" + "  " * max(self.list_depth - 1, 0) + "- ")
        elif tag == "pre":
            self.in_pre = True
            self.parts.append("\n\n```\n")
        elif tag == "code" and not self.in_pre:
            self.parts.append("`")
        elif tag in {"strong", "b"}:
            self.parts.append("**")
        elif tag in {"em", "i"}:
            self.parts.append("*")
        elif tag == "a":
            self.href_stack.append(attributes.get("href") or "")
            self.parts.append("[")
        elif tag == "img":
            self.parts.append(f"![{attributes.get('alt') or ''}]({attributes.get('src') or ''})")

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag in {"ul", "ol"}:
            self.list_depth = max(self.list_depth - 1, 0)
            self.parts.append("\n")
        elif tag == "pre":
            self.in_pre = False
            self.parts.append("\n```\n\n")
        elif tag == "code" and not self.in_pre:
            self.parts.append("`")
        elif tag in {"strong", "b"}:
            self.parts.append("**")
        elif tag in {"em", "i"}:
            self.parts.append("*")
        elif tag == "a":
            href = self.href_stack.pop() if self.href_stack else ""
            self.parts.append(f"]({href})" if href else "]")

    def handle_data(self, data):
        if self.skipping:
            return
        if self.in_pre:
            self.parts.append(data)
        else:
            self.parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        joined = "".join(self.parts)
        joined = re.sub(r"[ \t]+\n", "\n", joined)
        joined = re.sub(r"\n{3,}", "\n\n", joined)
        return joined.strip()


def html_to_text(body_html: str) -> str:
    """Markdown-ish plain text of imported HTML (for search, editing and emails)."""
    converter = _TextConverter()
    converter.feed(body_html or "")
    converter.close()
    return converter.text()


# --- rows to records ---------------------------------------------------------------------


def parse_user(row: RawRow) -> SEUser:
    attrs = row.attrs
    user_id = parse_int(attrs.get("Id"), name="Id", required=True)
    name = (attrs.get("DisplayName") or "").strip()
    return SEUser(
        id=user_id,
        display_name=name[:80] or f"user{user_id}",
        created_at=parse_date(attrs.get("CreationDate"), required=False),
        reputation=parse_int(attrs.get("Reputation"), name="Reputation") or 0,
        about_html=str(sanitize_html(attrs.get("AboutMe") or "")),
        location=(attrs.get("Location") or "")[:100],
    )


def parse_post(row: RawRow, *, with_body: bool = True) -> SEPost:
    """A question or an answer; other post types (tag wikis, nominations) raise ``RowError``."""
    attrs = row.attrs
    post_id = parse_int(attrs.get("Id"), name="Id", required=True)
    post_type = parse_int(attrs.get("PostTypeId"), name="PostTypeId", required=True)
    if post_type not in (QUESTION, ANSWER):
        raise RowError(f"post type {post_type} is not a question or an answer")
    parent_id = parse_int(attrs.get("ParentId"), name="ParentId")
    title = html.unescape(attrs.get("Title") or "").strip()
    if post_type == QUESTION and not title:
        raise RowError("question without a Title")
    if post_type == ANSWER and parent_id is None:
        raise RowError("answer without a ParentId")
    raw_body = attrs.get("Body")
    if raw_body is None or not raw_body.strip():
        raise RowError("missing Body")
    # Later passes over Posts.xml only need ids: skip the (costly) cleaning there.
    body_html = str(sanitize_html(raw_body)) if with_body else ""
    return SEPost(
        id=post_id,
        post_type=post_type,
        parent_id=parent_id,
        accepted_answer_id=parse_int(attrs.get("AcceptedAnswerId"), name="AcceptedAnswerId"),
        title=title[:200],
        body_html=body_html,
        body_text=html_to_text(raw_body) if with_body else "",
        tags=parse_tags(attrs.get("Tags")),
        score=parse_int(attrs.get("Score"), name="Score") or 0,
        view_count=max(parse_int(attrs.get("ViewCount"), name="ViewCount") or 0, 0),
        created_at=parse_date(attrs.get("CreationDate")),
        owner_id=parse_int(attrs.get("OwnerUserId"), name="OwnerUserId"),
        owner_name=(attrs.get("OwnerDisplayName") or "").strip()[:80],
        closed_at=parse_date(attrs.get("ClosedDate"), name="ClosedDate", required=False),
    )


def parse_comment(row: RawRow) -> SEComment:
    attrs = row.attrs
    text = (attrs.get("Text") or "").strip()
    if not text:
        raise RowError("missing Text")
    return SEComment(
        id=parse_int(attrs.get("Id"), name="Id", required=True),
        post_id=parse_int(attrs.get("PostId"), name="PostId", required=True),
        text=text,
        score=parse_int(attrs.get("Score"), name="Score") or 0,
        created_at=parse_date(attrs.get("CreationDate")),
        user_id=parse_int(attrs.get("UserId"), name="UserId"),
        user_name=(attrs.get("UserDisplayName") or "").strip()[:80],
    )


def parse_vote(row: RawRow) -> SEVote:
    """Up and down votes only; the other types (favourites, bounties, closes) raise ``RowError``."""
    attrs = row.attrs
    vote_type = parse_int(attrs.get("VoteTypeId"), name="VoteTypeId", required=True)
    if vote_type not in (UPVOTE, DOWNVOTE):
        raise RowError(f"vote type {vote_type} is not an up or down vote")
    return SEVote(
        id=parse_int(attrs.get("Id"), name="Id", required=True),
        post_id=parse_int(attrs.get("PostId"), name="PostId", required=True),
        vote_type=vote_type,
        user_id=parse_int(attrs.get("UserId"), name="UserId"),
        created_at=parse_date(attrs.get("CreationDate"), required=False),
    )


def parse_link(row: RawRow) -> SELink:
    """Duplicate links only (LinkTypeId 3); "related" links raise ``RowError``."""
    attrs = row.attrs
    link_type = parse_int(attrs.get("LinkTypeId"), name="LinkTypeId", required=True)
    if link_type != DUPLICATE_LINK:
        raise RowError(f"link type {link_type} is not a duplicate link")
    return SELink(
        id=parse_int(attrs.get("Id"), name="Id", required=True),
        post_id=parse_int(attrs.get("PostId"), name="PostId", required=True),
        related_post_id=parse_int(attrs.get("RelatedPostId"), name="RelatedPostId", required=True),
        link_type=link_type,
    )


def iter_records(path: Path, parse, stats: ReadStats, *, skip_silently=()) -> Iterator:
    """Parse each row of ``path`` with ``parse``; bad rows are recorded in ``stats`` and skipped.

    ``skip_silently`` lists ``RowError`` message prefixes that are expected and not "bad"
    (e.g. tag wiki posts or favourite votes): they are counted in ``stats.ignored``, so the
    report lists real problems apart.
    """
    for row in iter_rows(path, stats):
        try:
            yield row, parse(row)
        except RowError as exc:
            reason = str(exc)
            if any(reason.startswith(prefix) for prefix in skip_silently):
                key = f"{row.file}: {reason}"
                stats.ignored[key] = stats.ignored.get(key, 0) + 1
            else:
                stats.bad(row, reason)


def parse_post_ids(row: RawRow) -> SEPost:
    """``parse_post`` without cleaning the body (for passes that only link rows)."""
    return parse_post(row, with_body=False)


def parse_question_with_body(row: RawRow) -> SEPost:
    """Every post is checked; only questions' bodies are cleaned (answers come in a later pass)."""
    return parse_post(row, with_body=row.attrs.get("PostTypeId") == str(QUESTION))


def parse_answer_with_body(row: RawRow) -> SEPost:
    return parse_post(row, with_body=row.attrs.get("PostTypeId") == str(ANSWER))
