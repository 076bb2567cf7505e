"""Demo content of KB gaps: a question several members keep asking, then a detection run."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from community.demo import DemoContext
from escalation.gaps.models import DetectionRun, Gap

IMPORT_SOURCE = "gaps-demo"
# (demo user, days ago, title, body): one question in several wordings, no KB article for it.
RECURRING_QUESTION = [
    (
        "asker",
        40,
        "How do I export my invoices to CSV?",
        "My accountant needs all invoices from last year as a CSV file.",
    ),
    (
        "member",
        25,
        "Export invoices as a CSV file",
        "Where is the button to download the invoice list as CSV?",
    ),
    (
        "korean",
        12,
        "Can't find how to export invoice history to CSV",
        "I need a CSV export of every invoice for my tax return.",
    ),
    (
        "thai",
        3,
        "Invoice CSV export missing?",
        "Is there any way to export invoices to a spreadsheet (CSV)?",
    ),
]


def _seed_threads(ctx: DemoContext) -> int:
    from forum.markup import render_body
    from forum.models import Category, Post, Thread

    category = Category.objects.order_by("order", "pk").first()
    if category is None:
        return 0
    created = 0
    for index, (user_key, days_ago, title, body) in enumerate(RECURRING_QUESTION):
        if Thread.objects.filter(import_source=IMPORT_SOURCE, import_id=str(index)).exists():
            continue
        when = timezone.now() - timedelta(days=days_ago)
        thread = Thread.objects.create(
            category=category,
            title=title,
            slug=f"invoices-csv-{index}",
            author=ctx.users[user_key],
            created_at=when,
            last_activity_at=when,
            import_source=IMPORT_SOURCE,
            import_id=str(index),
        )
        Post.objects.create(
            thread=thread,
            author=ctx.users[user_key],
            kind=Post.Kind.QUESTION,
            body_markdown=body,
            body_html=render_body(body).html,
            created_at=when,
        )
        created += 1
    return created


def seed(ctx: DemoContext) -> dict[str, int]:
    """Plant the recurring question and detect gaps (idempotent: same gaps and ids again)."""
    from escalation.gaps.detection import gaps_detect

    before = Gap.objects.count()
    threads = _seed_threads(ctx)
    # Seeding twice must leave the same database: detect only when nothing ran yet or the
    # demo questions are new (a real site runs the scheduled task instead).
    if threads or not DetectionRun.objects.exists():
        gaps_detect()
    ctx.progress(1)
    return {"KB gap demo threads": threads, "KB gaps": Gap.objects.count() - before}
