"""Asking, answering, commenting and editing."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import User
from community.ratelimit import ratelimit_hit
from community.roles import can_moderate, is_agent
from forum import permissions
from forum.markup import render_body
from forum.models import (
    Category,
    Comment,
    Post,
    PostRevision,
    PublicationStatus,
    Thread,
    unicode_slug,
)
from forum.services import notify
from forum.services.errors import PostingRateLimited
from forum.services.follows import follow_thread

MAX_TAGS = 5
_MENTION_ID_RE = re.compile(r'data-mention="(\d+)"')


def _check_posting_rate(user: User) -> None:
    if not ratelimit_hit(f"forum-post:{user.pk}", limit=settings.FORUM_POST_RATE_LIMIT, period=60):
        raise PostingRateLimited(
            _("You are posting very quickly. Wait a minute, then send again: your text is kept.")
        )


def _initial_status(*, author: User, body: str) -> str:
    """Published, unless the moderation app wants a new member's first post approved first."""
    try:
        from forum.moderation.selectors import needs_approval
    except ImportError:  # moderation app not installed
        return PublicationStatus.PUBLISHED
    if needs_approval(author, body):
        return PublicationStatus.PENDING_APPROVAL
    return PublicationStatus.PUBLISHED


def clean_tags(tags) -> list[str]:
    """Lower-case, trimmed, unique tags (any script), at most ``MAX_TAGS``."""
    result: list[str] = []
    for tag in tags or []:
        name = "-".join(str(tag).strip().casefold().split())[:40]
        if name and name not in result:
            result.append(name)
    return result[:MAX_TAGS]


@transaction.atomic
def thread_create(
    *,
    author: User,
    category: Category,
    title: str,
    body: str,
    tags: list[str] | None = None,
    kind: str = Thread.Kind.QUESTION,
    created_at=None,
    check_rate: bool = True,
    silent: bool = False,
) -> Thread:
    """Open a thread with its question post; the asker follows it; followers hear after commit.

    Rate-limited (``FORUM_POST_RATE_LIMIT`` posts a minute; ``check_rate=False`` and
    ``silent=True`` (no notifications) are for imports and demo data); a new member's first post with links may wait for approval (moderation app).
    """
    if not permissions.can_ask(author):
        raise PermissionDenied
    if check_rate:
        _check_posting_rate(author)
    now = created_at or timezone.now()
    status = _initial_status(author=author, body=body)
    thread = Thread(
        category=category,
        kind=kind,
        title=title.strip(),
        slug=unicode_slug(title),
        author=author,
        created_at=now,
        last_activity_at=now,
        status=status,
    )
    thread.full_clean(exclude=["accepted_answer", "duplicate_of"])
    thread.save()
    rendered = render_body(body)
    question = Post(
        thread=thread,
        author=author,
        kind=Post.Kind.QUESTION,
        body_markdown=body,
        body_html=rendered.html,
        status=status,
        created_at=now,
    )
    question.full_clean(exclude=["thread"])
    question.save()
    if tags:
        thread.tags.set(clean_tags(tags))
    follow_thread(user=author, thread=thread)
    if status == PublicationStatus.PUBLISHED and not silent:
        notify.after_thread_created(thread, question, rendered.mentioned_user_ids)
    return thread


@transaction.atomic
def answer_create(
    *,
    thread: Thread,
    author: User,
    body: str,
    created_at=None,
    is_staff_answer: bool = False,
    check_rate: bool = True,
    silent: bool = False,
) -> Post:
    """Answer a thread; the answerer follows it; the thread's followers hear after commit."""
    # Support-team answers (ticket resolutions) may go on locked threads too.
    if is_staff_answer and not (is_agent(author) or can_moderate(author)):
        raise PermissionDenied
    if not (is_staff_answer or permissions.can_answer(author, thread)):
        raise PermissionDenied
    if check_rate and not is_staff_answer:
        _check_posting_rate(author)
    now = created_at or timezone.now()
    status = (
        PublicationStatus.PUBLISHED
        if is_staff_answer
        else _initial_status(author=author, body=body)
    )
    rendered = render_body(body)
    answer = Post(
        thread=thread,
        author=author,
        kind=Post.Kind.ANSWER,
        body_markdown=body,
        body_html=rendered.html,
        status=status,
        created_at=now,
        is_staff_answer=is_staff_answer,
    )
    answer.full_clean(exclude=["thread"])
    answer.save()
    follow_thread(user=author, thread=thread)
    if status == PublicationStatus.PUBLISHED:
        _count_published_answer(answer)
        if not silent:
            notify.after_answer_created(answer, rendered.mentioned_user_ids)
    return answer


