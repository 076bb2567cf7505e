"""Fixtures of the search tests: a real Whoosh index, KB pages and forum threads to find."""

from __future__ import annotations

import itertools
from contextlib import contextmanager

import pytest
from django.db import transaction

from community.search import corpus

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _fresh_corpus():
    corpus.reset()
    yield
    corpus.reset()


@contextmanager
def _commit_callbacks_run():
    """Run (and forget) the on-commit callbacks registered inside the block, as a commit would.

    Tests run inside a transaction that never commits; pytest-django's capture fixture runs
    callbacks but leaves them pending, which would hide later re-index requests.
    """
    connection = transaction.get_connection()
    start = len(connection.run_on_commit)
    yield
    while len(connection.run_on_commit) > start:
        _sids, func, _robust = connection.run_on_commit.pop(start)
        func()


@pytest.fixture
def index(search_index):
    """A real empty Whoosh index; content created inside ``index.indexing()`` gets indexed."""

    class Indexer:
        path = search_index

        def indexing(self):
            return _commit_callbacks_run()

    return Indexer()


@pytest.fixture
def kb(db):
    """The KB home with an "Account" category, returning a helper that publishes articles."""
    from wagtail.models import Page, Site

    from community.demo import tree_root_create
    from community.models import HomePage
    from kb.models import CategoryPage, KnowledgeBaseIndexPage

    # A home of our own beside Wagtail's welcome page (deleting pages cascades into other
    # apps' tables, which these tests should not depend on).
    home = HomePage(title="Help Center", slug="help-center")
    (Page.get_first_root_node() or tree_root_create()).add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.save()
    kb_home = KnowledgeBaseIndexPage(title="Knowledge base", slug="kb")
    home.add_child(instance=kb_home)
    kb_home.save_revision().publish()
    category = CategoryPage(title="Account", slug="account")
    kb_home.add_child(instance=category)
    category.save_revision().publish()

    class KB:
        home = kb_home

        def __init__(self):
            self.category = category

        def article(self, title, body="", *, summary="Summary.", audience="public", tags=()):
            from kb.models import ArticlePage

            page = ArticlePage(
                title=title,
                slug=f"a-{next(_counter)}",
                summary=summary,
                audience=audience,
            )
            page.body = [{"type": "paragraph", "value": f"<p>{body}</p>"}] if body else []
            page.tags.set(list(tags))
            self.category.add_child(instance=page)
            page.save_revision().publish()
            return page

        def faq(self, title, questions, *, audience="public"):
            from kb.models import FAQPage

            page = FAQPage(title=title, slug=f"f-{next(_counter)}", audience=audience)
            page.questions = [
                {"type": "qa", "value": {"question": q, "answer": f"<p>{a}</p>"}}
                for q, a in questions
            ]
            self.category.add_child(instance=page)
            page.save_revision().publish()
            return page

    return KB()


@pytest.fixture
def forum(db, asker, expert):
    """A helper that creates threads with a question and answers."""
    from forum.models import Category, Post, Thread

    general = Category.objects.create(name="General", slug="general")

    class Forum:
        category = general

        def thread(
            self,
            title,
            question="",
            answers=(),
            *,
            accepted=None,
            tags=(),
            hidden=False,
            hidden_reason="",
            category=None,
            score=0,
        ):
            thread = Thread.objects.create(
                category=category or general,
                title=title,
                slug=f"t-{next(_counter)}",
                author=asker,
                is_hidden=hidden,
                hidden_from_public_reason=hidden_reason,
                score=score,
            )
            Post.objects.create(
                thread=thread,
                author=asker,
                kind=Post.Kind.QUESTION,
                body_markdown=question or title,
            )
            posts = []
            for i, text in enumerate(answers):
                post = Post.objects.create(
                    thread=thread,
                    author=expert,
                    kind=Post.Kind.ANSWER,
                    body_markdown=text,
                    is_accepted=(i == accepted),
                )
                posts.append(post)
            if tags:
                thread.tags.set(list(tags))
            if accepted is not None:
                thread.accepted_answer = posts[accepted]
                thread.save(update_fields=["accepted_answer"])
            thread.answer_list = posts
            return thread

    return Forum()


@pytest.fixture(autouse=True)
def _lexical_similarity_by_default(monkeypatch):
    """The optional MiniLM model is slow to load; tests that want it ask for it."""
    monkeypatch.setenv("SEARCH_EMBEDDINGS", "off")
    monkeypatch.setenv("SEARCH_EMBEDDINGS_STORE", "off")  # never the real var/ directory
