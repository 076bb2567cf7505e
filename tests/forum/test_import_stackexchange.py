"""``import_stackexchange``: a realistic small dump, bad rows, idempotency and flat memory."""

from __future__ import annotations

import hashlib
import tracemalloc
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from community.models import Profile, ReputationEvent, User
from community.reputation import ledger_total
from forum.importers import stackexchange as se
from forum.models import Comment, Post, Thread, Vote

USERS = """<?xml version="1.0" encoding="utf-8"?>
<users>
  <row Id="-1" Reputation="1" CreationDate="2014-01-21T19:00:00.000" DisplayName="Community" />
  <row Id="7" Reputation="211" CreationDate="2014-01-21T20:00:00.000" DisplayName="Hop Head" AboutMe="&lt;p&gt;I brew.&lt;/p&gt;" />
  <row Id="12" Reputation="56" CreationDate="2014-01-21T20:05:00.000" DisplayName="김민준" />
  <row Id="25" Reputation="1" CreationDate="not a date" DisplayName="Bad Date Person" />
  <row Id="31" Reputation="18" CreationDate="2014-01-21T20:09:00.000" DisplayName="สมชาย" />
</users>
"""

POSTS = """<?xml version="1.0" encoding="utf-8"?>
<posts>
  <row Id="1" PostTypeId="1" AcceptedAnswerId="4" CreationDate="2014-01-21T20:26:05.383" Score="18" ViewCount="795" Body="&lt;p&gt;What are &lt;a href=&quot;http://hops.example&quot;&gt;citra&lt;/a&gt; hops?&lt;/p&gt;&#xA;&lt;script&gt;alert(1)&lt;/script&gt;" OwnerUserId="7" Title="What is a citra hop?" Tags="&lt;hops&gt;&lt;ingredients&gt;" AnswerCount="2" />
  <row Id="2" PostTypeId="1" CreationDate="2014-01-21T20:27:29.797" Score="3" ViewCount="20" Body="&lt;p&gt;When was beer first brewed?&lt;/p&gt;" OwnerUserId="12" Title="When was the first beer brewed?" Tags="|history|" />
  <row Id="3" PostTypeId="1" CreationDate="2014-01-22T10:00:00.000" Score="1" ViewCount="5" Body="&lt;p&gt;Citra hops, what are they?&lt;/p&gt;" OwnerUserId="31" Title="Citra hops explained?" Tags="&lt;hops&gt;" />
  <row Id="4" PostTypeId="2" ParentId="1" CreationDate="2014-01-21T20:31:18.540" Score="13" Body="&lt;p&gt;A hop variety with &lt;code&gt;citrus&lt;/code&gt; notes.&lt;/p&gt;" OwnerUserId="12" />
  <row Id="5" PostTypeId="2" ParentId="1" CreationDate="2014-01-21T21:00:00.000" Score="-1" Body="&lt;p&gt;No idea.&lt;/p&gt;" OwnerDisplayName="deleted user" />
  <row Id="6" PostTypeId="2" ParentId="999" CreationDate="2014-01-21T21:00:00.000" Score="0" Body="&lt;p&gt;Orphan&lt;/p&gt;" OwnerUserId="7" />
  <row Id="7" PostTypeId="2" ParentId="2" CreationDate="yesterday" Score="0" Body="&lt;p&gt;Bad date&lt;/p&gt;" OwnerUserId="7" />
  <row Id="8" PostTypeId="1" CreationDate="2014-01-21T21:00:00.000" Score="0" Body="&lt;p&gt;No title&lt;/p&gt;" OwnerUserId="7" />
  <row Id="9" PostTypeId="2" ParentId="2" CreationDate="2014-01-23T09:00:00.000" Score="4" OwnerUserId="31" />
  <row Id="10" PostTypeId="5" CreationDate="2014-01-23T09:00:00.000" Body="tag wiki" />
  <row Id="11" PostTypeId="2" ParentId="2" CreationDate="2014-01-24T09:00:00.000" Score="2" Body="&lt;p&gt;Around 5000 BC in Mesopotamia.&lt;/p&gt;" OwnerUserId="44" />
</posts>
"""

COMMENTS = """<?xml version="1.0" encoding="utf-8"?>
<comments>
  <row Id="100" PostId="4" Score="1" Text="Thanks, **that** helps." CreationDate="2014-01-21T21:10:00.000" UserId="7" />
  <row Id="101" PostId="1" Score="0" Text="See also the hops tag." CreationDate="2014-01-21T21:11:00.000" UserDisplayName="ghost" />
  <row Id="102" PostId="4242" Score="0" Text="On a missing post" CreationDate="2014-01-21T21:12:00.000" UserId="7" />
  <row Id="103" PostId="4" Score="0" CreationDate="2014-01-21T21:12:00.000" UserId="7" />
</comments>
"""

