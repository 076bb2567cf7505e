"""Races on PostgreSQL with real threads: one ticket per thread, unique ticket numbers."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.utils import timezone

from escalation.models import Ticket
from escalation.services.forum import threads_escalate_stale
from tests.factories import CategoryFactory, ThreadFactory, make_ticket, make_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKERS = 4


def _race(function):
    barrier = threading.Barrier(WORKERS)

    def run(_index):
        try:
            barrier.wait(timeout=10)
            return function()
        finally:
            connection.close()

    with ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(run, range(WORKERS)))


def test_concurrent_sweeps_make_exactly_one_ticket_per_thread():
    asker = make_user("race-asker", display_name="Racer")
    category = CategoryFactory(escalation_enabled=True, escalate_unanswered_after_hours=1)
    threads = [
        ThreadFactory(
            category=category, author=asker, created_at=timezone.now() - dt.timedelta(hours=5)
        )
        for _ in range(3)
    ]
    results = _race(threads_escalate_stale)
    assert sum(results) == 3
    for thread in threads:
        assert Ticket.objects.filter(source_thread=thread).count() == 1


def test_concurrent_creations_get_unique_sequential_numbers():
    asker = make_user("race-numbers", display_name="Numbers")
    numbers = _race(lambda: make_ticket(asker).number)
    assert len(set(numbers)) == WORKERS
    assert max(numbers) - min(numbers) == WORKERS - 1