def _count_published_answer(answer: Post) -> None:
    Thread.objects.filter(pk=answer.thread_id).update(
        answer_count=F("answer_count") + 1,
        last_activity_at=Greatest("last_activity_at", Value(answer.created_at)),
    )


@transaction.atomic
def post_mark_published(*, post: Post) -> Post:
    """Publish a post that waited for approval (called by the moderation app's approve action).

    Updates the thread's counters and sends the notifications that were held back.
    """
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("thread", "author")
        .get(pk=post.pk)
    )
    if post.status == PublicationStatus.PUBLISHED:
        return post
    post.status = PublicationStatus.PUBLISHED
    post.save(update_fields=["status"])
    mentioned = [int(i) for i in _MENTION_ID_RE.findall(post.body_html)]
    if post.kind == Post.Kind.QUESTION:
        Thread.objects.filter(pk=post.thread_id).update(status=PublicationStatus.PUBLISHED)
        notify.after_thread_created(post.thread, post, mentioned)
    else:
        _count_published_answer(post)
        notify.after_answer_created(post, mentioned)
    return post


@transaction.atomic
def comment_create(
    *,
    post: Post,
    author: User,
    body: str,
    created_at=None,
    check_rate: bool = True,
    silent: bool = False,
) -> Comment:
    """Comment under a question or an answer; the thread's followers and the post's author hear."""
    if not permissions.can_comment(author, post):
        raise PermissionDenied
    if check_rate:
        _check_posting_rate(author)
    rendered = render_body(body)
    comment = Comment(
        post=post,
        author=author,
        body=body,
        body_html=rendered.html,
        created_at=created_at or timezone.now(),
    )
    comment.full_clean(exclude=["post"])
    comment.save()
    Thread.objects.filter(pk=post.thread_id).update(
        last_activity_at=Greatest("last_activity_at", Value(comment.created_at))
    )
    if not silent:
        notify.after_comment_created(comment, rendered.mentioned_user_ids)
    return comment


@transaction.atomic
def post_edit(
    *,
    post: Post,
    editor: User,
    body: str,
    title: str | None = None,
    tags: list[str] | None = None,
    reason: str = "",
) -> Post:
    """Edit a post (and, for a question, the thread's title and tags), keeping a revision.

    Authors edit their own posts; trusted members (reputation ≥ 200) and moderators edit any.
    Members mentioned for the first time are notified.
    """
    if not permissions.can_edit_post(editor, post):
        raise PermissionDenied
    thread = post.thread
    is_question = post.kind == Post.Kind.QUESTION
    PostRevision.objects.create(
        post=post,
        editor=editor,
        title=thread.title if is_question else "",
        body_markdown=post.body_markdown,
        tags=", ".join(thread.tags.names()) if is_question else "",
        reason=reason[:300],
    )
    old_mentions = {int(i) for i in _MENTION_ID_RE.findall(post.body_html)}
    rendered = render_body(body)
    post.body_markdown = body
    post.body_html = rendered.html
    post.edited_at = timezone.now()
    post.edited_by = editor
    post.full_clean(exclude=["thread"])
    post.save(update_fields=["body_markdown", "body_html", "edited_at", "edited_by"])
    if is_question and title is not None and title.strip() != thread.title:
        thread.title = title.strip()
        thread.slug = unicode_slug(thread.title)
        thread.full_clean(exclude=["accepted_answer", "duplicate_of"])
        thread.save(update_fields=["title", "slug"])
    if is_question and tags is not None:
        if not permissions.can_retag(editor, thread):
            raise PermissionDenied
        thread.tags.set(clean_tags(tags))
    new_mentions = [i for i in rendered.mentioned_user_ids if i not in old_mentions]
    if new_mentions and post.status == PublicationStatus.PUBLISHED:
        notify.after_mentions_added(post, new_mentions, editor)
    return post
