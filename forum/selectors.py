"""Reads for the community forum pages, each in a fixed number of queries whatever the rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from community.models import Profile, ReputationEvent, User
from community.roles import is_member, is_staff_member
from forum import permissions
from forum.models import Category, Comment, Follow, Post, PublicationStatus, Thread, Vote

THREADS_PER_PAGE = 30
SORTS = ("active", "newest", "votes", "unanswered")
FILTERS = ("all", "solved", "unsolved", "unanswered")
_ORDERING = {
    "active": ["-is_pinned", "-last_activity_at", "-pk"],
    "newest": ["-is_pinned", "-created_at", "-pk"],
    "votes": ["-is_pinned", "-score", "-last_activity_at", "-pk"],
    "unanswered": ["-is_pinned", "-created_at", "-pk"],
}


def categories() -> list[Category]:
    """All categories with their number of threads (one query)."""
    return list(
        Category.objects.annotate(
            thread_count=Count("threads", filter=Q(threads__is_hidden=False))
        ).order_by("order", "name")
    )


def category_by_slug(slug: str) -> Category:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Category, slug=slug)


def thread_list(
    viewer,
    *,
    category: Category | None = None,
    sort: str = "active",
    state: str = "all",
    tag: str = "",
    page_number=None,
    per_page: int = THREADS_PER_PAGE,
) -> Page:
    """A page of threads the viewer may see, sorted and filtered (3 queries: count, rows, tags)."""
    sort = sort if sort in SORTS else "active"
    state = state if state in FILTERS else "all"
    threads = permissions.thread_visible_to(viewer).select_related(
        "category", "author", "accepted_answer"
    )
    if category is not None:
        threads = threads.filter(category=category)
    if tag:
        threads = threads.filter(tags__name=tag)
    if state == "solved":
        threads = threads.filter(accepted_answer__isnull=False)
    elif state == "unsolved":
        threads = threads.filter(accepted_answer__isnull=True, kind=Thread.Kind.QUESTION)
    if state == "unanswered" or sort == "unanswered":
        threads = threads.filter(answer_count=0)
    threads = threads.order_by(*_ORDERING[sort]).prefetch_related("tags")
    return Paginator(threads, per_page).get_page(page_number)


def answer_ordering() -> list[str]:
    """Accepted answer first, then by score, then oldest first."""
    return ["-is_accepted", "-score", "created_at", "pk"]


@dataclass
class ThreadPage:
    thread: Thread
    question: Post
    answers: Page
    viewer_votes: dict[int, int] = field(default_factory=dict)
    is_following: bool = False


def _posts_with_comments(queryset: QuerySet[Post]) -> QuerySet[Post]:
    return queryset.select_related("author", "author__profile", "edited_by").prefetch_related(
        Prefetch(
            "comments",
            queryset=Comment.objects.select_related("author").order_by("created_at", "pk"),
        )
    )


def _mark_visibility(viewer, posts: list[Post]) -> None:
    """Set ``show_body`` and ``visible_comments`` on each post (Python only, no query)."""
    staff = is_staff_member(viewer)
    viewer_id = viewer.pk if is_member(viewer) else None
    for post in posts:
        post.show_body = permissions.can_see_post_body(viewer, post)
        post.visible_comments = [
            c
            for c in post.comments.all()
            if staff
            or c.author_id == viewer_id
            or (not c.is_hidden and c.status == PublicationStatus.PUBLISHED)
        ]


def thread_page(viewer, thread: Thread, page_number=None) -> ThreadPage:
    """The question, a page of answers (accepted first), comments, the viewer's votes and follow."""
    per_page = settings.FORUM_ANSWERS_PER_PAGE
    question = _posts_with_comments(Post.objects.filter(thread=thread, kind=Post.Kind.QUESTION))
    question = question.first()
    answers_qs = _posts_with_comments(
        Post.objects.filter(thread=thread, kind=Post.Kind.ANSWER).order_by(*answer_ordering())
    )
    if not is_staff_member(viewer):
        # Pending answers exist only for their author and staff; hidden ones show a placeholder.
        own = Q(author=viewer) if is_member(viewer) else Q(pk__in=[])
        answers_qs = answers_qs.filter(Q(status=PublicationStatus.PUBLISHED) | own)
    answers = Paginator(answers_qs, per_page).get_page(page_number)
    posts = [question, *answers.object_list] if question else list(answers.object_list)
    for post in posts:
        post.thread = thread  # permission checks read post.thread: no query per post
    _mark_visibility(viewer, posts)
    votes: dict[int, int] = {}
    following = False
    if is_member(viewer):
        votes = dict(
            Vote.objects.filter(voter=viewer, post__in=[p.pk for p in posts]).values_list(
                "post_id", "value"
            )
        )
        following = Follow.objects.filter(user=viewer, thread=thread).exists()
    for post in posts:
        post.viewer_vote = votes.get(post.pk, 0)
    return ThreadPage(
        thread=thread,
        question=question,
        answers=answers,
        viewer_votes=votes,
        is_following=following,
    )


