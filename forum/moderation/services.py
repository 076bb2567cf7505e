"""Every moderation write: one atomic function per action, with its audit row and notification.

Each service locks the row it changes (``select_for_update``), re-checks the permission, writes
the change and a ``ModerationAction`` in the same transaction, and notifies the post's author
(``community.notifications.notify`` records the bell item in the transaction; its email goes out
after commit).
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community import roles
from community.notifications import notify
from forum import services as forum_services
from forum.models import Category, Comment, Post, PublicationStatus, Thread
from forum.moderation.models import ActionKind, Flag, FlagReason, ModerationAction, Suspension
from forum.moderation.permissions import can_flag, can_suspend

NOTIFICATION_KIND = "moderation"


def _require_moderator(actor) -> None:
    if not roles.can_moderate(actor):
        raise PermissionDenied(_("Only moderators may do this."))


def thread_url(thread: Thread) -> str:
    try:
        return thread.get_absolute_url()
    except NoReverseMatch:  # the forum's pages are not mounted (e.g. a bare test URLconf)
        return ""


def _log(*, actor, kind, reason="", thread=None, post=None, target_user=None, **details):
    action = ModerationAction(
        actor=actor,
        kind=kind,
        reason=reason or "",
        thread=thread or (post.thread if post is not None else None),
        post=post,
        target_user=target_user,
        details=details,
    )
    action.full_clean(exclude=["thread", "post", "target_user", "actor"])
    action.save()
    return action


def _tell_author(*, author, actor, title: str, thread: Thread | None, reason: str = "") -> None:
    if author is None:
        return
    notify(
        recipient=author,
        actor=actor,
        kind=NOTIFICATION_KIND,
        title=title,
        url=thread_url(thread) if thread is not None else "",
        email_body=_("Reason: %(reason)s") % {"reason": reason} if reason else "",
    )


def _locked_post(post: Post) -> Post:
    return (
        Post.objects.select_for_update(of=("self",))
        .select_related("thread", "author")
        .get(pk=post.pk)
    )


def _locked_thread(thread: Thread) -> Thread:
    return Thread.objects.select_for_update(of=("self",)).select_related("author").get(pk=thread.pk)


def _resolve_flags(*, post: Post, actor, status: str) -> int:
    return Flag.objects.filter(post=post, status=Flag.Status.OPEN).update(
        status=status, resolved_by=actor, resolved_at=timezone.now()
    )


# --- flags ----------------------------------------------------------------------------------


@transaction.atomic
def flag_create(*, post: Post, reporter, reason: str, note: str = "") -> Flag:
    """A member reports a post; flagging the same post again while open returns the open flag."""
    if reason not in FlagReason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    if not can_flag(reporter, post):
        raise PermissionDenied(_("You cannot flag this post."))
    existing = Flag.objects.filter(post=post, reporter=reporter, status=Flag.Status.OPEN).first()
    if existing is not None:
        return existing
    flag = Flag(post=post, reporter=reporter, reason=reason, note=(note or "").strip())
    flag.full_clean()
    try:
        with transaction.atomic():
            flag.save()
    except IntegrityError:  # a concurrent double-submit: the other request's flag stands
        return Flag.objects.get(post=post, reporter=reporter, status=Flag.Status.OPEN)
    _log(actor=reporter, kind=ActionKind.FLAG, reason=flag.note, post=post, flag_reason=reason)
    return flag


@transaction.atomic
def flags_dismiss(*, post: Post, actor, reason: str = "") -> int:
    """Close a post's open flags without acting on the post."""
    _require_moderator(actor)
    post = _locked_post(post)
    count = _resolve_flags(post=post, actor=actor, status=Flag.Status.DISMISSED)
    _log(actor=actor, kind=ActionKind.DISMISS_FLAGS, reason=reason, post=post, flags=count)
    return count


# --- posts ----------------------------------------------------------------------------------


