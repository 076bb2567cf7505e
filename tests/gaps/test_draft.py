"""Draft article from a gap: prefilled, sanitised, attributed; publishing it closes the gap."""

from __future__ import annotations

import pytest
from django.urls import reverse

from escalation.gaps.detection import gaps_detect
from escalation.gaps.models import Gap, GapStatus
from escalation.gaps.selectors import article_links_for_threads
from tests.gaps.conftest import EXPORT_INVOICES

pytestmark = pytest.mark.django_db


@pytest.fixture
def gap_with_answers(ask, accept, kb):
    threads = [ask(title, body) for title, body in EXPORT_INVOICES]
    accept(
        threads[0],
        "Go to **Billing → Invoices** and press *Export CSV*. <script>alert(1)</script>",
    )
    gaps_detect()
    return Gap.objects.get(), threads


def test_one_post_creates_a_prefilled_draft_in_the_chosen_category(
    client, editor, kb, gap_with_answers
):
    from kb.models import ArticlePage

    gap, threads = gap_with_answers
    client.force_login(editor)
    response = client.post(reverse("gaps:draft", args=[gap.pk]), {"parent": kb.category.pk})
    page = ArticlePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live
    assert page.get_parent().pk == kb.category.pk
    assert page.title == gap.title
    assert page.summary
    html = str(page.body.render_as_block()) if hasattr(page.body, "render_as_block") else ""
    raw = str(page.body.raw_data)
    assert "Export CSV" in raw
    assert "<script>" not in raw
    assert "Accepted answer by" in raw
    assert threads[0].get_absolute_url() in raw
    del html
    gap.refresh_from_db()
    assert gap.article_id == page.pk
    assert gap.status == GapStatus.PLANNED


def test_a_second_draft_is_refused(client, editor, kb, gap_with_answers):
    from kb.models import ArticlePage

    gap, _threads = gap_with_answers
    client.force_login(editor)
    client.post(reverse("gaps:draft", args=[gap.pk]), {"parent": kb.category.pk})
    client.post(reverse("gaps:draft", args=[gap.pk]), {"parent": kb.category.pk})
    assert ArticlePage.objects.count() == 1


def test_publishing_the_draft_closes_the_gap_and_links_the_threads(
    client, editor, kb, gap_with_answers
):
    from kb.models import ArticlePage

    gap, threads = gap_with_answers
    client.force_login(editor)
    client.post(reverse("gaps:draft", args=[gap.pk]), {"parent": kb.category.pk})
    page = ArticlePage.objects.get()
    page.get_latest_revision().publish()
    gap.refresh_from_db()
    assert gap.status == GapStatus.CLOSED
    assert gap.article_url
    links = article_links_for_threads([t.pk for t in threads])
    assert set(links) == {t.pk for t in threads}
    assert links[threads[0].pk]["url"] == gap.article_url


def test_closed_gap_is_not_reopened_by_the_next_run(client, editor, kb, gap_with_answers):
    from kb.models import ArticlePage

    gap, _threads = gap_with_answers
    client.force_login(editor)
    client.post(reverse("gaps:draft", args=[gap.pk]), {"parent": kb.category.pk})
    ArticlePage.objects.get().get_latest_revision().publish()
    gaps_detect()
    gap.refresh_from_db()
    assert gap.status == GapStatus.CLOSED
    assert not Gap.objects.filter(status=GapStatus.OPEN).exists()
