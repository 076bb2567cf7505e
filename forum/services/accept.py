"""Accepting answers: exactly one per question, under a row lock and a database constraint."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community import reputation
from community.models import ReputationEvent, User
from community.roles import can_moderate, is_agent
from forum import permissions
from forum.models import Post, PublicationStatus, Thread
from forum.services import notify
from forum.services.errors import ForumError

Kind = ReputationEvent.Kind


def _source(answer_id: int) -> str:
    return f"accept:{answer_id}"


def _award(thread: Thread, answer: Post, actor: User) -> None:
    if answer.author_id and answer.author_id != thread.author_id:
        reputation.reputation_award(
            user=answer.author,
            kind=Kind.ANSWER_ACCEPTED,
            source=_source(answer.pk),
            post_id=answer.pk,
            actor=actor,
        )
        if thread.author_id and thread.author_id == actor.pk:
            reputation.reputation_award(
                user=thread.author,
                kind=Kind.ACCEPTED_AN_ANSWER,
                source=_source(answer.pk),
                post_id=answer.pk,
            )


def _revoke(thread: Thread, answer: Post) -> None:
    reputation.reputation_revoke(
        user=answer.author, kind=Kind.ANSWER_ACCEPTED, source=_source(answer.pk)
    )
    reputation.reputation_revoke(
        user=thread.author, kind=Kind.ACCEPTED_AN_ANSWER, source=_source(answer.pk)
    )


def _clear(thread: Thread) -> None:
    if thread.accepted_answer_id is None:
        return
    previous = Post.objects.select_related("author").get(pk=thread.accepted_answer_id)
    Post.objects.filter(pk=previous.pk).update(
        is_accepted=False, accepted_at=None, accepted_by=None
    )
    _revoke(thread, previous)
    thread.accepted_answer = None


@transaction.atomic
def answer_accept(*, answer: Post, actor: User, silent: bool = False, accepted_at=None) -> Post:
    """Mark ``answer`` as the accepted one of its question, replacing any previous choice.

    The asker, a moderator or an agent may accept. The thread row is locked (``select_for_update``)
    so concurrent accepts run one after the other; the partial unique constraint on ``Post``
    guarantees one accepted answer even without the lock. The answerer gets +15 and the asker +2
    when the asker accepts (nothing for accepting one's own answer); the answerer is notified after commit.
    """
    thread = (
        Thread.objects.select_for_update(of=("self",))
        .select_related("author")
        .get(pk=answer.thread_id)
    )
    if not permissions.can_accept(actor, thread):
        raise PermissionDenied
    answer = Post.objects.select_related("author").get(pk=answer.pk)
    if answer.kind != Post.Kind.ANSWER or answer.status != PublicationStatus.PUBLISHED:
        raise ForumError(_("Only a published answer can be accepted."))
    if answer.is_hidden:
        raise ForumError(_("A hidden answer cannot be accepted."))
    if thread.accepted_answer_id == answer.pk:
        return answer
    _clear(thread)
    now = accepted_at or timezone.now()  # imports and demo data keep their own dates
    Post.objects.filter(pk=answer.pk).update(is_accepted=True, accepted_at=now, accepted_by=actor)
    answer.is_accepted, answer.accepted_at, answer.accepted_by = True, now, actor
    thread.accepted_answer = answer
    thread.last_activity_at = now
    thread.save(update_fields=["accepted_answer", "last_activity_at"])
    answer.thread = thread
    _award(thread, answer, actor)
    if not silent:
        notify.after_answer_accepted(answer, actor)
    return answer


@transaction.atomic
def answer_unaccept(*, thread: Thread, actor: User) -> Thread:
    """Undo the accepted answer of a thread (reputation given for it is taken back)."""
    thread = (
        Thread.objects.select_for_update(of=("self",)).select_related("author").get(pk=thread.pk)
    )
    if not permissions.can_accept(actor, thread):
        raise PermissionDenied
    _clear(thread)
    thread.save(update_fields=["accepted_answer"])
    return thread


@transaction.atomic
def staff_answer_publish_accepted(*, thread: Thread, author: User, body: str) -> Post:
    """Post a support-team answer on ``thread`` and mark it accepted (for the escalation app).

    Used when a ticket opened from a thread is resolved: the resolution is published back to the
    community so the next person finds it. ``author`` must be an agent or a moderator. Skips the
    posting rate limit and first-post approval; replaces any previously accepted answer.
    """
    from forum.services.posts import answer_create

    if not (is_agent(author) or can_moderate(author)):
        raise PermissionDenied
    answer = answer_create(thread=thread, author=author, body=body, is_staff_answer=True)
    return answer_accept(answer=answer, actor=author)