@transaction.atomic
def post_hide(*, post: Post, actor, reason: str = "") -> Post:
    """Hide a post from the public (staff still read it); upholds its open flags.

    Hiding a question hides its whole thread.
    """
    _require_moderator(actor)
    post = _locked_post(post)
    if not post.is_hidden:
        post.is_hidden = True
        post.hidden_reason = (reason or "")[:200]
        post.save(update_fields=["is_hidden", "hidden_reason"])
        if post.is_question:
            Thread.objects.filter(pk=post.thread_id).update(is_hidden=True)
    flags = _resolve_flags(post=post, actor=actor, status=Flag.Status.UPHELD)
    _log(actor=actor, kind=ActionKind.HIDE, reason=reason, post=post, flags=flags)
    _tell_author(
        author=post.author,
        actor=actor,
        thread=post.thread,
        reason=reason,
        title=_("A moderator hid your post in “%(title)s”") % {"title": post.thread.title},
    )
    return post


@transaction.atomic
def post_unhide(*, post: Post, actor, reason: str = "") -> Post:
    _require_moderator(actor)
    post = _locked_post(post)
    if post.is_hidden:
        post.is_hidden = False
        post.hidden_reason = ""
        post.save(update_fields=["is_hidden", "hidden_reason"])
        if post.is_question:
            Thread.objects.filter(pk=post.thread_id).update(is_hidden=False)
    _log(actor=actor, kind=ActionKind.UNHIDE, reason=reason, post=post)
    _tell_author(
        author=post.author,
        actor=actor,
        thread=post.thread,
        reason=reason,
        title=_("A moderator restored your post in “%(title)s”") % {"title": post.thread.title},
    )
    return post


@transaction.atomic
def comment_hide(*, comment: Comment, actor, reason: str = "") -> Comment:
    """Hide a comment from the public (staff and its author still read it); logged, author told."""
    return _comment_switch(comment=comment, actor=actor, hidden=True, reason=reason)


@transaction.atomic
def comment_unhide(*, comment: Comment, actor, reason: str = "") -> Comment:
    return _comment_switch(comment=comment, actor=actor, hidden=False, reason=reason)


def _comment_switch(*, comment: Comment, actor, hidden: bool, reason: str) -> Comment:
    _require_moderator(actor)
    comment = (
        Comment.objects.select_for_update(of=("self",))
        .select_related("post__thread", "author")
        .get(pk=comment.pk)
    )
    if comment.is_hidden != hidden:
        comment.is_hidden = hidden
        comment.save(update_fields=["is_hidden"])
    kind = ActionKind.HIDE_COMMENT if hidden else ActionKind.UNHIDE_COMMENT
    _log(actor=actor, kind=kind, reason=reason, post=comment.post, comment=comment.pk)
    title = (
        _("A moderator hid your comment in “%(title)s”")
        if hidden
        else _("A moderator restored your comment in “%(title)s”")
    )
    _tell_author(
        author=comment.author,
        actor=actor,
        thread=comment.post.thread,
        reason=reason,
        title=title % {"title": comment.post.thread.title},
    )
    return comment


@transaction.atomic
def post_edit(*, post: Post, actor, body_markdown: str, title: str = "", reason: str = "") -> Post:
    """A moderator's edit through the forum's own edit (which keeps the ``PostRevision``)."""
    _require_moderator(actor)
    post = _locked_post(post)
    if not (body_markdown or "").strip():
        raise ValidationError({"body_markdown": _("The post cannot be empty.")})
    new_title = (title or "").strip() if post.is_question else ""
    post = forum_services.post_edit(
        post=post,
        editor=actor,
        body=body_markdown.strip(),
        title=new_title or None,
        reason=reason or "",
    )
    thread = Thread.objects.get(pk=post.thread_id)
    _log(actor=actor, kind=ActionKind.EDIT, reason=reason, post=post, title_changed=bool(new_title))
    _tell_author(
        author=post.author,
        actor=actor,
        thread=thread,
        reason=reason,
        title=_("A moderator edited your post in “%(title)s”") % {"title": thread.title},
    )
    return post


@transaction.atomic
def post_approve(*, post: Post, actor, reason: str = "") -> Post:
    """Publish a post that waited for approval (a new member's first posts with links)."""
    _require_moderator(actor)
    post = _locked_post(post)
    if post.status == PublicationStatus.PENDING_APPROVAL:
        # The forum counts the answer and sends the notifications it held back.
        post = forum_services.post_mark_published(post=post)
    _log(actor=actor, kind=ActionKind.APPROVE, reason=reason, post=post)
    _tell_author(
        author=post.author,
        actor=actor,
        thread=post.thread,
        title=_("Your post in “%(title)s” was approved") % {"title": post.thread.title},
    )
    return post


