"""The Acme Cloud demo KB: size, staff-only and Korean/Thai content, idempotency."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from kb.models import ArticleFeedback, ArticlePage, CategoryPage, FAQPage


def kb_counts() -> dict:
    from wagtail.models import Revision

    return {
        "categories": CategoryPage.objects.count(),
        "articles": ArticlePage.objects.count(),
        "faqs": FAQPage.objects.count(),
        "feedback": ArticleFeedback.objects.count(),
        "revisions": Revision.objects.count(),
    }


def test_demo_kb_is_realistic_and_idempotent(db, client):
    call_command("seed_demo", "--no-logins", stdout=StringIO(), stderr=StringIO())
    counts = kb_counts()
    assert counts["categories"] >= 5
    assert counts["articles"] >= 25
    assert counts["faqs"] == 2
    assert ArticlePage.objects.filter(audience="staff").count() >= 3
    titles = list(ArticlePage.objects.values_list("title", flat=True))
    assert any("\uac00" <= ch <= "\ud7a3" for t in titles for ch in t)  # Korean
    assert any("\u0e00" <= ch <= "\u0e7f" for t in titles for ch in t)  # Thai
    call_command("seed_demo", "--no-logins", stdout=StringIO(), stderr=StringIO())
    assert kb_counts() == counts
    for article in ArticlePage.objects.filter(audience="public")[:40]:
        assert client.get(article.url).status_code == 200, article.url
    assert client.get("/kb-tools/health/").status_code == 404
