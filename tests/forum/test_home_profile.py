"""Home page section, profile visibility and publishing posts that waited for approval."""

from __future__ import annotations

import pytest

from community.models import Notification
from forum import selectors, services
from forum.models import Post, PublicationStatus, Thread
from tests.factories import AnswerFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def test_home_context_lists_unanswered_and_solved(category, asker, django_assert_max_num_queries):
    empty = ThreadFactory(category=category, title="Nobody answered this yet")
    solved = ThreadFactory(category=category, author=asker, title="This one is solved")
    services.answer_accept(answer=AnswerFactory(thread=solved), actor=asker)
    with django_assert_max_num_queries(2):
        context = selectors.home_context(None)
    assert context["forum_unanswered"] == [empty]
    assert context["forum_recently_solved"] == [solved]


def test_home_page_shows_forum_section(client, category):
    from community.demo import seed_home_page

    seed_home_page()
    ThreadFactory(category=category, title="Nobody answered this yet")
    assert "Nobody answered this yet" in client.get("/").content.decode()


def test_profile_hides_hidden_posts_from_public_but_not_from_owner(client, answer, expert):
    Post.objects.filter(pk=answer.pk).update(is_hidden=True)
    assert client.get(f"/members/{expert.pk}/").context["forum_answer_count"] == 0
    client.force_login(expert)
    assert client.get(f"/members/{expert.pk}/").context["forum_answer_count"] == 1


def test_post_mark_published_counts_and_notifies(
    thread, asker, member, django_capture_on_commit_callbacks
):
    services.follow_thread(user=asker, thread=thread)
    pending = AnswerFactory(thread=thread, author=member, status=PublicationStatus.PENDING_APPROVAL)
    Thread.objects.filter(pk=thread.pk).update(answer_count=0)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_mark_published(post=pending)
    assert Thread.objects.get(pk=thread.pk).answer_count == 1
    assert Notification.objects.filter(recipient=asker, kind="forum_answer").exists()


def test_question_permalink_goes_to_thread(client, question, thread):
    assert client.get(f"/community/p/{question.pk}/")["Location"] == (
        f"{thread.get_absolute_url()}#post-{question.pk}"
    )
