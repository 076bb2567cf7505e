"""The moderation rules, tested on the services: each action, its audit row and notification."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from community.models import Notification
from forum import services as forum_services
from forum.models import Post, PostRevision, PublicationStatus, Thread
from forum.moderation import selectors, services
from forum.moderation.models import ActionKind, Flag, ModerationAction, Suspension
from tests.factories import ThreadFactory, make_user


def _last_action():
    return ModerationAction.objects.order_by("-pk").first()


def test_flag_creates_open_flag_and_audit_row(answer, stranger):
    flag = services.flag_create(post=answer, reporter=stranger, reason="spam", note="ads")
    assert flag.status == Flag.Status.OPEN
    action = _last_action()
    assert (action.kind, action.actor, action.post) == (ActionKind.FLAG, stranger, answer)


def test_flagging_twice_keeps_one_open_flag(answer, stranger):
    services.flag_create(post=answer, reporter=stranger, reason="spam")
    services.flag_create(post=answer, reporter=stranger, reason="rude")
    assert Flag.objects.filter(post=answer).count() == 1


def test_author_cannot_flag_own_post(answer, member):
    with pytest.raises(PermissionDenied):
        services.flag_create(post=answer, reporter=member, reason="spam")


def test_unknown_flag_reason_is_refused(answer, stranger):
    with pytest.raises(ValidationError):
        services.flag_create(post=answer, reporter=stranger, reason="boring")


def test_hide_upholds_flags_logs_and_notifies_author(answer, stranger, moderator, member):
    services.flag_create(post=answer, reporter=stranger, reason="spam")
    services.post_hide(post=answer, actor=moderator, reason="Advertising")
    answer.refresh_from_db()
    assert answer.is_hidden and answer.hidden_reason == "Advertising"
    assert Flag.objects.get(post=answer).status == Flag.Status.UPHELD
    action = _last_action()
    assert (action.kind, action.actor, action.reason) == (ActionKind.HIDE, moderator, "Advertising")
    note = Notification.objects.get(recipient=member)
    assert note.kind == "moderation" and "hid your post" in note.title


def test_members_cannot_hide(answer, stranger):
    with pytest.raises(PermissionDenied):
        services.post_hide(post=answer, actor=stranger)
    assert not ModerationAction.objects.filter(kind=ActionKind.HIDE).exists()


def test_hiding_the_question_hides_the_thread_and_unhide_restores(question, moderator):
    services.post_hide(post=question, actor=moderator)
    assert Thread.objects.get(pk=question.thread_id).is_hidden
    services.post_unhide(post=question, actor=moderator)
    assert not Thread.objects.get(pk=question.thread_id).is_hidden
    assert _last_action().kind == ActionKind.UNHIDE


def test_dismiss_flags_leaves_post_visible(answer, stranger, moderator):
    services.flag_create(post=answer, reporter=stranger, reason="rude")
    assert services.flags_dismiss(post=answer, actor=moderator) == 1
    answer.refresh_from_db()
    assert not answer.is_hidden
    assert Flag.objects.get(post=answer).status == Flag.Status.DISMISSED


@pytest.mark.parametrize(
    ("kind", "field", "value"),
    [
        (ActionKind.LOCK, "is_locked", True),
        (ActionKind.PIN, "is_pinned", True),
    ],
)
def test_lock_and_pin_switch_and_log(thread, moderator, asker, kind, field, value):
    services.thread_switch(thread=thread, actor=moderator, kind=kind, reason="tidy")
    thread.refresh_from_db()
    assert getattr(thread, field) is value
    assert _last_action().kind == kind
    assert Notification.objects.filter(recipient=asker, kind="moderation").exists()
    services.thread_switch(
        thread=thread,
        actor=moderator,
        kind=ActionKind.UNLOCK if field == "is_locked" else ActionKind.UNPIN,
    )
    thread.refresh_from_db()
    assert getattr(thread, field) is False


def test_move_records_from_and_to(thread, moderator, other_category):
    services.thread_move(thread=thread, category=other_category, actor=moderator, reason="wrong")
    thread.refresh_from_db()
    assert thread.category == other_category
    assert _last_action().details == {"from": "billing", "to": "accounts"}


def test_close_as_duplicate_links_to_the_canonical_original(thread, moderator, category):
    original = ThreadFactory(category=category, title="Wrong VAT on invoice")
    middle = ThreadFactory(category=category, title="VAT again", duplicate_of=original)
    services.thread_close_duplicate(thread=thread, original=middle, actor=moderator)
    thread.refresh_from_db()
    assert thread.duplicate_of == original and thread.closed_at is not None
    assert _last_action().details["original"] == original.pk
    services.thread_reopen(thread=thread, actor=moderator)
    thread.refresh_from_db()
    assert thread.duplicate_of is None and thread.closed_at is None


def test_thread_cannot_duplicate_itself(thread, moderator):
    with pytest.raises(ValidationError):
        services.thread_close_duplicate(thread=thread, original=thread, actor=moderator)


def test_moderator_edit_keeps_revision_and_logs(answer, moderator, member):
    old = answer.body_markdown
    services.post_edit(post=answer, actor=moderator, body_markdown="A clean answer.", reason="spam")
    answer.refresh_from_db()
    assert answer.body_markdown == "A clean answer." and answer.edited_by == moderator
    revision = PostRevision.objects.get(post=answer)
    assert revision.body_markdown == old and revision.editor == moderator
    assert _last_action().kind == ActionKind.EDIT
    assert Notification.objects.filter(recipient=member, title__contains="edited").exists()


def test_suspension_blocks_participation_until_it_ends(member, moderator, thread):
    from forum.permissions import can_answer

    services.member_suspend(member=member, actor=moderator, days=3, reason="Spam links")
    assert selectors.is_suspended(member)
    assert not can_answer(member, thread)
    later = timezone.now() + timedelta(days=4)
    assert not selectors.is_suspended(member, now=later)
    assert _last_action().target_user == member
    assert Notification.objects.filter(recipient=member, title__contains="suspended").exists()


def test_suspended_member_cannot_post_an_answer(member, moderator, thread):
    services.member_suspend(member=member, actor=moderator, days=1, reason="Cool off")
    with pytest.raises(PermissionDenied):
        forum_services.answer_create(thread=thread, author=member, body="Hello", check_rate=False)


def test_lifting_a_suspension_lets_the_member_post_again(member, moderator):
    suspension = services.member_suspend(member=member, actor=moderator, days=7, reason="x")
    services.suspension_lift(suspension=suspension, actor=moderator)
    assert not selectors.is_suspended(member)
    assert Suspension.objects.get().lifted_by == moderator
    assert _last_action().kind == ActionKind.LIFT_SUSPENSION


def test_moderators_cannot_suspend_each_other_but_admins_can(moderator, admin_user):
    other = make_user("mod2", "Moderator")
    with pytest.raises(PermissionDenied):
        services.member_suspend(member=other, actor=moderator, days=1, reason="x")
    services.member_suspend(member=other, actor=admin_user, days=1, reason="x")
    assert selectors.is_suspended(other)


def test_suspension_needs_a_reason(member, moderator):
    with pytest.raises(ValidationError):
        services.member_suspend(member=member, actor=moderator, days=1, reason=" ")


# --- first posts with links wait for approval ------------------------------------------------


def test_new_member_post_with_link_needs_approval(member):
    assert selectors.needs_approval(member, "See https://cheap.example for deals")
    assert selectors.needs_approval(member, "see [this](http://x.example)")
    assert not selectors.needs_approval(member, "No links in this text at all.")


def test_trusted_members_and_staff_never_wait(expert, moderator):
    assert not selectors.needs_approval(expert, "https://docs.example")
    assert not selectors.needs_approval(moderator, "https://docs.example")


def test_member_with_published_posts_no_longer_waits(member, thread, settings):
    settings.MODERATION_NEW_MEMBER_POSTS = 2
    for n in range(2):
        forum_services.answer_create(
            thread=thread, author=member, body=f"Plain {n}", check_rate=False
        )
    assert not selectors.needs_approval(member, "https://docs.example")


def test_first_answer_with_link_waits_then_approval_publishes(member, thread, moderator):
    answer = forum_services.answer_create(
        thread=thread, author=member, body="Try https://cheap.example", check_rate=False
    )
    assert answer.status == PublicationStatus.PENDING_APPROVAL
    queue = selectors.moderation_queue()
    assert [item.post for item in queue["pending_items"]] == [answer]
    services.post_approve(post=answer, actor=moderator)
    answer.refresh_from_db()
    assert answer.status == PublicationStatus.PUBLISHED
    assert Thread.objects.get(pk=thread.pk).answer_count == 1
    assert _last_action().kind == ActionKind.APPROVE
    assert Notification.objects.filter(recipient=member, title__contains="approved").exists()


def test_rejected_post_stays_unpublished_and_leaves_the_queue(member, thread, moderator):
    answer = forum_services.answer_create(
        thread=thread, author=member, body="Try https://cheap.example", check_rate=False
    )
    services.post_reject(post=answer, actor=moderator, reason="Spam")
    answer = Post.objects.get(pk=answer.pk)
    assert answer.is_hidden and answer.status == PublicationStatus.PENDING_APPROVAL
    assert selectors.moderation_queue()["pending_items"] == []
    assert Notification.objects.filter(recipient=member, title__contains="not approved").exists()


def test_queue_groups_flags_by_post_most_flagged_first(answer, question, stranger, expert):
    services.flag_create(post=question, reporter=stranger, reason="off_topic")
    services.flag_create(post=answer, reporter=stranger, reason="spam")
    services.flag_create(post=answer, reporter=expert, reason="spam")
    items = selectors.moderation_queue()["flagged_items"]
    assert [item.post for item in items] == [answer, question]
    assert items[0].reasons == [("Spam", 2)]
