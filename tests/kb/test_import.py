"""``import_articles``: front matter, categories, idempotency, drafts, bad files, sanitizing."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from kb.models import ArticlePage, CategoryPage

REFUND_MD = """---
title: Refund a shop order
category: Billing/Refunds
tags: [refunds, orders]
summary: Return money to a customer.
slug: refund-a-shop-order
---
# Refund a shop order

1. Open the order.
2. Click **Refund**.

<script>alert("x")</script>
"""

SECRET_HTML = """---
title: Agent refund limits
category: Agent playbooks
audience: staff
tags: internal, refunds
---
<h2>Limits</h2><p onclick="x()">Up to 200 EUR.</p>
"""

KOREAN_MD = """---
title: 비밀번호 재설정
category: 계정
---
메일의 링크를 누르세요.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path):
    write(tmp_path, "refund.md", REFUND_MD)
    write(tmp_path, "internal/limits.html", SECRET_HTML)
    write(tmp_path, "ko/password.md", KOREAN_MD)
    write(tmp_path, "broken.md", "---\ntitle: [unclosed\n---\nbody")
    write(tmp_path, "notitle.md", "---\nsummary: no title\n---\nbody")
    write(tmp_path, "notes.txt", "ignored")
    return tmp_path


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_creates_published_articles_and_missing_categories(kb_home, folder):
    out, err = run(folder)
    assert "5 files (published): 3 created, 0 updated, 0 unchanged, 2 failed." in out
    assert "broken.md" in err and "notitle.md" in err and "no title" in err
    refund = ArticlePage.objects.get(slug="refund-a-shop-order")
    assert refund.live and refund.summary == "Return money to a customer."
    assert [p.title for p in refund.get_ancestors()[2:]] == ["Knowledge base", "Billing", "Refunds"]
    assert sorted(refund.tags.names()) == ["orders", "refunds"]
    assert CategoryPage.objects.filter(title="Refunds", live=True).exists()
    limits = ArticlePage.objects.get(title="Agent refund limits")
    assert limits.audience == "staff"
    assert ArticlePage.objects.get(title="비밀번호 재설정").slug == "비밀번호-재설정"


def test_import_body_goes_through_the_sanitizer(kb_home, folder, client):
    run(folder)
    refund = ArticlePage.objects.get(slug="refund-a-shop-order")
    html = refund.body.raw_data[0]["value"]
    assert "<script>" not in html and "<strong>Refund</strong>" in html
    limits = ArticlePage.objects.get(title="Agent refund limits")
    assert "onclick" not in limits.body.raw_data[0]["value"]
    page = client.get(refund.url).content.decode()
    assert "<ol>" in page
    assert '<script>alert("x")' not in page  # raw HTML in Markdown is shown as text
    assert "&lt;script&gt;" in page


def test_second_run_updates_nothing_and_duplicates_nothing(kb_home, folder):
    run(folder)
    revisions = {a.pk: a.revisions.count() for a in ArticlePage.objects.all()}
    out, _ = run(folder)
    assert "0 created, 0 updated, 3 unchanged, 2 failed." in out
    assert ArticlePage.objects.count() == 3
    assert {a.pk: a.revisions.count() for a in ArticlePage.objects.all()} == revisions


def test_changed_file_updates_the_article_keyed_by_slug(kb_home, folder):
    run(folder)
    write(folder, "refund.md", REFUND_MD.replace("Return money", "Give money back"))
    out, _ = run(folder)
    assert "0 created, 1 updated, 2 unchanged" in out
    assert ArticlePage.objects.get(slug="refund-a-shop-order").summary.startswith("Give money")
    assert ArticlePage.objects.filter(slug="refund-a-shop-order").count() == 1


def test_draft_flag_saves_unpublished_articles(kb_home, folder, client):
    out, _ = run(folder, "--draft")
    assert "(drafts): 3 created" in out
    refund = ArticlePage.objects.get(slug="refund-a-shop-order")
    assert not refund.live and refund.has_unpublished_changes


def test_missing_path_is_an_error(kb_home, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run(tmp_path / "nope")
