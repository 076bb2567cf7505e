"""Rebuild Stack Exchange dump files (Posts.xml, PostLinks.xml) from CSV question rows.

Usage: python bench/data/build_se_from_csv.py DIR

DIR holds ``dups.csv`` (columns q1_title, q1_body, q1_id, q2_title, q2_body, q2_id,
duplicate_label: q1 was closed as a duplicate of q2) and optionally ``others.csv``
(q2_title, q2_body, q2_id: unrelated questions), copied verbatim from the
``Delaminer/eecs487-finalproject`` dataset CSV (plain text, HTML already stripped).

Each distinct question id becomes one ``PostTypeId="1"`` row; its body is HTML-escaped
into ``<p>`` paragraphs (blank lines) with ``<br>`` for single line breaks. The site's
"Possible Duplicate(s): <titles>" notice at the start of a body is removed, because it
names the answer. Each duplicate row gives one ``LinkTypeId="3"`` link. Dates, scores and
link ids are placeholders.
"""

from __future__ import annotations

import csv
import html
import re
import sys
from pathlib import Path

DATE = "2010-01-01T00:00:00.000"
NOTICE = re.compile(r"^(Possible )?Duplicates?:\s*$")


def strip_notice(body: str) -> tuple[str, bool]:
    """Drop a leading 'Possible Duplicate:' block (up to the first blank line)."""
    lines = body.strip("\n").split("\n")
    if not lines or not NOTICE.match(lines[0].strip()):
        return body, False
    rest = lines[1:]
    while rest and rest[0].strip():
        rest.pop(0)
    return "\n".join(rest), True


def to_html(text: str) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip("\n")) if p.strip()]
    return "".join(
        "<p>" + "<br>\n".join(html.escape(line) for line in p.split("\n")) + "</p>\n"
        for p in paragraphs
    )


def attr(value: str) -> str:
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace('"', "&quot;").replace("\n", "&#xA;")


def main(directory: Path) -> None:
    posts: dict[int, tuple[str, str]] = {}
    links: list[tuple[int, int]] = []
    removed = 0

    def add(pid: str, title: str, body: str) -> None:
        nonlocal removed
        key = int(pid)
        if key in posts:
            return
        body, stripped = strip_notice(body)
        removed += stripped
        posts[key] = (title, body)

    with (directory / "dups.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            add(row["q1_id"], row["q1_title"], row["q1_body"])
            add(row["q2_id"], row["q2_title"], row["q2_body"])
            if row["duplicate_label"] == "1":
                pair = (int(row["q1_id"]), int(row["q2_id"]))
                if pair not in links:
                    links.append(pair)
    others = directory / "others.csv"
    if others.exists():
        with others.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                add(row["q2_id"], row["q2_title"], row["q2_body"])

    rows = [
        f'  <row Id="{pid}" PostTypeId="1" CreationDate="{DATE}" Score="0" '
        f'Body="{attr(to_html(body))}" Title="{attr(title)}" />'
        for pid, (title, body) in sorted(posts.items())
    ]
    (directory / "Posts.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<posts>\n' + "\n".join(rows) + "\n</posts>\n",
        encoding="utf-8",
    )
    link_rows = [
        f'  <row Id="{n}" CreationDate="{DATE}" PostId="{a}" RelatedPostId="{b}" LinkTypeId="3" />'
        for n, (a, b) in enumerate(links, 1)
    ]
    (directory / "PostLinks.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<postlinks>\n'
        + "\n".join(link_rows)
        + "\n</postlinks>\n",
        encoding="utf-8",
    )
    print(f"{len(posts)} questions, {len(links)} duplicate links, {removed} notices removed")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
