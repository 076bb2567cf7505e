"""View counts: one per viewer per day, no write for a repeated view."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from forum.models import Thread, ThreadView
from forum.services import thread_view_record

pytestmark = pytest.mark.django_db


def test_one_view_per_member_per_day(client, thread, member, stranger):
    client.force_login(member)
    client.get(thread.get_absolute_url())
    client.get(thread.get_absolute_url())
    client.force_login(stranger)
    client.get(thread.get_absolute_url())
    assert Thread.objects.get(pk=thread.pk).view_count == 2


def test_repeated_view_writes_nothing(thread, django_assert_num_queries):
    thread_view_record(thread=thread, viewer_key="u1")
    with django_assert_num_queries(0):
        assert thread_view_record(thread=thread, viewer_key="u1") is False


def test_forgotten_cache_does_not_double_count(thread):
    thread_view_record(thread=thread, viewer_key="u1")
    cache.clear()
    assert thread_view_record(thread=thread, viewer_key="u1") is False
    assert Thread.objects.get(pk=thread.pk).view_count == 1
    assert ThreadView.objects.count() == 1
