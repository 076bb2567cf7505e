"""Fixtures of the forum tests: a category, a question by ``asker`` and an answer by ``expert``."""

from __future__ import annotations

import pytest

from tests.factories import AnswerFactory


@pytest.fixture
def answer(db, thread, expert):
    return AnswerFactory(thread=thread, author=expert)


@pytest.fixture
def kb_article(db):
    """A published public KB article at /kb/account/<slug>/ (for KB cards)."""
    from community.demo import seed_home_page
    from kb.models import ArticlePage, CategoryPage, KnowledgeBaseIndexPage

    home, _ = seed_home_page()
    kb_home = KnowledgeBaseIndexPage(title="Knowledge base", slug="kb")
    home.add_child(instance=kb_home)
    kb_home.save_revision().publish()
    kb_category = CategoryPage(title="Account", slug="account")
    kb_home.add_child(instance=kb_category)
    kb_category.save_revision().publish()
    page = ArticlePage(
        title="Change your VAT number", slug="change-vat", summary="Update the VAT id on invoices."
    )
    page.body = []
    kb_category.add_child(instance=page)
    page.save_revision().publish()
    return page
