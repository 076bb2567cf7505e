"""Fixtures of the moderation tests: a thread by ``asker`` with an answer by ``member``."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.factories import AnswerFactory, CategoryFactory, ThreadFactory


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    settings.FORUM_POST_RATE_LIMIT = 1000
    settings.FORUM_VOTE_RATE_LIMIT = 1000
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def category(db):
    return CategoryFactory(name="Billing", slug="billing")


@pytest.fixture
def other_category(db):
    return CategoryFactory(name="Accounts", slug="accounts")


@pytest.fixture
def thread(db, asker, category):
    return ThreadFactory(author=asker, category=category, title="Invoice shows the wrong VAT")


@pytest.fixture
def question(thread):
    return thread.posts.get(kind="question")


@pytest.fixture
def answer(db, thread, member):
    return AnswerFactory(
        thread=thread,
        author=member,
        body_markdown="Buy cheap watches at spam.example",
        body_html="<p>Buy cheap watches at spam.example SECRET-SPAM-TEXT</p>",
    )
