"""The forum demo: ~60 threads, idempotent, reputation consistent with the ledger."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from community.demo import DemoContext, seed_home_page, seed_users
from community.models import Notification, Profile
from community.reputation import ledger_total
from forum import demo
from forum.models import Category, Post, Thread

pytestmark = pytest.mark.django_db


def _ctx() -> DemoContext:
    users, _ = seed_users("demo-password")
    home, _ = seed_home_page()
    return DemoContext(users=users, home_page=home, progress=lambda n: None)


def test_demo_seeds_realistic_threads_once():
    first = demo.seed(_ctx())
    assert first["forum threads"] >= 55
    counts = (Thread.objects.count(), Post.objects.count(), Category.objects.count())
    second = demo.seed(_ctx())
    assert second["forum threads"] == 0
    assert (Thread.objects.count(), Post.objects.count(), Category.objects.count()) == counts
    assert Category.objects.count() >= 5
    assert Thread.objects.filter(accepted_answer__isnull=False).count() >= 20
    assert Thread.objects.filter(answer_count=0).count() >= 10
    old = timezone.now() - timedelta(days=60)
    assert Thread.objects.filter(
        answer_count=0, created_at__lt=old, accepted_answer__isnull=True
    ).exists()
    assert Thread.objects.filter(title__regex=r"[가-힣]").count() >= 3
    assert Thread.objects.filter(title__regex=r"[ก-๙]").count() >= 3
    assert Notification.objects.count() == 0  # demo data is silent
    for profile in Profile.objects.select_related("user"):
        assert profile.reputation == ledger_total(profile.user)
