"""Following threads and categories."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from community.models import User
from forum.models import Category, Follow, Thread


def follow_thread(*, user: User, thread: Thread) -> None:
    """Make ``user`` follow ``thread`` (idempotent); askers and answerers are followed automatically."""
    if user is None:
        return
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(user=user, thread=thread)
    except IntegrityError:  # a concurrent request created it
        pass


@transaction.atomic
def follow_toggle(*, user: User, thread: Thread) -> bool:
    """Follow or unfollow a thread; returns whether ``user`` now follows it."""
    deleted, _ = Follow.objects.filter(user=user, thread=thread).delete()
    if deleted:
        return False
    follow_thread(user=user, thread=thread)
    return True


@transaction.atomic
def follow_category_toggle(*, user: User, category: Category) -> bool:
    """Follow or unfollow every new thread of a category; returns whether ``user`` now follows."""
    deleted, _ = Follow.objects.filter(user=user, category=category).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(user=user, category=category)
    except IntegrityError:
        pass
    return True
