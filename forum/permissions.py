"""Who may see, post, vote, accept and edit in the forum: one named question per rule.

Views ask these with objects they already fetched; ``get_*_for`` fetch and authorise in one call and
answer 404 (never 403) when the viewer may not see the object.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from community.roles import can_moderate, is_agent, is_member, is_staff_member, is_trusted
from forum.models import Post, PublicationStatus, Thread


def is_suspended(user) -> bool:
    """Suspended members read but neither post nor vote (suspensions live in ``forum.moderation``).

    Asked once per user object (a page asks for every post), then remembered on it.
    """
    if not is_member(user):
        return False
    cached = getattr(user, "_forum_is_suspended", None)
    if cached is not None:
        return cached
    try:
        from forum.moderation.selectors import is_suspended as moderation_is_suspended
    except ImportError:  # moderation app not installed yet
        return False
    user._forum_is_suspended = bool(moderation_is_suspended(user))
    return user._forum_is_suspended


def can_participate(user) -> bool:
    """Signed in, active and not suspended."""
    return is_member(user) and not is_suspended(user)


def _public_threads() -> Q:
    return Q(is_hidden=False, hidden_from_public_reason="", status=PublicationStatus.PUBLISHED)


def thread_visible_to(user, queryset: QuerySet[Thread] | None = None) -> QuerySet[Thread]:
    """Threads ``user`` may see: staff see all; others published, not hidden, plus their own.

    A thread is hidden from the public when ``is_hidden`` is set (moderation) or
    ``hidden_from_public_reason`` is non-empty (e.g. the escalation app hiding a thread that holds
    private details). Search and every list use this helper.
    """
    queryset = Thread.objects.all() if queryset is None else queryset
    if is_staff_member(user):
        return queryset
    if is_member(user):
        return queryset.filter(_public_threads() | Q(author=user))
    return queryset.filter(_public_threads())


def public_threads(queryset: QuerySet[Thread] | None = None) -> QuerySet[Thread]:
    """Threads everyone may see (for anonymous pages, sitemaps, similarity and KB-gap analysis)."""
    queryset = Thread.objects.all() if queryset is None else queryset
    return queryset.filter(_public_threads())


def can_see_thread(user, thread: Thread) -> bool:
    if is_staff_member(user):
        return True
    is_public = (
        not thread.is_hidden
        and not thread.hidden_from_public_reason
        and thread.status == PublicationStatus.PUBLISHED
    )
    return is_public or (is_member(user) and thread.author_id == user.pk)


def get_thread_for(user, thread_id: int) -> Thread:
    """The thread ``user`` may see, with its category, or 404."""
    thread = Thread.objects.select_related("category", "author").filter(pk=thread_id).first()
    if thread is None or not can_see_thread(user, thread):
        raise Http404
    return thread


def can_see_post_body(user, post: Post) -> bool:
    """Hidden and pending posts are replaced for the public; staff and the author still read them."""
    if not post.is_hidden and post.status == PublicationStatus.PUBLISHED:
        return True
    return is_staff_member(user) or (is_member(user) and post.author_id == user.pk)


can_see_post = can_see_post_body


def get_post_for(user, post_id: int) -> Post:
    """The post (with its thread) ``user`` may act on, or 404."""
    post = Post.objects.select_related("thread", "thread__category", "author").filter(pk=post_id)
    post = post.first()
    if post is None or not can_see_thread(user, post.thread) or not can_see_post_body(user, post):
        raise Http404
    return post


def can_ask(user) -> bool:
    return can_participate(user)


def can_answer(user, thread: Thread) -> bool:
    """Members answer open, unlocked threads (moderators even locked ones)."""
    if not can_participate(user):
        return False
    if can_moderate(user):
        return True
    return not thread.is_locked and not thread.is_closed


def can_comment(user, post: Post) -> bool:
    return can_answer(user, post.thread)


def can_accept(user, thread: Thread) -> bool:
    """The asker, a moderator or an agent accepts (or changes, or undoes) the answer of a question."""
    if thread.kind != Thread.Kind.QUESTION or not can_participate(user):
        return False
    return thread.author_id == user.pk or can_moderate(user) or is_agent(user)


def can_vote(user, post: Post) -> bool:
    """One vote per member per visible, published post; never on one's own post."""
    if not can_participate(user) or post.author_id == user.pk:
        return False
    if post.is_hidden or post.status != PublicationStatus.PUBLISHED:
        return False
    return not post.thread.is_locked


def can_edit_post(user, post: Post) -> bool:
    """Authors edit their own posts (unless locked); trusted members and moderators edit any."""
    if not can_participate(user):
        return False
    if can_moderate(user):
        return True
    if post.thread.is_locked:
        return False
    return post.author_id == user.pk or is_trusted(user)


def can_retag(user, thread: Thread) -> bool:
    """Askers retag their own threads; trusted members and moderators any."""
    if not can_participate(user):
        return False
    return thread.author_id == user.pk or is_trusted(user) or can_moderate(user)


def can_follow(user) -> bool:
    return is_member(user)
