"""Reading a raw RFC 822 email: headers, the new text of a reply, attachments. No database.

The standard library's ``email`` package with ``policy.default`` decodes RFC 2047 subjects
(``=?UTF-8?B?...?=`` in Korean, Thai, any charset), RFC 2231 file names, quoted-printable and
base64 bodies. What it leaves to us: choosing the text of an HTML-only email, and cutting the
quoted history ("On … wrote:", "…님이 작성:", "… เขียนว่า:") off a reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses

# Where a mail client starts quoting the message replied to. "… wrote:" lines always carry a
# date, so they must hold a digit (a customer's own "On Monday I wrote:" is not cut); they may
# be wrapped onto two lines by the client.
WROTE_HEADERS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\s*On\b.{0,400}\bwrote:\s*$",  # Gmail, Apple Mail, Thunderbird (English)
        r"^.{0,400}님이 작성:\s*$",  # Gmail (Korean)
        r"^.{0,400}เขียนว่า\s*:?\s*$",  # Gmail (Thai)
        r"^\s*Le\b.{0,400}\ba écrit\s*:\s*$",  # French
        r"^\s*Am\b.{0,400}\bschrieb\b.{0,300}:\s*$",  # German
        r"^\s*El\b.{0,400}\bescribió:\s*$",  # Spanish
        r"^.{0,400}于.{0,100}写道：?\s*$",  # Chinese clients
    )
]
SEPARATORS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\s*-{2,}\s*Original Message\s*-{2,}",  # Outlook
        r"^\s*-{2,}\s*Forwarded message\s*-{2,}",
        r"^\s*_{20,}\s*$",  # Outlook's rule above "From: … Sent: …"
        r"^\s*From:\s.{1,300}\s(Sent|Date):\s",  # Outlook header block on one line
    )
]
SIGNATURE_DELIMITER = re.compile(r"^-- ?$")
# Headers by which a message says it was sent by a machine (auto-replies, lists, bounces).
AUTO_HEADERS = ("auto-submitted", "x-autoreply", "x-autorespond", "x-auto-response-suppress")
RECIPIENT_HEADERS = ("to", "cc", "delivered-to", "x-original-to", "envelope-to", "resent-to")


@dataclass
class ParsedAttachment:
    name: str
    content_type: str
    data: bytes


@dataclass
class ParsedEmail:
    message_id: str
    subject: str
    sender: str  # lower-case address from From: ("" when missing)
    sender_name: str
    recipients: list[str]
    references: list[str]
    text: str  # the new part of the message (quoted history removed)
    full_text: str  # the whole text part, for the record
    attachments: list[ParsedAttachment] = field(default_factory=list)
    is_automatic: bool = False


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = message.get(name, "")
    except (ValueError, IndexError, TypeError):  # a malformed header: keep what we can
        value = message.get_all(name, failobj=[""])[0] if message.get_all(name) else ""
    return str(value or "").strip()


def _addresses(message: EmailMessage, names) -> list[str]:
    values = []
    for name in names:
        for value in message.get_all(name, failobj=[]):
            values.append(str(value))
    return [address.strip().lower() for _name, address in getaddresses(values) if address]


def _decoded(part: EmailMessage) -> str:
    """The text of a part; an unknown or wrong charset falls back to UTF-8 with replacement."""
    try:
        return part.get_content()
    except (LookupError, UnicodeError, AssertionError):
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", errors="replace")


def html_to_text(html: str) -> str:
    """Readable text of an HTML email, quoted history (Gmail/Outlook blocks) removed."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "head", "title", "blockquote"]):
        tag.decompose()
    for selector in (
        "div.gmail_quote",
        "div#appendonsend",
        "div#divRplyFwdMsg",
        ".moz-cite-prefix",
    ):
        for tag in soup.select(selector):
            tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(["p", "div", "li", "tr", "h1", "h2", "h3", "h4", "pre", "table"]):
        block.insert_before("\n")
        block.insert_after("\n")
    for link in soup.find_all("a", href=True):
        text = link.get_text(" ", strip=True)
        if link["href"].startswith(("http://", "https://")) and link["href"] != text:
            link.replace_with(f"{text} ({link['href']})" if text else link["href"])
    text = soup.get_text()
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _wrote(text: str) -> bool:
    return bool(re.search(r"\d", text)) and any(p.search(text) for p in WROTE_HEADERS)


