"""Every forum list, the thread page (for each kind of viewer) and the profile page run the same
number of SQL queries with 1 row as with 100."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum import services
from forum.moderation import services as moderation
from tests.factories import AnswerFactory, CommentFactory, ThreadFactory, make_user

pytestmark = pytest.mark.django_db


def _queries(client: Client, url: str, **params) -> int:
    client.get(url, params)  # warm: session, view counter, per-request caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _same_with_1_and_100(add_rows: Callable[[int, int], None], measure: Callable[[], int]) -> int:
    add_rows(0, 1)
    one = measure()
    add_rows(1, 100)
    hundred = measure()
    assert hundred == one, f"{one} queries with 1 row, {hundred} with 100"
    return one


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("viewer", ["anonymous", "member", "moderator"])
def test_thread_page_same_queries_with_1_and_100_answers(thread, viewer, member, moderator):
    client = _client({"anonymous": None, "member": member, "moderator": moderator}[viewer])
    question = thread.posts.get(kind="question")

    def add(start: int, end: int) -> None:
        for i in range(start, end):
            author = make_user(f"answerer{i}")
            answer = AnswerFactory(thread=thread, author=author)
            CommentFactory(post=answer, author=author)
            CommentFactory(post=question, author=author)
            if i % 3 == 0:
                services.vote_cast(post=answer, voter=member, value=1, check_rate=False)

    count = _same_with_1_and_100(add, lambda: _queries(client, thread.get_absolute_url()))
    assert count <= 30


@pytest.mark.parametrize("params", [{}, {"sort": "votes", "state": "unsolved"}, {"tag": "vat"}])
def test_thread_lists_same_queries_with_1_and_100_threads(category, member, params):
    client = _client(member)

    def add(start: int, end: int) -> None:
        for i in range(start, end):
            thread = ThreadFactory(category=category, author=make_user(f"lister{i}"))
            thread.tags.add("vat", f"tag{i % 9}")
            AnswerFactory(thread=thread, author=make_user(f"lister-answer{i}"))

    _same_with_1_and_100(add, lambda: _queries(client, "/community/", **params))
    assert _queries(client, category.get_absolute_url(), **params) <= 16


def test_profile_page_same_queries_with_1_and_100_posts(category, expert, asker):
    def add(start: int, end: int) -> None:
        for i in range(start, end):
            thread = ThreadFactory(category=category, author=make_user(f"profq{i}"))
            answer = AnswerFactory(thread=thread, author=expert)
            services.vote_cast(post=answer, voter=asker, value=1, check_rate=False)
            ThreadFactory(category=category, author=expert)

    _same_with_1_and_100(add, lambda: _queries(_client(), f"/members/{expert.pk}/"))


def test_leaderboard_same_queries_with_1_and_100_members(category, asker):
    def add(start: int, end: int) -> None:
        thread = ThreadFactory(category=category, author=asker)
        for i in range(start, end):
            answer = AnswerFactory(thread=thread, author=make_user(f"leader{i}"))
            services.vote_cast(post=answer, voter=asker, value=1, check_rate=False)

    _same_with_1_and_100(add, lambda: _queries(_client(), reverse("forum:leaderboard")))


def test_moderation_queue_and_log_same_queries_with_1_and_100_rows(thread, moderator):
    client = _client(moderator)

    def add(start: int, end: int) -> None:
        for i in range(start, end):
            answer = AnswerFactory(thread=thread, author=make_user(f"flagged{i}"))
            moderation.flag_create(post=answer, reporter=make_user(f"reporter{i}"), reason="spam")
            AnswerFactory(thread=thread, author=make_user(f"pending{i}"), status="pending_approval")

    _same_with_1_and_100(add, lambda: _queries(client, reverse("moderation:queue")))
    assert _queries(client, reverse("moderation:log")) <= 12

    def hide(start: int, end: int) -> None:
        for i in range(start, end):
            answer = AnswerFactory(thread=thread, author=make_user(f"hidden{i}"))
            moderation.post_hide(post=answer, actor=moderator, reason=f"spam {i}")

    _same_with_1_and_100(hide, lambda: _queries(client, reverse("moderation:log")))


def test_post_history_same_queries_with_1_and_100_revisions(question, moderator):
    client = _client(moderator)

    def add(start: int, end: int) -> None:
        for i in range(start, end):
            services.post_edit(
                post=question,
                editor=make_user(f"editor{i}", "Moderator"),
                body=f"Edited text number {i} of this question.",
            )

    url = reverse("moderation:history", args=[question.pk])
    _same_with_1_and_100(add, lambda: _queries(client, url))