def post_location(post: Post) -> tuple[Thread, int]:
    """The thread of an answer and the page (of ``FORUM_ANSWERS_PER_PAGE``) it appears on."""
    if post.kind == Post.Kind.QUESTION:
        return post.thread, 1
    ahead = Post.objects.filter(thread_id=post.thread_id, kind=Post.Kind.ANSWER).filter(
        Q(is_accepted__gt=post.is_accepted)
        | Q(is_accepted=post.is_accepted, score__gt=post.score)
        | Q(is_accepted=post.is_accepted, score=post.score, created_at__lt=post.created_at)
    )
    return post.thread, ahead.count() // settings.FORUM_ANSWERS_PER_PAGE + 1


def is_following_category(viewer, category: Category) -> bool:
    if not is_member(viewer):
        return False
    return Follow.objects.filter(user=viewer, category=category).exists()


# --- profile, leaderboard, home --------------------------------------------------------------


def _visible_posts_of(member: User, viewer) -> QuerySet[Post]:
    posts = Post.objects.filter(author=member)
    if not (is_staff_member(viewer) or (is_member(viewer) and viewer.pk == member.pk)):
        posts = posts.filter(
            is_hidden=False,
            status=PublicationStatus.PUBLISHED,
            thread__in=permissions.public_threads(),
        )
    return posts


def profile_context(member, viewer) -> dict:
    """Reputation, answer counts and recent activity for a profile (3 queries)."""
    posts = _visible_posts_of(member, viewer)
    counts = posts.aggregate(
        answers=Count("pk", filter=Q(kind=Post.Kind.ANSWER)),
        accepted=Count("pk", filter=Q(is_accepted=True)),
        questions=Count("pk", filter=Q(kind=Post.Kind.QUESTION)),
    )
    recent = list(posts.select_related("thread").order_by("-created_at", "-pk")[:10])
    reputation_lines = list(
        ReputationEvent.objects.filter(user=member).order_by("-created_at", "-pk")[:10]
    )
    profile = getattr(member, "profile", None)
    return {
        "forum_reputation": profile.reputation if profile else 0,
        "forum_answer_count": counts["answers"],
        "forum_accepted_count": counts["accepted"],
        "forum_question_count": counts["questions"],
        "forum_recent_posts": recent,
        "forum_reputation_lines": reputation_lines,
    }


ANSWER_KINDS = [ReputationEvent.Kind.ANSWER_UPVOTED, ReputationEvent.Kind.ANSWER_ACCEPTED]


def leaderboard(*, limit: int = 20, now=None) -> dict:
    """Top answerers: reputation earned by answers this month, and total reputation (4 queries)."""
    now = now or timezone.now()
    month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    month_rows = list(
        ReputationEvent.objects.filter(created_at__gte=month_start, kind__in=ANSWER_KINDS)
        .values("user_id")
        .annotate(points=Sum("points"), answers=Count("post_id", distinct=True))
        .order_by("-points", "user_id")[:limit]
    )
    users = User.objects.filter(pk__in=[row["user_id"] for row in month_rows])
    by_id = {user.pk: user for user in users}
    this_month = [
        {"member": by_id[row["user_id"]], "points": row["points"], "answers": row["answers"]}
        for row in month_rows
        if row["user_id"] in by_id
    ]
    accepted = Count(
        "user__forum_posts",
        filter=Q(user__forum_posts__is_accepted=True),
        distinct=True,
    )
    all_time = list(
        Profile.objects.filter(user__is_active=True, reputation__gt=0)
        .select_related("user")
        .annotate(accepted=accepted)
        .order_by("-reputation", "user_id")[:limit]
    )
    return {"this_month": this_month, "all_time": all_time, "month_start": month_start}


def home_context(viewer) -> dict:
    """Recent questions needing an answer and recently solved ones (2 queries)."""
    visible = permissions.thread_visible_to(viewer).select_related("category")
    return {
        "forum_unanswered": list(
            visible.filter(answer_count=0, kind=Thread.Kind.QUESTION).order_by("-created_at")[:5]
        ),
        "forum_recently_solved": list(
            visible.filter(accepted_answer__isnull=False).order_by("-last_activity_at")[:5]
        ),
    }


def unanswered_threads_older_than(hours: int) -> QuerySet[Thread]:
    """Public questions with no answer created more than ``hours`` ago (for escalation)."""
    cutoff = timezone.now() - timedelta(hours=hours)
    return permissions.public_threads().filter(
        kind=Thread.Kind.QUESTION, answer_count=0, created_at__lt=cutoff
    )