VOTES = """<?xml version="1.0" encoding="utf-8"?>
<votes>
  <row Id="500" PostId="4" VoteTypeId="2" CreationDate="2014-01-21T00:00:00.000" UserId="7" />
  <row Id="501" PostId="4" VoteTypeId="2" CreationDate="2014-01-21T00:00:00.000" />
  <row Id="502" PostId="5" VoteTypeId="3" CreationDate="2014-01-21T00:00:00.000" UserId="31" />
  <row Id="503" PostId="1" VoteTypeId="5" CreationDate="2014-01-21T00:00:00.000" UserId="12" />
  <row Id="504" PostId="77777" VoteTypeId="2" CreationDate="2014-01-21T00:00:00.000" />
</votes>
"""

LINKS = """<?xml version="1.0" encoding="utf-8"?>
<postlinks>
  <row Id="900" CreationDate="2014-01-22T11:00:00.000" PostId="3" RelatedPostId="1" LinkTypeId="3" />
  <row Id="901" CreationDate="2014-01-22T11:00:00.000" PostId="2" RelatedPostId="1" LinkTypeId="1" />
  <row Id="902" CreationDate="2014-01-22T11:00:00.000" PostId="3" RelatedPostId="5555" LinkTypeId="3" />
</postlinks>
"""


@pytest.fixture
def dump(tmp_path) -> Path:
    folder = tmp_path / "beer.stackexchange.com"
    folder.mkdir()
    for name, text in {
        "Users.xml": USERS,
        "Posts.xml": POSTS,
        "Comments.xml": COMMENTS,
        "Votes.xml": VOTES,
        "PostLinks.xml": LINKS,
    }.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _import(folder: Path, tmp_path: Path, *extra: str) -> str:
    out = StringIO()
    report = tmp_path / "report.txt"
    call_command(
        "import_stackexchange",
        str(folder),
        "--category",
        "beer",
        "--report",
        str(report),
        *extra,
        stdout=out,
        stderr=StringIO(),
    )
    return out.getvalue()


def _snapshot() -> tuple[dict[str, int], str]:
    """Row counts of every table the import writes, and a checksum of their content."""
    tables = {
        "users": User.objects.order_by("username").values_list("username", "display_name", "email"),
        "profiles": Profile.objects.order_by("user__username").values_list(
            "user__username", "reputation", "bio"
        ),
        "ledger": ReputationEvent.objects.order_by("source").values_list("source", "points"),
        "threads": Thread.objects.order_by("import_id").values_list(
            "import_id",
            "title",
            "answer_count",
            "score",
            "view_count",
            "accepted_answer__import_id",
            "duplicate_of__import_id",
            "last_activity_at",
            "closed_at",
        ),
        "posts": Post.objects.order_by("import_id").values_list(
            "import_id", "kind", "is_accepted", "score", "body_html", "author__username"
        ),
        "comments": Comment.objects.order_by("import_id").values_list("import_id", "body_html"),
        "votes": Vote.objects.order_by("import_id").values_list("import_id", "value"),
    }
    digest = hashlib.sha256()
    counts = {}
    for name, rows in tables.items():
        rows = list(rows)
        counts[name] = len(rows)
        digest.update(repr((name, rows)).encode())
    return counts, digest.hexdigest()


@pytest.mark.django_db
def test_import_builds_threads_answers_comments_votes_and_links(dump, tmp_path):
    summary = _import(dump, tmp_path)
    assert summary.startswith("Imported ")
    citra = Thread.objects.get(import_id="1")
    assert citra.category.slug == "beer"
    assert citra.answer_count == 2 and citra.view_count == 795 and citra.score == 18
    assert citra.accepted_answer.import_id == "4" and citra.is_solved
    assert sorted(citra.tags.names()) == ["hops", "ingredients"]
    assert sorted(Thread.objects.get(import_id="2").tags.names()) == ["history"]
    question = citra.posts.get(kind="question")
    assert (
        "<script>" not in question.body_html and 'rel="nofollow ugc noopener"' in question.body_html
    )
    assert question.body_markdown.startswith("What are [citra](http://hops.example) hops?")
    assert Thread.objects.get(import_id="3").duplicate_of == citra
    assert Post.objects.get(import_id="5").author is None  # a deleted account
    assert Comment.objects.filter(import_source__startswith="stackexchange").count() == 2
    assert Vote.objects.count() == 2  # only votes with a voter; the others are in each Score


