"""Fixtures of the forum tests: a category, a question by ``asker`` and an answer by ``expert``."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.factories import AnswerFactory, CategoryFactory, ThreadFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and view counts live in the cache: each test starts empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def category(db):
    return CategoryFactory(name="Billing", slug="billing")


@pytest.fixture
def thread(db, asker, category):
    return ThreadFactory(author=asker, category=category, title="Invoice shows the wrong VAT")


@pytest.fixture
def question(thread):
    return thread.posts.get(kind="question")


@pytest.fixture
def answer(db, thread, expert):
    return AnswerFactory(thread=thread, author=expert)
