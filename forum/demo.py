"""Demo content of the forum (Acme Cloud threads), called by ``seed_demo``; idempotent.

Threads are keyed by ``import_source="demo"`` + key, so a second run adds nothing. Everything goes
through the services (votes, accepts and reputation stay consistent with the ledger), silently:
demo data sends no notifications.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext as _

from community.demo import DemoContext
from community.models import User
from community.roles import Role
from forum import services
from forum.demo_content import CATEGORIES, COMMENTS, EXTRA_MEMBERS, FANS, T
from forum.models import Category, Post, Thread

DEMO_SOURCE = "demo"


def _categories() -> tuple[dict[str, Category], int]:
    created = 0
    result: dict[str, Category] = {}
    for slug, name, description, order, escalate in CATEGORIES:
        category, was_created = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "order": order,
                "escalation_enabled": escalate,
            },
        )
        created += int(was_created)
        result[slug] = category
    return result, created


def _members(ctx: DemoContext) -> dict[str, User]:
    users = dict(ctx.users)
    member_group = Group.objects.filter(name=Role.MEMBER).first()
    for key, email, name in EXTRA_MEMBERS:
        user, created = User.objects.get_or_create(
            username=f"demo-{key}", defaults={"email": email, "display_name": name}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            if member_group:
                user.groups.add(member_group)
        users[key] = user
    return users


def _seed_thread(row, users: dict[str, User], categories: dict[str, Category]) -> Thread:
    key, category, asker, title, body, tags, days_ago, answers, accepted = row
    asked_at = timezone.now() - timedelta(days=days_ago, hours=3)
    thread = services.thread_create(
        author=users[asker],
        category=categories[category],
        title=title,
        body=body,
        tags=tags,
        kind=Thread.Kind.DISCUSSION if category == "ideas" else Thread.Kind.QUESTION,
        created_at=asked_at,
        check_rate=False,
        silent=True,
    )
    Thread.objects.filter(pk=thread.pk).update(import_source=DEMO_SOURCE, import_id=key)
    Post.objects.filter(thread=thread).update(import_source=DEMO_SOURCE, import_id=f"{key}:q")
    posts: list[Post] = []
    for index, (author, text, ups, downs) in enumerate(answers):
        answer = services.answer_create(
            thread=thread,
            author=users[author],
            body=text,
            created_at=asked_at + timedelta(hours=2 + 5 * index),
            check_rate=False,
            silent=True,
        )
        Post.objects.filter(pk=answer.pk).update(import_id=f"{key}:a{index}", import_source="demo")
        _votes(answer, users, ups, downs)
        posts.append(answer)
    _votes(thread.posts.get(kind=Post.Kind.QUESTION), users, max(0, len(answers) - 1), 0)
    if accepted is not None:
        services.answer_accept(
            answer=posts[accepted],
            actor=users[asker],
            silent=True,
            accepted_at=asked_at + timedelta(days=1),
        )
    return thread


def _votes(post: Post, users: dict[str, User], ups: int, downs: int) -> None:
    voters = [users[k] for k in FANS if k in users and users[k].pk != post.author_id]
    for voter in voters[:ups]:
        services.vote_cast(post=post, voter=voter, value=1, check_rate=False)
    for voter in voters[ups : ups + downs]:
        services.vote_cast(post=post, voter=voter, value=-1, check_rate=False)


def _comments(users: dict[str, User]) -> None:
    for key, answer_index, author, text in COMMENTS:
        thread = Thread.objects.filter(import_source=DEMO_SOURCE, import_id=key).first()
        if thread is None:
            continue
        posts = list(thread.posts.order_by("kind", "created_at"))  # answers sort before question
        answers = [p for p in posts if p.kind == Post.Kind.ANSWER]
        post = (
            answers[answer_index] if answer_index is not None else thread.posts.get(kind="question")
        )
        if not post.comments.filter(body=text).exists():
            services.comment_create(
                post=post,
                author=users[author],
                body=text,
                created_at=post.created_at + timedelta(hours=3),
                check_rate=False,
                silent=True,
            )


def seed(ctx: DemoContext) -> dict[str, int]:
    """About 60 Acme Cloud threads in 6 categories: solved, unanswered, old, Korean and Thai."""
    categories, created_categories = _categories()
    users = _members(ctx)
    existing = set(
        Thread.objects.filter(import_source=DEMO_SOURCE).values_list("import_id", flat=True)
    )
    created_threads = 0
    for row in T:
        if row[0] in existing:
            continue
        _seed_thread(row, users, categories)
        created_threads += 1
    _comments(users)
    ctx.progress(1)
    return {_("forum categories"): created_categories, _("forum threads"): created_threads}
