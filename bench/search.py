"""Benchmark site search on generated documents: build time, docs/s, query latency, size, memory.

Usage: python bench/search.py [--sizes 10000 100000] [--queries 50]

Each size runs in a fresh subprocess (so peak memory is per size) that indexes generated
help-center threads through the real haystack index code (CommunityIndex fields, the Whoosh
backend, the same query builder as the search page, facets included) into a temp dir, then
times 50 varied queries (common words, rare words, phrases, typos, Korean, Thai) as the
search page runs them (results, count, facets, re-ranking, highlighted page of 20), then the
typeahead on prefixes of the same queries. The generated text is dense on purpose: ~100 words
per document from a vocabulary of ~110, so a two-word query matches 20-60% of the documents,
which is the worst case for counting and facets.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOPICS = [
    "password",
    "reset",
    "login",
    "sign",
    "account",
    "email",
    "verification",
    "two-factor",
    "recovery",
    "code",
    "locked",
    "billing",
    "invoice",
    "refund",
    "charge",
    "card",
    "subscription",
    "plan",
    "upgrade",
    "downgrade",
    "trial",
    "discount",
    "sync",
    "offline",
    "device",
    "phone",
    "tablet",
    "desktop",
    "windows",
    "macos",
    "linux",
    "android",
    "iphone",
    "browser",
    "notebook",
    "note",
    "tag",
    "attachment",
    "upload",
    "download",
    "export",
    "import",
    "backup",
    "restore",
    "trash",
    "share",
    "permission",
    "team",
    "owner",
    "editor",
    "viewer",
    "link",
    "calendar",
    "reminder",
    "notification",
    "email",
    "search",
    "slow",
    "crash",
    "error",
    "freeze",
    "update",
    "install",
    "memory",
    "battery",
    "storage",
    "quota",
    "language",
]
FILLER = [
    "when",
    "after",
    "before",
    "every",
    "still",
    "again",
    "cannot",
    "could",
    "should",
    "would",
    "really",
    "always",
    "never",
    "yesterday",
    "today",
    "tried",
    "clicked",
    "opened",
    "closed",
    "changed",
    "happened",
    "shows",
    "says",
    "works",
    "broken",
    "stuck",
    "missing",
    "wrong",
    "empty",
    "blank",
    "grey",
    "red",
    "button",
    "page",
    "screen",
    "settings",
    "menu",
    "option",
]
KOREAN = ["비밀번호", "로그인", "결제", "환불", "동기화", "알림", "계정", "오류"]
THAI = ["รหัสผ่าน", "เข้าสู่ระบบ", "การชำระเงิน", "คืนเงิน", "ซิงค์", "แจ้งเตือน"]
QUERIES = [
    "password reset",
    "refund",
    "sync not working",
    "invoice pdf",
    "two-factor recovery code",
    "android crash",
    "export notes",
    "share notebook team",
    "calendar reminder",
    "slow search",
    "paswrod",
    "subscripton",
    "notifcation email",
    "attachment upload error",
    "locked account",
    "windows install",
    "iphone battery",
    "storage quota",
    "trial discount",
    "browser freeze",
    '"reset password"',
    "billing card",
    "language settings",
    "trash restore",
    "owner permission",
    "비밀번호",
    "환불",
    "로그인 오류",
    "รหัสผ่าน",
    "คืนเงิน",
    "offline device",
    "backup restore",
    "upgrade plan",
    "email verification",
    "macos update",
    "linux desktop",
    "tag import",
    "download backup",
    "editor viewer link",
    "crash after update",
    "memory",
    "quota",
    "charge twice",
    "reminder notification",
    "blank page",
    "grey screen",
    "login button",
    "account email change",
    "plan downgrade",
    "search error",
]


def make_doc(rng: random.Random, i: int) -> dict:
    words = rng.sample(TOPICS, 4)
    title = " ".join(words[:3]).capitalize() + f" problem {i % 97}"
    body_len = rng.randint(40, 160)
    body = " ".join(
        rng.choice(TOPICS) if rng.random() < 0.35 else rng.choice(FILLER) for _ in range(body_len)
    )
    if rng.random() < 0.05:
        body += " " + rng.choice(KOREAN) + "를 " + rng.choice(KOREAN)
    if rng.random() < 0.05:
        body += " " + rng.choice(THAI) + rng.choice(THAI)
    return {"id": i, "title": title, "body": body, "solved": rng.random() < 0.4, "tag": words[3]}


def run_size(size: int, n_queries: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings.test")
    import django

    tmp = Path(tempfile.mkdtemp(prefix="chc-bench-"))
    from django.conf import settings

    django.setup()
    settings.HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "community.search.whoosh_backend.CommunityWhooshEngine",
            "PATH": str(tmp / "whoosh"),
        }
    }
    from django.contrib.auth.models import AnonymousUser
    from django.utils import timezone
    from haystack import connections

    connections.reload("default")
    from community.search.indexes import PUBLIC, CommunityIndex, SearchDocument
    from community.search.query import search_results
    from forum.models import Thread

    class BenchIndex(CommunityIndex):
        def get_model(self):
            return Thread

        def prepare_document(self, obj) -> SearchDocument:
            d = obj.bench
            return SearchDocument(
                title=d["title"],
                body=d["body"],
                url=f"/community/t/{d['id']}/",
                doc_type="thread",
                audience=PUBLIC,
                category="General",
                tags=[d["tag"]],
                solved=d["solved"],
                created=timezone.now(),
                updated=timezone.now(),
            )

    rng = random.Random(42)
    backend = connections["default"].get_backend()
    index = BenchIndex()
    backend.clear()
    started, cpu_started = time.perf_counter(), time.process_time()
    batch = []
    for i in range(1, size + 1):
        obj = Thread(pk=i, title="")
        obj.bench = make_doc(rng, i)
        batch.append(obj)
        if len(batch) == 2000:
            backend.update(index, batch)
            batch = []
    if batch:
        backend.update(index, batch)
    build = time.perf_counter() - started
    build_cpu = time.process_time() - cpu_started
    viewer = AnonymousUser()
    timings, cpu_timings = [], []
    hits = []
    for q in (QUERIES * 2)[:n_queries]:
        t0, c0 = time.perf_counter(), time.process_time()
        window, _facets = search_results(q, viewer=viewer)
        page = window[:20]
        timings.append((time.perf_counter() - t0) * 1000)
        cpu_timings.append((time.process_time() - c0) * 1000)
        hits.append(len(window) if page is not None else 0)
    from community.search.query import typeahead

    typeahead_cpu = []
    for q in (QUERIES * 2)[:n_queries]:
        for prefix in {q[:3], q[:6], q}:
            c0 = time.process_time()
            typeahead(prefix, viewer=viewer)
            typeahead_cpu.append((time.process_time() - c0) * 1000)
    typeahead_cpu.sort()
    size_bytes = sum(p.stat().st_size for p in (tmp / "whoosh").rglob("*") if p.is_file())
    shutil.rmtree(tmp, ignore_errors=True)
    timings.sort()
    cpu_timings.sort()
    return {
        "build_cpu_s": build_cpu,
        "median_cpu_ms": statistics.median(cpu_timings),
        "p95_cpu_ms": cpu_timings[int(0.95 * (len(cpu_timings) - 1))],
        "load": os.getloadavg()[0],
        "docs": size,
        "build_s": build,
        "docs_per_s": size / build,
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(0.95 * (len(timings) - 1))],
        "index_mb": size_bytes / 1e6,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "queries_with_hits": sum(1 for h in hits if h),
        "median_hits": statistics.median(hits),
        "typeahead_median_cpu_ms": statistics.median(typeahead_cpu),
        "typeahead_p95_cpu_ms": typeahead_cpu[int(0.95 * (len(typeahead_cpu) - 1))],
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_size(args.child, args.queries)))
        return
    rows = []
    for size in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(size), "--queries", str(args.queries)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"done {size}: {json.dumps(rows[-1])}", file=sys.stderr, flush=True)
    print(
        "wall-clock times; CPU times of the benchmark process in brackets (the machine may be shared)"
    )
    header = (
        f"{'docs':>8} {'build s':>16} {'docs/s':>8} {'median ms':>16} {'p95 ms':>16} "
        f"{'index MB':>9} {'peak MB':>8} {'hit q':>6} {'hits':>6} {'typeahead ms':>13} {'load':>5}"
    )
    print(header)
    for r in rows:
        print(
            f"{r['docs']:>8} {r['build_s']:>7.1f} [{r['build_cpu_s']:>6.1f}] {r['docs_per_s']:>8.0f} "
            f"{r['median_ms']:>7.1f} [{r['median_cpu_ms']:>6.1f}] {r['p95_ms']:>7.1f} [{r['p95_cpu_ms']:>6.1f}] "
            f"{r['index_mb']:>9.1f} {r['peak_mb']:>8.0f} {r['queries_with_hits']:>6} "
            f"{r['median_hits']:>6.0f} {r['typeahead_median_cpu_ms']:>5.1f}/{r['typeahead_p95_cpu_ms']:>5.1f} "
            f"{r['load']:>5.1f}"
        )


if __name__ == "__main__":
    main()
