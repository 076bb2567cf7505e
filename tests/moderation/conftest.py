"""Fixtures of the moderation tests: a thread by ``asker`` with an answer by ``member``."""

from __future__ import annotations

import pytest

from tests.factories import AnswerFactory, CategoryFactory


@pytest.fixture
def other_category(db):
    return CategoryFactory(name="Accounts", slug="accounts")


@pytest.fixture
def answer(db, thread, member):
    return AnswerFactory(
        thread=thread,
        author=member,
        body_markdown="Buy cheap watches at spam.example",
        body_html="<p>Buy cheap watches at spam.example SECRET-SPAM-TEXT</p>",
    )
