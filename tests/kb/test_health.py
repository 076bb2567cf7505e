"""The staff KB health report, its admin menu item and the dashboard panel."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kb.models import ArticleFeedback
from kb.selectors import articles_due_for_review, least_helpful_articles
from tests.factories import make_article
from tests.kb.conftest import STAFF_VIEWERS, client_for


def test_health_report_is_staff_only(client, viewer, kb_home):
    name, user = viewer
    response = client_for(client, user).get("/kb-tools/health/")
    assert response.status_code == (200 if name in STAFF_VIEWERS else 404)


def test_due_for_review_uses_kb_review_days(billing, settings):
    settings.KB_REVIEW_DAYS = 30
    today = timezone.localdate()
    fresh = make_article(billing, "Fresh", last_reviewed_at=today - datetime.timedelta(days=5))
    stale = make_article(billing, "Stale", last_reviewed_at=today - datetime.timedelta(days=40))
    never = make_article(billing, "Never reviewed")
    due = [a.pk for a in articles_due_for_review()]
    assert due == [never.pk, stale.pk]
    assert fresh.pk not in due


def test_least_helpful_orders_by_ratio_and_keeps_comments(billing):
    bad = make_article(billing, "Bad")
    meh = make_article(billing, "Meh")
    good = make_article(billing, "Good")
    for n, helpful in enumerate([False, False, True]):
        ArticleFeedback.objects.create(
            article=bad, session_key=f"b{n}", is_helpful=helpful, comment="Wrong *menu*"
        )
    for n, helpful in enumerate([True, True, False]):
        ArticleFeedback.objects.create(article=meh, session_key=f"m{n}", is_helpful=helpful)
    ArticleFeedback.objects.create(article=good, session_key="g", is_helpful=True)
    ranked = least_helpful_articles()
    assert [a.pk for a in ranked] == [bad.pk, meh.pk]
    assert (ranked[0].yes, ranked[0].no) == (1, 2)
    assert len(ranked[0].recent_comments) == 3


def test_report_renders_feedback_comments_through_the_sanitizer(client, agent, public_article):
    ArticleFeedback.objects.create(
        article=public_article,
        session_key="s",
        is_helpful=False,
        comment="<script>alert(1)</script> Step **3** is wrong",
    )
    client.force_login(agent)
    html = client.get("/kb-tools/health/").content.decode()
    assert "<script>alert(1)" not in html
    assert "<strong>3</strong>" in html
    assert public_article.title in html


def test_admin_menu_has_the_health_report_for_staff(client, editor, kb_home):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "/kb-tools/health/" in html


def test_admin_dashboard_panel_lists_due_and_least_helpful(client, editor, billing):
    stale = make_article(billing, "Stale article")
    ArticleFeedback.objects.create(article=stale, session_key="s", is_helpful=False)
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Knowledge base health" in html
    assert "Stale article" in html


def _count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up: session and site lookups are cached after the first request
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_health_report_query_count_does_not_grow_with_articles(client, agent, billing):
    from tests.factories import UserFactory

    def add_articles(start: int, count: int) -> None:
        for n in range(start, start + count):
            article = make_article(billing, f"Article {n}")
            type(article).objects.filter(pk=article.pk).update(owner=agent)
            voter = UserFactory(username=f"voter-{n}")
            ArticleFeedback.objects.create(
                article=article, user=voter, is_helpful=False, comment=f"Unclear step {n}"
            )

    client.force_login(agent)
    add_articles(0, 1)
    few = _count_queries(client, "/kb-tools/health/")
    add_articles(1, 30)
    many = _count_queries(client, "/kb-tools/health/")
    assert many == few, (few, many)


def test_sitemap_query_count_does_not_grow_with_categories(client, kb_home):
    from tests.factories import make_category

    def add_categories(start: int, count: int) -> None:
        for n in range(start, start + count):
            make_article(make_category(kb_home, f"Topic {n}"), f"Guide {n}")

    add_categories(0, 1)
    few = _count_queries(client, "/sitemap.xml")
    add_categories(1, 30)
    many = _count_queries(client, "/sitemap.xml")
    assert many == few, (few, many)