@transaction.atomic
def post_reject(*, post: Post, actor, reason: str = "") -> Post:
    """Refuse a waiting post: it stays unpublished and is hidden (kept for the record)."""
    _require_moderator(actor)
    post = _locked_post(post)
    post.is_hidden = True
    post.hidden_reason = (reason or _("Rejected by a moderator"))[:200]
    post.save(update_fields=["is_hidden", "hidden_reason"])
    if post.is_question:
        Thread.objects.filter(pk=post.thread_id).update(is_hidden=True)
    _resolve_flags(post=post, actor=actor, status=Flag.Status.UPHELD)
    _log(actor=actor, kind=ActionKind.REJECT, reason=reason, post=post)
    _tell_author(
        author=post.author,
        actor=actor,
        thread=post.thread,
        reason=reason,
        title=_("Your post in “%(title)s” was not approved") % {"title": post.thread.title},
    )
    return post


# --- threads --------------------------------------------------------------------------------

_THREAD_SWITCHES = {
    ActionKind.LOCK: (
        "is_locked",
        True,
        gettext_lazy("A moderator locked your thread “%(title)s”"),
    ),
    ActionKind.UNLOCK: (
        "is_locked",
        False,
        gettext_lazy("A moderator unlocked your thread “%(title)s”"),
    ),
    ActionKind.PIN: ("is_pinned", True, gettext_lazy("A moderator pinned your thread “%(title)s”")),
    ActionKind.UNPIN: (
        "is_pinned",
        False,
        gettext_lazy("A moderator unpinned your thread “%(title)s”"),
    ),
}


@transaction.atomic
def thread_switch(*, thread: Thread, actor, kind: str, reason: str = "") -> Thread:
    """Lock, unlock, pin or unpin a thread (``kind`` is the ``ActionKind``)."""
    _require_moderator(actor)
    field_name, value, title = _THREAD_SWITCHES[ActionKind(kind)]
    thread = _locked_thread(thread)
    if getattr(thread, field_name) != value:
        setattr(thread, field_name, value)
        thread.save(update_fields=[field_name])
    _log(actor=actor, kind=kind, reason=reason, thread=thread)
    _tell_author(
        author=thread.author,
        actor=actor,
        thread=thread,
        reason=reason,
        title=str(title) % {"title": thread.title},
    )
    return thread


def thread_lock(*, thread: Thread, actor, reason: str = "") -> Thread:
    return thread_switch(thread=thread, actor=actor, kind=ActionKind.LOCK, reason=reason)


def thread_unlock(*, thread: Thread, actor, reason: str = "") -> Thread:
    return thread_switch(thread=thread, actor=actor, kind=ActionKind.UNLOCK, reason=reason)


def thread_pin(*, thread: Thread, actor, reason: str = "") -> Thread:
    return thread_switch(thread=thread, actor=actor, kind=ActionKind.PIN, reason=reason)


def thread_unpin(*, thread: Thread, actor, reason: str = "") -> Thread:
    return thread_switch(thread=thread, actor=actor, kind=ActionKind.UNPIN, reason=reason)


@transaction.atomic
def thread_move(*, thread: Thread, category: Category, actor, reason: str = "") -> Thread:
    """Move a thread to another category."""
    _require_moderator(actor)
    thread = _locked_thread(thread)
    previous = thread.category
    if previous.pk != category.pk:
        thread.category = category
        thread.save(update_fields=["category"])
    _log(
        actor=actor,
        kind=ActionKind.MOVE,
        reason=reason,
        thread=thread,
        **{"from": previous.slug, "to": category.slug},
    )
    _tell_author(
        author=thread.author,
        actor=actor,
        thread=thread,
        reason=reason,
        title=_("A moderator moved your thread “%(title)s” to %(category)s")
        % {"title": thread.title, "category": category.name},
    )
    return thread


