"""Search index of forum threads (owned by the search work: community/search/)."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from haystack import indexes

from community.sanitizer import plain_text
from community.search.indexes import PUBLIC, STAFF, CommunityIndex, SearchDocument
from forum.models import Post, PublicationStatus, Thread

TOP_ANSWERS = 3


def thread_is_public(thread: Thread) -> bool:
    """Everyone may see it: published, not hidden, not hidden from the public on escalation."""
    return (
        thread.status == PublicationStatus.PUBLISHED
        and not thread.is_hidden
        and not thread.hidden_from_public_reason
    )


def public_threads_q() -> Q:
    return Q(status=PublicationStatus.PUBLISHED, is_hidden=False, hidden_from_public_reason="")


def _visible_posts():
    return Post.objects.filter(is_hidden=False, status=PublicationStatus.PUBLISHED).order_by(
        "-is_accepted", "-score", "created_at", "pk"
    )


def _post_text(post: Post) -> str:
    return plain_text(post.body_html) if post.body_html else plain_text(post.body_markdown)


class ThreadIndex(CommunityIndex, indexes.Indexable):
    """Threads with their question, accepted answer and top answers (visible posts only)."""

    def get_model(self):
        return Thread

    def index_queryset(self, using=None):
        return (
            Thread.objects.select_related("category", "accepted_answer")
            .prefetch_related("tags", Prefetch("posts", queryset=_visible_posts()))
            .order_by("pk")
        )

    def public_queryset(self):
        return self.index_queryset().filter(public_threads_q())

    def prepare_document(self, obj) -> SearchDocument:
        posts = list(obj.posts.all())  # prefetched: visible posts, accepted first
        question = next((p for p in posts if p.kind == Post.Kind.QUESTION), None)
        answers = [p for p in posts if p.kind == Post.Kind.ANSWER][:TOP_ANSWERS]
        accepted = obj.accepted_answer
        solved = bool(accepted and not accepted.is_hidden and accepted.is_published)
        parts = [_post_text(question)] if question else []
        parts += [_post_text(a) for a in answers]
        return SearchDocument(
            title=obj.title,
            body="\n".join(p for p in parts if p),
            url=obj.get_absolute_url(),
            doc_type="thread",
            audience=PUBLIC if thread_is_public(obj) else STAFF,
            category=obj.category.name if obj.category_id else "",
            tags=sorted(t.name for t in obj.tags.all()),
            solved=solved,
            score=obj.score,
            created=obj.created_at,
            updated=obj.last_activity_at,
        )