@pytest.mark.django_db
def test_imported_members_cannot_sign_in_and_have_placeholder_emails(dump, tmp_path):
    _import(dump, tmp_path)
    member = User.objects.get(display_name="김민준")
    assert not member.has_usable_password()
    assert member.email.endswith("@import.invalid")
    assert member.profile.email_notifications == "never"
    # A member only named by a post (not in Users.xml) is created too.
    assert User.objects.filter(username__endswith="-44").exists()


@pytest.mark.django_db
def test_reputation_is_one_ledger_line_matching_the_cache(dump, tmp_path):
    _import(dump, tmp_path)
    member = User.objects.get(display_name="Hop Head")
    assert member.profile.reputation == 210 == ledger_total(member)


@pytest.mark.django_db
def test_bad_rows_are_reported_and_skipped(dump, tmp_path):
    summary = _import(dump, tmp_path)
    report = (tmp_path / "report.txt").read_text()
    assert "bad rows skipped" in summary and str(tmp_path / "report.txt") in summary
    for expected in [
        "Users.xml row 4 (Id=25): CreationDate is not a date",
        "Posts.xml row 6 (Id=6): unknown parent question 999",
        "Posts.xml row 7 (Id=7): CreationDate is not a date",
        "Posts.xml row 8 (Id=8): question without a Title",
        "Posts.xml row 9 (Id=9): missing Body",
        "Comments.xml row 3 (Id=102): unknown post 4242",
        "Comments.xml row 4 (Id=103): missing Text",
        "Votes.xml row 5 (Id=504): unknown post 77777",
        "PostLinks.xml row 3 (Id=902): duplicate link between unknown questions",
    ]:
        assert expected in report
    # Tag wikis, favourites and "related" links are not errors.
    assert "Id=10)" not in report and "Id=503)" not in report and "Id=901)" not in report
    assert report.count("Id=7)") == 1  # reported once, although Posts.xml is read three times


@pytest.mark.django_db
def test_second_run_changes_nothing(dump, tmp_path):
    _import(dump, tmp_path)
    first = _snapshot()
    summary = _import(dump, tmp_path)
    assert _snapshot() == first
    assert summary.startswith("Imported 0 members, 0 threads, 0 answers, 0 comments, 0 votes")


@pytest.mark.django_db
def test_truncated_xml_keeps_the_rows_before_the_error(dump, tmp_path):
    text = POSTS.split('  <row Id="9"')[0]  # cut mid-document: no closing tag
    (dump / "Posts.xml").write_text(text + '  <row Id="9" PostTypeId=', encoding="utf-8")
    summary = _import(dump, tmp_path)
    assert "1 file errors" in summary
    assert Thread.objects.filter(import_source__startswith="stackexchange").count() == 3
    assert "FILE Posts.xml: XML error" in (tmp_path / "report.txt").read_text()