def canonical_thread(thread: Thread) -> Thread:
    """Follow ``duplicate_of`` links to the original (a closed chain never loops)."""
    seen = {thread.pk}
    while thread.duplicate_of_id and thread.duplicate_of_id not in seen:
        seen.add(thread.duplicate_of_id)
        thread = Thread.objects.get(pk=thread.duplicate_of_id)
    return thread


@transaction.atomic
def thread_close_duplicate(*, thread: Thread, original: Thread, actor, reason: str = "") -> Thread:
    """Close ``thread`` as a duplicate of ``original`` (links to it; kept for duplicate detection)."""
    _require_moderator(actor)
    target = canonical_thread(original)
    if target.pk == thread.pk:
        raise ValidationError({"original": _("A thread cannot duplicate itself.")})
    thread = _locked_thread(thread)
    thread.duplicate_of = target
    thread.closed_at = thread.closed_at or timezone.now()
    thread.save(update_fields=["duplicate_of", "closed_at"])
    _log(
        actor=actor,
        kind=ActionKind.CLOSE_DUPLICATE,
        reason=reason,
        thread=thread,
        original=target.pk,
        original_title=target.title,
    )
    _tell_author(
        author=thread.author,
        actor=actor,
        thread=thread,
        reason=reason,
        title=_("A moderator closed “%(title)s” as a duplicate of “%(original)s”")
        % {"title": thread.title, "original": target.title},
    )
    return thread


@transaction.atomic
def thread_reopen(*, thread: Thread, actor, reason: str = "") -> Thread:
    """Undo a duplicate closure."""
    _require_moderator(actor)
    thread = _locked_thread(thread)
    previous = thread.duplicate_of_id
    thread.duplicate_of = None
    thread.closed_at = None
    thread.save(update_fields=["duplicate_of", "closed_at"])
    _log(
        actor=actor, kind=ActionKind.REOPEN, reason=reason, thread=thread, was_duplicate_of=previous
    )
    _tell_author(
        author=thread.author,
        actor=actor,
        thread=thread,
        reason=reason,
        title=_("A moderator reopened your thread “%(title)s”") % {"title": thread.title},
    )
    return thread


# --- members --------------------------------------------------------------------------------


@transaction.atomic
def member_suspend(*, member, actor, days: int, reason: str) -> Suspension:
    """Suspend a member for ``days`` days: no questions, answers, comments or votes meanwhile."""
    if not can_suspend(actor, member):
        raise PermissionDenied(_("You cannot suspend this member."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why: the member reads it.")})
    if days < 1:
        raise ValidationError({"days": _("A suspension lasts at least one day.")})
    now = timezone.now()
    suspension = Suspension(
        user=member,
        reason=reason.strip(),
        starts_at=now,
        ends_at=now + timedelta(days=days),
        created_by=actor,
    )
    suspension.full_clean()
    suspension.save()
    _log(
        actor=actor,
        kind=ActionKind.SUSPEND,
        reason=reason,
        target_user=member,
        days=days,
        until=suspension.ends_at.isoformat(),
    )
    notify(
        recipient=member,
        actor=actor,
        kind=NOTIFICATION_KIND,
        title=_("Your account is suspended from the community until %(date)s")
        % {"date": suspension.ends_at.strftime("%Y-%m-%d %H:%M UTC")},
        email_body=_("Reason: %(reason)s") % {"reason": suspension.reason},
    )
    return suspension


@transaction.atomic
def suspension_lift(*, suspension: Suspension, actor, reason: str = "") -> Suspension:
    """End a suspension early."""
    _require_moderator(actor)
    suspension = (
        Suspension.objects.select_for_update(of=("self",))
        .select_related("user")
        .get(pk=suspension.pk)
    )
    if suspension.lifted_at is None:
        suspension.lifted_at = timezone.now()
        suspension.lifted_by = actor
        suspension.save(update_fields=["lifted_at", "lifted_by"])
    _log(
        actor=actor,
        kind=ActionKind.LIFT_SUSPENSION,
        reason=reason,
        target_user=suspension.user,
        suspension=suspension.pk,
    )
    notify(
        recipient=suspension.user,
        actor=actor,
        kind=NOTIFICATION_KIND,
        title=_("Your suspension was lifted: you can post again"),
    )
    return suspension
