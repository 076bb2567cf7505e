"""Benchmark of the forum pages on a large database: 10,000 threads and 100,000 answers.

    .venv/bin/python bench/forum.py                       # fresh SQLite file in bench/out/
    .venv/bin/python bench/forum.py --runs 50 --keep      # reuse the database built last time
    DATABASE_URL=postgres://root@127.0.0.1:5432/chc_bench .venv/bin/python bench/forum.py

Rows are written with ``bulk_create`` (a minute or so); then each page is requested through
Django's test client ``--runs`` times and a table shows the median and p95 server time and the
number of SQL queries for: the thread list, a thread with 200 answers, a profile page, posting an
answer and accepting an answer.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"


def _configure(keep: bool) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings.test")
    if not os.environ.get("DATABASE_URL"):
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / "forum.sqlite3"
        if not keep:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"


def _build(threads: int, answers: int, big: int, seed: int) -> dict:
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from community.models import Profile, User
    from community.roles import Role
    from forum.models import Category, Post, Thread

    rng = random.Random(seed)
    now = timezone.now()
    started = time.perf_counter()
    categories = [
        Category.objects.create(name=f"Category {n}", slug=f"bench-{n}", order=n) for n in range(8)
    ]
    users = [
        User(username=f"bench{n}", email=f"bench{n}@example.com", display_name=f"Bench member {n}")
        for n in range(2_000)
    ]
    for user in users:
        user.password = "!"  # unusable; the client logs in with force_login
    User.objects.bulk_create(users, batch_size=2_000)
    users = list(User.objects.filter(username__startswith="bench").order_by("pk"))
    Profile.objects.bulk_create(
        [Profile(user=u, reputation=rng.randint(0, 500)) for u in users], ignore_conflicts=True
    )
    Group.objects.get(name=Role.MEMBER).user_set.add(*users)
    asker = users[0]

    # Answers per thread: one big thread, the rest spread at random over the others.
    counts = [0] * threads
    counts[0] = big
    for _ in range(answers - big):
        counts[rng.randrange(1, threads)] += 1
    thread_rows = [
        Thread(
            category=categories[n % len(categories)],
            title=f"How do I configure feature {n} with option {rng.randint(1, 999)}?",
            slug=f"feature-{n}",
            author=asker if n < 50 else rng.choice(users),
            created_at=now - timedelta(minutes=n * 7),
            last_activity_at=now - timedelta(minutes=n * 5),
            answer_count=counts[n],
            score=rng.randint(-2, 40),
        )
        for n in range(threads)
    ]
    Thread.objects.bulk_create(thread_rows, batch_size=2_000)
    thread_ids = list(Thread.objects.order_by("pk").values_list("pk", "author_id", "created_at"))
    body = "I tried the settings page but nothing changed. " * 4
    Post.objects.bulk_create(
        [
            Post(
                thread_id=pk,
                author_id=author_id,
                kind=Post.Kind.QUESTION,
                body_markdown=body,
                body_html=f"<p>{body}</p>",
                created_at=created,
            )
            for pk, author_id, created in thread_ids
        ],
        batch_size=5_000,
    )
    answer_body = "Open Settings, then Billing, and press Save again. " * 3
    batch: list[Post] = []
    for (pk, _author, created), count in zip(thread_ids, counts, strict=True):
        for k in range(count):
            batch.append(
                Post(
                    thread_id=pk,
                    author=rng.choice(users),
                    kind=Post.Kind.ANSWER,
                    body_markdown=answer_body,
                    body_html=f"<p>{answer_body}</p>",
                    score=rng.randint(-1, 25),
                    created_at=created + timedelta(minutes=k + 1),
                )
            )
        if len(batch) >= 10_000:
            Post.objects.bulk_create(batch, batch_size=5_000)
            batch = []
    Post.objects.bulk_create(batch, batch_size=5_000)
    return {
        "asker": asker,
        "users": users,
        "big_thread": Thread.objects.get(pk=thread_ids[0][0]),
        "asker_threads": list(Thread.objects.filter(author=asker).order_by("pk")[1:50]),
        "build_seconds": time.perf_counter() - started,
    }


def _existing() -> dict | None:
    """The database built by an earlier run (``--keep``), or None when there is none."""
    from community.models import User
    from forum.models import Thread

    asker = User.objects.filter(username="bench0").first()
    if asker is None:
        return None
    users = list(User.objects.filter(username__startswith="bench").order_by("pk")[:50])
    return {
        "asker": asker,
        "users": users,
        "big_thread": Thread.objects.filter(slug="feature-0").order_by("pk").first(),
        "asker_threads": list(Thread.objects.filter(author=asker).order_by("pk")[1:50]),
        "build_seconds": 0.0,
    }


def _analyze() -> None:
    """Refresh the planner's statistics, as autovacuum does on a live site after a bulk load.

    Without it PostgreSQL plans the freshly bulk-loaded tables as if they were empty (a nested
    loop over every thread for one member's posts: ~80 ms instead of ~1 ms on the profile page).
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _measure(client, method: str, url_for, runs: int, data_for=None) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries, statuses = [], [], set()
    for n in range(runs):
        url = url_for(n)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            if method == "get":
                response = client.get(url)
            else:
                response = client.post(url, data_for(n) if data_for else {})
            times.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured.captured_queries))
        statuses.add(response.status_code)
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "queries": int(statistics.median(queries)),
        "max_queries": max(queries),
        "status": ",".join(str(s) for s in sorted(statuses)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=10_000)
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=200, help="answers on the big thread")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--keep",
        action="store_true",
        help="reuse the database built by an earlier run (no rebuild)",
    )
    args = parser.parse_args()
    _configure(args.keep)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    settings.FORUM_POST_RATE_LIMIT = 1_000_000
    settings.FORUM_VOTE_RATE_LIMIT = 1_000_000
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_seconds = time.perf_counter() - started
    data = _existing()
    if data and not args.keep:
        sys.exit(
            "This database already holds a benchmark build: pass --keep to reuse it, "
            "or point DATABASE_URL at an empty database."
        )
    data = data or _build(args.threads, args.answers, args.big, args.seed)
    _analyze()
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        f"database: {engine} · {args.threads:,} threads, {args.answers:,} answers "
        f"(migrate {migrate_seconds:.0f}s, build {data['build_seconds']:.0f}s)"
    )

    client = Client()
    client.force_login(data["asker"])
    big = data["big_thread"]
    others = data["asker_threads"]
    answer_ids = {}

    def answer_url(n):
        return reverse("forum:answer", args=[others[n % len(others)].pk])

    def answer_data(n):
        return {"body": f"Benchmark answer number {n}: restart the sync service and retry."}

    from forum.models import Post

    def accept_url(n):
        thread = others[n % len(others)]
        if thread.pk not in answer_ids:
            answer_ids[thread.pk] = list(
                Post.objects.filter(thread=thread, kind="answer").values_list("pk", flat=True)[:2]
            )
        choices = answer_ids[thread.pk] or [0]
        return reverse("forum:accept", args=[choices[(n // len(others)) % len(choices)]])

    cases = [
        ("thread list", "get", lambda n: reverse("forum:index"), None),
        (f"thread with {args.big} answers", "get", lambda n: big.get_absolute_url(), None),
        (
            "profile page",
            "get",
            lambda n: reverse("members:profile", args=[data["users"][n % 50].pk]),
            None,
        ),
        ("post an answer", "post", answer_url, answer_data),
        ("accept an answer", "post", accept_url, None),
    ]
    for _label, method, url_for, data_for in cases:  # warm-up: caches, templates, sessions
        _measure(client, method, url_for, 2, data_for)
    rows = [(label, _measure(client, m, u, args.runs, d)) for label, m, u, d in cases]
    print(f"\n{'request':<26} {'median ms':>10} {'p95 ms':>8} {'queries':>8}  status")
    print("-" * 64)
    for label, r in rows:
        print(f"{label:<26} {r['median']:>10.1f} {r['p95']:>8.1f} {r['queries']:>8}  {r['status']}")
    print(f"\n{args.runs} runs each after 2 warm-up requests; Django test client, in-process.")


if __name__ == "__main__":
    main()