def test_missing_posts_file_is_a_clear_error(tmp_path, db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("import_stackexchange", str(tmp_path), stdout=StringIO())


def _write_big_posts(path: Path, rows: int) -> None:
    body = "&lt;p&gt;" + ("Brewing question text with some length. " * 20) + "&lt;/p&gt;"
    with path.open("w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="utf-8"?>\n<posts>\n')
        for n in range(1, rows + 1):
            handle.write(
                f'  <row Id="{n}" PostTypeId="1" CreationDate="2015-01-01T00:00:00.000" '
                f'Score="1" Body="{body}" OwnerUserId="{n % 50}" Title="Question {n}" '
                'Tags="&lt;a&gt;&lt;b&gt;" />\n'
            )
        handle.write("</posts>\n")


def test_reader_memory_stays_flat_on_a_large_file(tmp_path):
    """20,000 rows (~20 MB): peak memory is bounded by one row, not by the file."""
    path = tmp_path / "Posts.xml"
    _write_big_posts(path, 20_000)
    assert path.stat().st_size > 15_000_000
    stats = se.ReadStats()
    tracemalloc.start()
    count = sum(1 for _ in se.iter_rows(path, stats))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 20_000 and not stats.file_errors
    assert peak < 2_000_000, f"peak {peak} bytes while reading {path.stat().st_size} bytes"


def test_tags_in_both_dump_formats():
    assert se.parse_tags("<python><Django>") == ["python", "django"]
    assert se.parse_tags("|python|django|") == ["python", "django"]
    assert se.parse_tags("") == []


@pytest.mark.django_db
def test_real_beer_stackexchange_sample_imports(tmp_path):
    """Twelve verbatim rows of the beer.stackexchange.com dump (bench/data, CC BY-SA 3.0)."""
    sample = Path(__file__).resolve().parents[2] / "bench" / "data" / "stackexchange-beer"
    summary = _import(sample, tmp_path, "--site", "beer")
    assert summary.startswith(
        "Imported 6 members, 7 threads, 5 answers, 0 comments, 0 votes, 4 accepted"
    )
    ale = Thread.objects.get(import_id="8")
    assert ale.title == "What is the difference between an ale and a lager?"
    assert ale.accepted_answer.import_id == "18" and ale.answer_count == 2
    assert "Kölsch" in ale.accepted_answer.body_html
    report = (tmp_path / "report.txt").read_text()
    assert "unknown accepted answer 175" in report and report.count("unknown accepted answer") == 3


@pytest.mark.django_db
def test_a_broken_row_mid_file_is_reported_and_the_rows_after_it_import(dump, tmp_path):
    lines = POSTS.splitlines()
    broken = next(line for line in lines if 'Id="2"' in line)
    # An unescaped "<" in an attribute and a control character: not well-formed XML.
    lines[lines.index(broken)] = broken.replace("When was", "When < was\x0b")
    (dump / "Posts.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = _import(dump, tmp_path)
    assert "1 file errors" in summary
    report = (tmp_path / "report.txt").read_text()
    assert "FILE Posts.xml: XML error after row 1" in report
    assert "Posts.xml row 2 (Id=2): malformed XML on line 4" in report
    # Rows after the broken one were read line by line: question 3, answer 4, the accepted link.
    assert set(Thread.objects.values_list("import_id", flat=True)) == {"1", "3"}
    assert Thread.objects.get(import_id="1").accepted_answer.import_id == "4"
    assert Thread.objects.get(import_id="3").duplicate_of.import_id == "1"
    assert _import(dump, tmp_path).startswith("Imported 0 members, 0 threads, 0 answers")


KOREAN_THAI_POSTS = """<?xml version="1.0" encoding="utf-8"?>
<posts>
  <row Id="1" PostTypeId="1" AcceptedAnswerId="2" CreationDate="2020-05-01T08:00:00.000" Score="3" ViewCount="40" Body="&lt;p&gt;송장에 부가세 번호가 잘못 나옵니다. 어떻게 고치나요?&lt;/p&gt;" OwnerUserId="12" Title="송장의 부가세 번호가 틀려요" Tags="&lt;결제&gt;&lt;세금&gt;" ClosedDate="2020-06-01T00:00:00.000" />
  <row Id="2" PostTypeId="2" ParentId="1" CreationDate="2020-05-01T09:00:00.000" Score="5" Body="&lt;p&gt;설정 → 결제에서 번호를 바꾸세요.&lt;/p&gt;&lt;pre class=&quot;lang-py&quot;&gt;&lt;code&gt;vat = &quot;KR123&quot;&lt;/code&gt;&lt;/pre&gt;" OwnerDisplayName="탈퇴한 사용자" />
  <row Id="3" PostTypeId="1" CreationDate="2020-05-02T08:00:00.000" Score="1" ViewCount="9" Body="&lt;p&gt;ใบแจ้งหนี้แสดงเลขภาษีผิดต้องทำอย่างไร&lt;/p&gt;" OwnerDisplayName="สมชาย ใจดี" Title="ใบแจ้งหนี้แสดงเลขภาษีผิด" Tags="|ภาษี|" />
  <row Id="4" PostTypeId="2" ParentId="3" CreationDate="2020-05-02T09:00:00.000" Score="0" Body="&lt;p&gt;Community wiki answer&lt;/p&gt;" OwnerUserId="-1" />
  <row Id="5" PostTypeId="4" CreationDate="2020-05-02T09:00:00.000" Body="tag excerpt" />
  <row Id="6" PostTypeId="5" CreationDate="2020-05-02T09:00:00.000" Body="&lt;p&gt;tag wiki&lt;/p&gt;" />
  <row Id="7" PostTypeId="7" CreationDate="2020-05-02T09:00:00.000" Body="privilege wiki" />
</posts>
"""

KOREAN_THAI_COMMENTS = """<?xml version="1.0" encoding="utf-8"?>
<comments>
  <row Id="30" PostId="2" Score="0" Text="고맙습니다, 됐어요!" CreationDate="2020-05-01T10:00:00.000" UserDisplayName="익명" />
</comments>
"""

KOREAN_THAI_VOTES = """<?xml version="1.0" encoding="utf-8"?>
<votes>
  <row Id="70" PostId="2" VoteTypeId="1" CreationDate="2020-05-01T00:00:00.000" />
  <row Id="71" PostId="2" VoteTypeId="2" CreationDate="2020-05-01T00:00:00.000" />
  <row Id="72" PostId="1" VoteTypeId="5" CreationDate="2020-05-01T00:00:00.000" UserId="12" />
  <row Id="73" PostId="1" VoteTypeId="8" CreationDate="2020-05-01T00:00:00.000" UserId="12" BountyAmount="50" />
  <row Id="74" PostId="3" VoteTypeId="10" CreationDate="2020-05-01T00:00:00.000" />
</votes>
"""

KOREAN_THAI_LINKS = """<?xml version="1.0" encoding="utf-8"?>
<postlinks>
  <row Id="90" CreationDate="2020-05-03T00:00:00.000" PostId="3" RelatedPostId="1" LinkTypeId="1" />
</postlinks>
"""


@pytest.fixture
def korean_thai_dump(tmp_path) -> Path:
    folder = tmp_path / "ko.stackoverflow.com"
    folder.mkdir()
    for name, text in {
        "Posts.xml": KOREAN_THAI_POSTS,
        "Comments.xml": KOREAN_THAI_COMMENTS,
        "Votes.xml": KOREAN_THAI_VOTES,
        "PostLinks.xml": KOREAN_THAI_LINKS,
    }.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.django_db
def test_korean_and_thai_dump_imports_and_renders(korean_thai_dump, tmp_path, client):
    summary = _import(korean_thai_dump, tmp_path)
    assert summary.startswith("Imported 1 members, 2 threads, 2 answers, 1 comments, 0 votes")
    assert "0 bad rows skipped" in summary
    korean = Thread.objects.get(import_id="1")
    assert korean.slug == "송장의-부가세-번호가-틀려요"
    assert sorted(korean.tags.names()) == ["결제", "세금"]
    thai = Thread.objects.get(import_id="3")
    assert thai.slug == "ใบแจ้งหนี้แสดงเลขภาษีผิด" and thai.tags.names()[0] == "ภาษี"
    assert thai.duplicate_of is None  # LinkTypeId 1 is "linked", not a duplicate
    page = client.get(korean.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and "송장의 부가세 번호가 틀려요" in html
    assert "탈퇴한 사용자" in html and "익명" in html  # deleted accounts keep their names
    assert '<code>vat = "KR123"</code></pre>' in html.replace("&quot;", '"')
    thai_page = client.get(thai.get_absolute_url()).content.decode()
    assert "สมชาย ใจดี" in thai_page and "Community" in thai_page
    listing = client.get("/community/c/beer/").content.decode()
    assert "สมชาย ใจดี" in listing


@pytest.mark.django_db
def test_closed_questions_stay_closed_to_new_answers(korean_thai_dump, tmp_path, member):
    from forum import permissions

    _import(korean_thai_dump, tmp_path)
    closed = Thread.objects.get(import_id="1")
    assert closed.is_closed and closed.closed_at.year == 2020
    assert not permissions.can_answer(member, closed)
    assert not Thread.objects.get(import_id="3").is_closed


@pytest.mark.django_db
def test_other_post_vote_and_link_types_are_counted_as_ignored_not_bad(korean_thai_dump, tmp_path):
    summary = _import(korean_thai_dump, tmp_path)
    assert "0 bad rows skipped" in summary and "9 rows of other kinds ignored" in summary
    report = (tmp_path / "report.txt").read_text()
    for expected in [
        "IGNORED 1 × Posts.xml: post type 4 is not a question or an answer",
        "IGNORED 1 × Posts.xml: post type 5 is not a question or an answer",
        "IGNORED 1 × Posts.xml: post type 7 is not a question or an answer",
        "IGNORED 1 × Votes.xml: vote type 1 is not an up or down vote",
        "IGNORED 1 × Votes.xml: vote type 5 is not an up or down vote",
        "IGNORED 1 × Votes.xml: vote type 8 is not an up or down vote",
        "IGNORED 1 × Votes.xml: vote type 10 is not an up or down vote",
        "IGNORED 1 × Votes.xml: up/down votes without a voter (already in the Score)",
        "IGNORED 1 × PostLinks.xml: link type 1 is not a duplicate link",
    ]:
        assert expected in report
    assert Post.objects.get(import_id="2").score == 5  # the dump's Score, votes not re-added
