"""Moderators hide and unhide comments: text gone for the public, kept for staff, logged, told."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from community.models import Notification
from forum.moderation.models import ActionKind, ModerationAction
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spam_comment(answer, stranger):
    return CommentFactory(
        post=answer, author=stranger, body="cheap pills", body_html="<p>CHEAP-PILLS-SPAM</p>"
    )


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_moderator_hides_a_comment_through_the_site(spam_comment, moderator, stranger, thread):
    url = reverse("moderation:comment_action", args=[spam_comment.pk, "hide"])
    page = _client(moderator).get(thread.get_absolute_url()).content.decode()
    assert url in page  # the button is on the thread page for moderators
    response = _client(moderator).post(url, {"reason": "advertising", "next": "/community/"})
    assert response.status_code == 302
    spam_comment.refresh_from_db()
    assert spam_comment.is_hidden
    assert "CHEAP-PILLS-SPAM" not in _client().get(thread.get_absolute_url()).content.decode()
    assert "CHEAP-PILLS-SPAM" in _client(moderator).get(thread.get_absolute_url()).content.decode()
    assert "CHEAP-PILLS-SPAM" in _client(stranger).get(thread.get_absolute_url()).content.decode()
    action = ModerationAction.objects.get(kind=ActionKind.HIDE_COMMENT)
    assert (action.actor, action.reason, action.details) == (
        moderator,
        "advertising",
        {"comment": spam_comment.pk},
    )
    assert Notification.objects.filter(recipient=stranger, kind="moderation").exists()
    _client(moderator).post(reverse("moderation:comment_action", args=[spam_comment.pk, "unhide"]))
    spam_comment.refresh_from_db()
    assert not spam_comment.is_hidden
    assert "CHEAP-PILLS-SPAM" in _client().get(thread.get_absolute_url()).content.decode()


@pytest.mark.parametrize("persona", [None, "member", "agent", "stranger"])
def test_comment_actions_are_404_for_non_moderators_and_post_only(
    request, spam_comment, persona, moderator
):
    user = request.getfixturevalue(persona) if persona else None
    url = reverse("moderation:comment_action", args=[spam_comment.pk, "hide"])
    assert _client(user).post(url).status_code in {302, 404}  # anonymous: sign in first
    spam_comment.refresh_from_db()
    assert not spam_comment.is_hidden
    assert _client(moderator).get(url).status_code == 405
    assert _client(moderator).post(url.replace("/hide/", "/explode/")).status_code == 404
