"""The embedded Whoosh engine: exact facets, honoured facet options, caches that follow edits."""

from __future__ import annotations

import pytest
from haystack.query import SearchQuerySet

from community.search.query import site_search


def test_facet_values_are_exact_not_stemmed(index, forum, member):
    from forum.models import Category

    billing = Category.objects.create(name="Billing & Payments", slug="billing")
    with index.indexing():
        forum.thread("Gnu invoice missing", "gnu", category=billing, tags=["결제", "Invoices"])
        forum.thread("Gnu invoice twice", "gnu", tags=["Invoices"], answers=["ok"], accepted=0)
    outcome, _ = site_search("gnu", viewer=member)
    assert dict(outcome.facets["category"]) == {"Billing & Payments": 1, "General": 1}
    assert dict(outcome.facets["tags"]) == {"Invoices": 2, "결제": 1}
    assert dict(outcome.facets["status"]) == {"open": 1, "solved": 1}
    filtered, window = site_search("gnu", viewer=member, filters={"category": "Billing & Payments"})
    assert filtered.total == 1
    assert window[:5][0].title == "Gnu invoice missing"
    korean, _ = site_search("gnu", viewer=member, filters={"tag": "결제"})
    assert korean.total == 1


def test_facet_limit_and_mincount_are_honoured(index, forum):
    with index.indexing():
        for i in range(5):
            forum.thread(f"Ibis question {i}", "ibis", tags=[f"tag{i}", "common"])
    counts = SearchQuerySet().filter(content="ibis").facet("tags", limit=2).facet_counts()
    assert counts["fields"]["tags"] == [("common", 5), ("tag0", 1)]
    counts = SearchQuerySet().filter(content="ibis").facet("tags", mincount=2).facet_counts()
    assert counts["fields"]["tags"] == [("common", 5)]


def test_one_backend_call_gives_results_count_and_facets(index, forum, member):
    with index.indexing():
        for i in range(30):
            forum.thread(f"Lynx export {i}", "lynx export")
    sqs = SearchQuerySet().filter(content="lynx").facet("doc_type")
    top = list(sqs[:25])
    assert len(top) == 25
    assert sqs.query.has_run()
    assert sqs.count() == 30
    assert sqs.facet_counts()["fields"]["doc_type"] == [("thread", 30)]


def test_edited_document_matches_only_in_its_new_version(index, forum, member):
    with index.indexing():
        thread = forum.thread("Original quokka title", "quokka")
    assert [h.title for h in site_search("quokka", viewer=member)[1][:5]] == [
        "Original quokka title"
    ]
    for n in range(3):  # several edits: several segments with deletions
        with index.indexing():
            thread.title = f"Renamed quokka guide {n}"
            thread.save(update_fields=["title"])
        outcome, window = site_search("quokka", viewer=member)
        assert outcome.total == 1
        assert [h.title for h in window[:5]] == [f"Renamed quokka guide {n}"]
        assert dict(outcome.facets["doc_type"]) == {"thread": 1}


def test_deleted_document_leaves_results_and_facets(index, forum, member):
    with index.indexing():
        keep = forum.thread("Tapir kept", "tapir", tags=["stay"])
        gone = forum.thread("Tapir removed", "tapir", tags=["leave"])
    assert site_search("tapir", viewer=member)[0].total == 2
    with index.indexing():
        gone.delete()
    outcome, window = site_search("tapir", viewer=member)
    assert outcome.total == 1
    assert [h.title for h in window[:5]] == [keep.title]
    assert dict(outcome.facets["tags"]) == {"stay": 1}


def test_vectorised_scores_equal_whoosh_scores(index, forum, kb):
    from haystack import connections

    from community.search.query import query_clause

    with index.indexing():
        kb.article("Sync stops on Android", "Open settings and sync again. 동기화 오류")
        forum.thread("Sync is slow", "sync sync android phone", answers=["Restart the sync"])
        forum.thread("Android battery", "battery drains when sync runs")
        forum.thread("Nothing related", "printer paper")
    backend = connections["default"].get_backend()
    for text in ("sync android", "sync", "battery sync phone", "동기화", "android -printer"):
        query = SearchQuerySet().filter(query_clause(text)).query.build_query()
        parsed = backend.parser.parse(query)
        searcher = backend._current_searcher()
        whoosh = {hit.docnum: hit.score for hit in searcher.search(parsed, limit=None)}
        ours = backend._match(searcher, parsed, [], scored=True)
        assert dict(ours.ranked(100)) == pytest.approx(whoosh)
        assert len(ours) == len(whoosh)
        assert (ours.arrays is not None) == ("-" not in text)  # NOT: Whoosh's own matcher


def test_index_broken_under_a_warm_searcher_falls_back_to_titles(index, kb, client):
    import shutil

    from django.urls import reverse

    with index.indexing():
        kb.article("Puffin setup guide", "puffin")
    assert (
        "Puffin setup guide"
        in client.get(reverse("search:search"), {"q": "puffin"}).content.decode()
    )
    shutil.rmtree(index.path)  # no reload: the backend still holds its searcher and caches
    index.path.write_text("a file where the index directory should be")
    response = client.get(reverse("search:search"), {"q": "puffin"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "only match titles" in html
    assert "Puffin setup guide" in html
    assert client.get(reverse("search:typeahead"), {"q": "puffin"}).json()["results"]
