"""Views: one count per viewer per article per day, no write for repeat requests, rolled up."""

from __future__ import annotations

import datetime
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from kb.models import ArticleDailyViews, ArticleView
from kb.selectors import most_viewed_articles, never_viewed_articles
from kb.services import article_view_record, views_rollup


def test_repeat_views_from_the_same_viewer_count_once(client, public_article):
    for _ in range(5):
        client.get(public_article.url)
    assert ArticleView.objects.filter(article=public_article).count() == 1


def test_repeat_view_costs_no_database_query(public_article, django_assert_num_queries):
    assert article_view_record(article=public_article, viewer="v1") is True
    with django_assert_num_queries(0):
        assert article_view_record(article=public_article, viewer="v1") is False


def test_cold_cache_still_counts_once(public_article):
    from django.core.cache import cache

    article_view_record(article=public_article, viewer="v1")
    cache.clear()  # e.g. another process, or a restart
    assert article_view_record(article=public_article, viewer="v1") is False
    assert ArticleView.objects.count() == 1


def test_different_viewers_each_count(public_article, member):
    Client().get(public_article.url)
    signed_in = Client()
    signed_in.force_login(member)
    signed_in.get(public_article.url)
    other_agent = Client(HTTP_USER_AGENT="Other browser")
    other_agent.get(public_article.url)
    assert ArticleView.objects.count() == 3


def test_viewer_key_stores_no_ip_or_user_id(client, member, public_article):
    client.force_login(member)
    client.get(public_article.url)
    key = ArticleView.objects.get().viewer
    assert "127.0.0.1" not in key and f"user:{member.pk}" not in key


def test_rollup_folds_past_days_into_daily_totals(public_article):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for n in range(3):
        ArticleView.objects.create(article=public_article, day=yesterday, viewer=f"v{n}")
    ArticleView.objects.create(article=public_article, day=timezone.localdate(), viewer="today")
    assert views_rollup() == 1
    assert ArticleDailyViews.objects.get(article=public_article, day=yesterday).views == 3
    assert ArticleView.objects.count() == 1  # today's rows stay until the day is over
    assert views_rollup() == 0  # idempotent


def test_rollup_command_prints_a_summary(public_article):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ArticleView.objects.create(article=public_article, day=yesterday, viewer="v")
    out = StringIO()
    call_command("kb_rollup_views", stdout=out)
    assert "Rolled up 1 article-day view totals." in out.getvalue()


def test_report_sums_rolled_up_and_todays_views(public_article, billing):
    from tests.factories import make_article

    unseen = make_article(billing, "Nobody reads this")
    ArticleDailyViews.objects.create(
        article=public_article, day=timezone.localdate() - datetime.timedelta(days=2), views=4
    )
    ArticleView.objects.create(article=public_article, day=timezone.localdate(), viewer="v")
    top = most_viewed_articles()
    assert [(a.pk, a.views) for a in top] == [(public_article.pk, 5)]
    assert unseen.pk in {a.pk for a in never_viewed_articles()}
    assert public_article.pk not in {a.pk for a in never_viewed_articles()}


def test_preview_is_not_counted(public_article, editor, client):
    client.force_login(editor)
    client.get(f"/admin/pages/{public_article.pk}/edit/preview/")
    assert ArticleView.objects.count() == 0
