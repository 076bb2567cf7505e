"""Following threads and categories, and who is notified of what."""

from __future__ import annotations

import pytest

from community.models import Notification
from forum import services
from forum.models import Follow

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _kinds(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_answer_notifies_thread_followers_not_the_answerer(on_commit, asker, expert, category):
    thread = services.thread_create(
        author=asker, category=category, title="Refund for duplicate charge", body="x" * 30
    )
    with on_commit():
        services.answer_create(thread=thread, author=expert, body="Refunds take five days.")
    assert _kinds(asker) == ["forum_answer"]
    assert _kinds(expert) == []
    assert Follow.objects.filter(user=expert, thread=thread).exists()


def test_comment_notifies_followers_and_post_author(
    on_commit, thread, answer, asker, expert, member
):
    services.follow_thread(user=asker, thread=thread)
    with on_commit():
        services.comment_create(post=answer, author=member, body="Same problem here.")
    assert _kinds(expert) == ["forum_comment"]
    assert _kinds(asker) == ["forum_comment"]


def test_mention_notifies_once(on_commit, thread, expert, member):
    services.follow_thread(user=member, thread=thread)
    with on_commit():
        services.answer_create(
            thread=thread, author=expert, body=f"@[Jamie Member]({member.pk}) any idea here?"
        )
    assert _kinds(member) == ["forum_mention"]


def test_category_followers_hear_about_new_threads(on_commit, category, asker, member):
    services.follow_category_toggle(user=member, category=category)
    with on_commit():
        services.thread_create(
            author=asker, category=category, title="Card declined", body="My card is declined."
        )
    assert _kinds(member) == ["forum_new_thread"]


def test_follow_toggle(client, thread, member):
    client.force_login(member)
    client.post(f"/community/t/{thread.pk}/-/follow/")
    assert Follow.objects.filter(user=member, thread=thread).exists()
    client.post(f"/community/t/{thread.pk}/-/follow/")
    assert not Follow.objects.filter(user=member, thread=thread).exists()


def test_unfollowed_member_is_not_notified(on_commit, thread, asker, expert):
    services.follow_thread(user=asker, thread=thread)
    assert services.follow_toggle(user=asker, thread=thread) is False
    with on_commit():
        services.answer_create(thread=thread, author=expert, body="Try the billing page.")
    assert _kinds(asker) == []


def test_email_sent_for_immediate_preference(on_commit, mailoutbox, thread, asker, expert):
    services.follow_thread(user=asker, thread=thread)
    with on_commit():
        services.answer_create(thread=thread, author=expert, body="Try the billing page.")
    assert any("answered" in message.subject for message in mailoutbox)
