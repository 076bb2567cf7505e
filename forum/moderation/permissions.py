"""Who may flag and moderate; fetch-and-authorise helpers that answer 404 to everyone else."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from community import roles
from forum.models import Comment, Post, PublicationStatus, Thread
from forum.moderation.models import Suspension


def can_flag(user, post: Post) -> bool:
    """Signed-in members flag posts they can see and did not write."""
    return roles.is_member(user) and post.author_id != user.pk and is_visible_to(user, post)


def is_visible_to(user, post: Post) -> bool:
    """Hidden and waiting posts are seen by staff (and, for waiting ones, their author) only."""
    if roles.is_staff_member(user) or roles.can_moderate(user):
        return True
    if post.is_hidden or post.thread.is_hidden:
        return False
    if post.status != PublicationStatus.PUBLISHED:
        return bool(user.is_authenticated and post.author_id == user.pk)
    return True


def require_moderator(user) -> None:
    """The moderation pages do not exist for anyone but moderators (404, never 403)."""
    if not roles.can_moderate(user):
        raise Http404


def get_post_for_moderation(user, post_id: int) -> Post:
    require_moderator(user)
    return get_object_or_404(Post.objects.select_related("thread", "author"), pk=post_id)


def get_comment_for_moderation(user, comment_id: int) -> Comment:
    require_moderator(user)
    queryset = Comment.objects.select_related("post__thread", "author")
    return get_object_or_404(queryset, pk=comment_id)


def get_thread_for_moderation(user, thread_id: int) -> Thread:
    require_moderator(user)
    return get_object_or_404(Thread.objects.select_related("category", "author"), pk=thread_id)


def get_post_for_flag(user, post_id: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread", "author"), pk=post_id)
    if not is_visible_to(user, post):
        raise Http404
    return post


def get_suspension_for_moderation(user, suspension_id: int) -> Suspension:
    require_moderator(user)
    return get_object_or_404(Suspension.objects.select_related("user"), pk=suspension_id)


def can_suspend(actor, member) -> bool:
    """Moderators suspend members; only site admins suspend other moderators; never oneself."""
    if not roles.can_moderate(actor) or actor.pk == member.pk:
        return False
    if roles.can_moderate(member) or roles.is_staff_member(member):
        return roles.is_site_admin(actor)
    return True
