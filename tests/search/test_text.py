"""The shared text normalisation: English stemming and stop words, Thai/Korean bigrams."""

from community.search.text import (
    bigrams,
    char_ngrams,
    normalise,
    normalise_query,
    script_of,
    token_set,
    tokens,
)


def test_normalise_applies_nfkc_and_casefold():
    assert normalise("  ＲＥＳＥＴ  Straße\tﬁle ") == "reset strasse file"


def test_normalise_query_drops_punctuation_and_collapses_spaces():
    assert normalise_query("How do I RESET  my password?!") == "how do i reset my password"
    assert normalise_query(None) == ""


def test_normalise_query_is_bounded():
    assert len(normalise_query("a " * 500)) <= 200


def test_english_tokens_are_stemmed_without_stop_words():
    assert tokens("How do I reset my passwords?") == ["reset", "password"]
    assert tokens("Resetting") == tokens("reset")


def test_numbers_are_kept():
    assert "404" in tokens("Error 404 on login")


def test_thai_without_spaces_becomes_cluster_bigrams():
    toks = tokens("เปลี่ยนรหัสผ่าน")
    assert "รหั" in toks and "ผ่า" in toks
    # A query for one Thai word shares terms with a sentence that contains it.
    assert token_set("รหัสผ่าน") <= token_set("วิธีเปลี่ยนรหัสผ่านของฉัน")


def test_korean_query_matches_inflected_sentence():
    assert token_set("비밀번호") <= token_set("비밀번호를 재설정하는 방법")


def test_mixed_scripts():
    assert tokens("Wi-Fi 연결") == ["wi", "fi", "연결"]


def test_script_of():
    assert script_of("ก") == "thai"
    assert script_of("한") == "hangul"
    assert script_of("字") == "cjk"
    assert script_of("a") == "other"


def test_bigrams_and_char_ngrams():
    assert bigrams(["a", "b", "c"]) == ["a b", "b c"]
    assert char_ngrams("ab", 3) == [" ab", "ab "]
    assert char_ngrams("", 3) == []
