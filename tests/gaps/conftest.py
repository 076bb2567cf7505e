"""Fixtures of the KB-gap tests: threads, tickets and KB articles made in one line each."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import AnswerFactory, ThreadFactory, make_user

_counter = itertools.count(1)

# One question asked in many words: the planted topic of these tests.
EXPORT_INVOICES = [
    ("How do I export my invoices to CSV?", "I need all invoices from last year as a CSV file."),
    ("Export invoices as csv file", "Where is the button to download the invoice list as CSV?"),
    ("Can't find how to export invoice history to CSV", "Accountant wants a CSV of invoices."),
    ("Invoice CSV export missing", "Is there any way to export invoices to a spreadsheet (csv)?"),
]


@pytest.fixture
def ask(db):
    """``ask(title, body, days_ago=1, author=None)`` posts a question thread by a new member."""

    def make(title, body="", *, days_ago: float = 1, author=None, **fields):
        author = author or make_user(f"asker{next(_counter)}")
        created = timezone.now() - timedelta(days=days_ago)
        return ThreadFactory(
            title=title,
            body=body or title,
            author=author,
            created_at=created,
            last_activity_at=created,
            **fields,
        )

    return make


@pytest.fixture
def accept(db):
    """``accept(thread, text)`` adds an answer and marks it accepted."""

    def make(thread, text, *, author=None):
        from forum.models import Thread

        answer = AnswerFactory(
            thread=thread, author=author or make_user(f"expert{next(_counter)}"), body_markdown=text
        )
        answer.is_accepted = True
        answer.save(update_fields=["is_accepted"])
        Thread.objects.filter(pk=thread.pk).update(accepted_answer=answer)
        thread.refresh_from_db()
        return answer

    return make


@pytest.fixture
def kb(db):
    """The KB home with a "Billing" category; ``kb.article(title, body)`` publishes an article."""
    from community.demo import seed_home_page
    from kb.models import CategoryPage, KnowledgeBaseIndexPage

    home, _created = seed_home_page()
    kb_home = KnowledgeBaseIndexPage(title="Knowledge base", slug="kb")
    home.add_child(instance=kb_home)
    kb_home.save_revision().publish()
    category = CategoryPage(title="Billing", slug="billing")
    kb_home.add_child(instance=category)
    category.save_revision().publish()

    class KB:
        def __init__(self):
            self.home, self.category = kb_home, category

        def article(self, title, body="", *, summary="Summary."):
            from kb.models import ArticlePage

            page = ArticlePage(title=title, slug=f"gap-a-{next(_counter)}", summary=summary)
            page.body = [{"type": "paragraph", "value": f"<p>{body}</p>"}] if body else []
            self.category.add_child(instance=page)
            page.save_revision().publish()
            return page

    return KB()
