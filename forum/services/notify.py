"""Who hears about what in the forum; every message goes through ``community.notifications.notify``."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from community.models import User
from community.notifications import notify
from forum.models import Comment, Follow, Post, Thread


def _follower_ids(thread: Thread, *, with_category: bool = False) -> set[int]:
    follows = Follow.objects.filter(thread=thread)
    if with_category:
        follows = Follow.objects.filter(category_id=thread.category_id) | follows
    return set(follows.values_list("user_id", flat=True))


def _send(user_ids: set[int], *, kind: str, title: str, url: str, actor: User | None) -> None:
    for user in User.objects.filter(pk__in=user_ids, is_active=True).select_related("profile"):
        notify(recipient=user, kind=kind, title=title, url=url, actor=actor)


def _mentions(mentioned: list[int], *, actor: User | None, title: str, url: str) -> set[int]:
    ids = set(mentioned) - {getattr(actor, "pk", None)}
    _send(ids, kind="forum_mention", title=title, url=url, actor=actor)
    return ids


def after_thread_created(thread: Thread, question: Post, mentioned: list[int]) -> None:
    def send() -> None:
        url = thread.get_absolute_url()
        name = question.author.public_name if question.author else ""
        done = _mentions(
            mentioned,
            actor=question.author,
            title=_("%(name)s mentioned you in “%(title)s”")
            % {"name": name, "title": thread.title},
            url=url,
        )
        followers = _follower_ids(thread, with_category=True) - done - {question.author_id}
        _send(
            followers,
            kind="forum_new_thread",
            title=_("New question in %(category)s: “%(title)s”")
            % {"category": thread.category.name, "title": thread.title},
            url=url,
            actor=question.author,
        )

    transaction.on_commit(send)


def after_answer_created(answer: Post, mentioned: list[int]) -> None:
    thread = answer.thread

    def send() -> None:
        url = answer.get_absolute_url()
        name = answer.author.public_name if answer.author else ""
        done = _mentions(
            mentioned,
            actor=answer.author,
            title=_("%(name)s mentioned you in “%(title)s”")
            % {"name": name, "title": thread.title},
            url=url,
        )
        followers = _follower_ids(thread) - done - {answer.author_id}
        _send(
            followers,
            kind="forum_answer",
            title=_("%(name)s answered “%(title)s”") % {"name": name, "title": thread.title},
            url=url,
            actor=answer.author,
        )

    transaction.on_commit(send)


def after_comment_created(comment: Comment, mentioned: list[int]) -> None:
    thread = comment.post.thread

    def send() -> None:
        url = comment.post.get_absolute_url()
        name = comment.author.public_name if comment.author else ""
        done = _mentions(
            mentioned,
            actor=comment.author,
            title=_("%(name)s mentioned you in “%(title)s”")
            % {"name": name, "title": thread.title},
            url=url,
        )
        recipients = _follower_ids(thread) | {comment.post.author_id}
        recipients -= done | {comment.author_id, None}
        _send(
            recipients,
            kind="forum_comment",
            title=_("%(name)s commented on “%(title)s”") % {"name": name, "title": thread.title},
            url=url,
            actor=comment.author,
        )

    transaction.on_commit(send)


def after_mentions_added(post: Post, mentioned: list[int], actor: User | None) -> None:
    def send() -> None:
        name = actor.public_name if actor else ""
        _mentions(
            mentioned,
            actor=actor,
            title=_("%(name)s mentioned you in “%(title)s”")
            % {"name": name, "title": post.thread.title},
            url=post.get_absolute_url(),
        )

    transaction.on_commit(send)


def after_answer_accepted(answer: Post, actor: User) -> None:
    def send() -> None:
        if answer.author is None:
            return
        notify(
            recipient=answer.author,
            kind="forum_accepted",
            title=_("Your answer to “%(title)s” was accepted") % {"title": answer.thread.title},
            url=answer.get_absolute_url(),
            actor=actor,
        )

    transaction.on_commit(send)
