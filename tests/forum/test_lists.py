"""Thread lists, category pages, the thread page and the profile page: filters, sorts, paging,
visibility, and a bounded number of queries whatever the rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum import services
from forum.models import PublicationStatus, Thread
from tests.factories import AnswerFactory, CategoryFactory, CommentFactory, ThreadFactory, make_user

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [t.title for t in response.context["threads"]]


@pytest.fixture
def three_states(category, asker):
    solved = ThreadFactory(category=category, title="Solved one", author=asker)
    answered = ThreadFactory(category=category, title="Answered one")
    empty = ThreadFactory(category=category, title="Empty one")
    services.answer_accept(answer=AnswerFactory(thread=solved), actor=asker)
    AnswerFactory(thread=answered)
    return solved, answered, empty


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("solved", {"Solved one"}),
        ("unsolved", {"Answered one", "Empty one"}),
        ("unanswered", {"Empty one"}),
        ("all", {"Solved one", "Answered one", "Empty one"}),
    ],
)
def test_list_filters(client, three_states, state, expected):
    response = client.get("/community/", {"state": state})
    assert set(_titles(response)) == expected


def test_sort_by_votes(client, category):
    low = ThreadFactory(category=category, title="Low", score=1)
    high = ThreadFactory(category=category, title="High", score=7)
    response = client.get("/community/", {"sort": "votes"})
    assert _titles(response)[:2] == [high.title, low.title]


def test_sort_newest_and_unanswered(client, three_states):
    assert _titles(client.get("/community/", {"sort": "newest"}))[0] == "Empty one"
    assert _titles(client.get("/community/", {"sort": "unanswered"})) == ["Empty one"]


def test_category_page_lists_only_its_threads(client, category):
    other = CategoryFactory(name="Shipping", slug="shipping")
    ThreadFactory(category=category, title="Billing question here")
    ThreadFactory(category=other, title="Shipping question here")
    response = client.get("/community/c/shipping/")
    assert _titles(response) == ["Shipping question here"]


def test_unicode_category_slug(client):
    CategoryFactory(name="계정", slug="계정")
    assert client.get("/community/c/계정/").status_code == 200


def test_list_paginates(client, category):
    ThreadFactory.create_batch(31, category=category)
    response = client.get("/community/", {"page": 2})
    assert len(response.context["threads"]) == 1


def test_thread_page_paginates_answers_past_30(client, thread):
    AnswerFactory.create_batch(31, thread=thread)
    first = client.get(thread.get_absolute_url())
    second = client.get(thread.get_absolute_url(), {"page": 2})
    assert len(first.context["answers"]) == 30 and len(second.context["answers"]) == 1


def test_wrong_slug_redirects_to_canonical_url(client, thread):
    response = client.get(f"/community/t/{thread.pk}/wrong/")
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()


def test_post_permalink_goes_to_its_page(client, thread):
    answers = AnswerFactory.create_batch(31, thread=thread)
    response = client.get(f"/community/p/{answers[-1].pk}/")
    assert response["Location"].endswith(f"?page=2#post-{answers[-1].pk}")


def test_hidden_thread_is_404_for_public_but_visible_to_author_and_staff(
    client, thread, asker, stranger, moderator
):
    Thread.objects.filter(pk=thread.pk).update(is_hidden=True)
    assert client.get(thread.get_absolute_url()).status_code == 404
    client.force_login(stranger)
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert thread.title not in client.get("/community/").content.decode()
    client.force_login(asker)
    assert client.get(thread.get_absolute_url()).status_code == 200
    client.force_login(moderator)
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_escalation_hidden_thread_is_not_public(thread, stranger):
    from forum.permissions import thread_visible_to

    Thread.objects.filter(pk=thread.pk).update(hidden_from_public_reason="escalated")
    assert not thread_visible_to(stranger).filter(pk=thread.pk).exists()


def test_hidden_answer_is_replaced_for_public_and_kept_for_staff(
    client, answer, thread, stranger, moderator, expert
):
    answer.is_hidden = True
    answer.save(update_fields=["is_hidden"])
    client.force_login(stranger)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "This post is hidden by a moderator." in html and "press <strong>Save" not in html
    for viewer in (moderator, expert):
        client.force_login(viewer)
        assert "press <strong>Save" in client.get(thread.get_absolute_url()).content.decode()


def test_pending_answer_is_seen_only_by_author_and_staff(client, thread, member, stranger):
    pending = AnswerFactory(thread=thread, author=member, status=PublicationStatus.PENDING_APPROVAL)
    client.force_login(stranger)
    assert f'id="post-{pending.pk}"' not in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(member)
    assert f'id="post-{pending.pk}"' in client.get(thread.get_absolute_url()).content.decode()


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _fill_threads(category, n: int) -> None:
    for i in range(n):
        thread = ThreadFactory(category=category, author=make_user(f"lister{i}"))
        thread.tags.add(f"tag{i % 7}", "billing")


@pytest.mark.parametrize("rows", [1, 100])
def test_thread_list_queries_are_bounded(
    client, category, member, rows, django_assert_max_num_queries
):
    _fill_threads(category, rows)
    client.force_login(member)
    client.get("/community/")  # warm the session and view counters
    with django_assert_max_num_queries(14):
        client.get("/community/")
    with django_assert_max_num_queries(14):
        client.get(f"/community/c/{category.slug}/", {"sort": "votes", "state": "unsolved"})


@pytest.mark.parametrize("rows", [1, 100])
def test_thread_page_queries_are_bounded(
    client, thread, member, rows, django_assert_max_num_queries
):
    for i in range(rows):
        answer = AnswerFactory(thread=thread, author=make_user(f"answerer{i}"))
        CommentFactory(post=answer, author=answer.author)
    client.force_login(member)
    client.get(thread.get_absolute_url())
    with django_assert_max_num_queries(22):
        client.get(thread.get_absolute_url())


@pytest.mark.parametrize("rows", [1, 100])
def test_profile_page_queries_are_bounded(
    client, category, expert, asker, rows, django_assert_max_num_queries
):
    for i in range(rows):
        thread = ThreadFactory(category=category, author=make_user(f"profq{i}"))
        answer = AnswerFactory(thread=thread, author=expert)
        services.vote_cast(post=answer, voter=asker, value=1)
    with django_assert_max_num_queries(14):
        response = client.get(f"/members/{expert.pk}/")
    assert response.context["forum_answer_count"] == rows
    assert response.context["forum_reputation"] == rows * 10


def test_query_count_does_not_grow_with_rows(client, category, member):
    _fill_threads(category, 2)
    client.force_login(member)
    client.get("/community/")
    small = _count_queries(client, "/community/")
    _fill_threads(CategoryFactory(slug="more"), 60)
    assert _count_queries(client, "/community/") == small