def _is_wrote_header(line: str, next_line: str | None) -> bool:
    """This line starts the quote header (alone, or wrapped onto the next line)."""
    if _wrote(line):
        return True
    # Only a wrapped header: when the next line is a whole header by itself, this one is text.
    return next_line is not None and not _wrote(next_line) and _wrote(f"{line} {next_line}")


def reply_text(text: str) -> str:
    """The new part of a reply: cut at the quote header, drop ``>`` lines and the signature."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if any(p.search(line) for p in SEPARATORS) or _is_wrote_header(line, following):
            break
        if SIGNATURE_DELIMITER.match(line):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    result = "\n".join(kept).strip()
    return result or text.strip()


def _body_and_attachments(message: EmailMessage) -> tuple[str, list[ParsedAttachment]]:
    body_part = message.get_body(preferencelist=("plain", "html"))
    text = ""
    if body_part is not None:
        content = _decoded(body_part)
        text = html_to_text(content) if body_part.get_content_subtype() == "html" else content
    attachments = []
    for part in message.iter_attachments():
        if part.is_multipart() or part is body_part:
            continue
        name = part.get_filename() or ""
        data = part.get_payload(decode=True) or b""
        if not name and part.get_content_maintype() == "text":
            continue  # an alternative text part without a name is not a file
        attachments.append(
            ParsedAttachment(
                name=name or "attachment", content_type=part.get_content_type(), data=data
            )
        )
    return text, attachments


def _is_automatic(message: EmailMessage) -> bool:
    auto = _header(message, "auto-submitted").lower()
    if auto and auto != "no":
        return True
    if any(message.get(name) for name in AUTO_HEADERS[1:3]):
        return True
    precedence = _header(message, "precedence").lower()
    return precedence in {"bulk", "junk", "list", "auto_reply"}


def _no_nul(text: str) -> str:
    """NUL bytes are refused by PostgreSQL text columns (and mean nothing in an email's text)."""
    return text.replace("\x00", "")


def parse_email(raw: bytes) -> ParsedEmail:
    """Parse one raw message (never raises on odd input; missing parts come back empty)."""
    parsed = _parse(raw)
    parsed.message_id = _no_nul(parsed.message_id)
    parsed.subject = _no_nul(parsed.subject)
    parsed.sender = _no_nul(parsed.sender)
    parsed.sender_name = _no_nul(parsed.sender_name)
    parsed.recipients = [_no_nul(r) for r in parsed.recipients]
    parsed.text = _no_nul(parsed.text)
    parsed.full_text = _no_nul(parsed.full_text)
    for attachment in parsed.attachments:
        attachment.name = _no_nul(attachment.name)
    return parsed


def _parse(raw: bytes) -> ParsedEmail:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    senders = _addresses(message, ["from"])
    names = getaddresses([_header(message, "from")])
    ids = re.findall(
        r"<[^<>\s]+>", f"{_header(message, 'in-reply-to')} {_header(message, 'references')}"
    )
    text, attachments = _body_and_attachments(message)
    return ParsedEmail(
        message_id=_header(message, "message-id")[:300],
        subject=re.sub(r"\s+", " ", _header(message, "subject")).strip(),
        sender=senders[0] if senders else "",
        sender_name=names[0][0] if names else "",
        recipients=list(dict.fromkeys(_addresses(message, RECIPIENT_HEADERS))),
        references=list(dict.fromkeys(ids)),
        text=reply_text(text),
        full_text=text.strip(),
        attachments=attachments,
        is_automatic=_is_automatic(message),
    )


REPLY_PREFIX = re.compile(
    r"^\s*((re|fwd?|aw|sv|tr|답장|회신|전달|ตอบกลับ|回复|回覆|転送)\s*:\s*)+", re.I
)


def clean_subject(subject: str) -> str:
    """A subject without the "Re:" / "Fwd:" / "답장:" prefixes and our "[#1042]" tag."""
    subject = REPLY_PREFIX.sub("", subject or "")
    subject = re.sub(r"\[#\d+\]\s*", "", subject)
    return REPLY_PREFIX.sub("", subject).strip()
