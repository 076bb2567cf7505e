"""Ranking: title over body, articles and solved threads boosted, stemming, typos."""

from __future__ import annotations

from community.search.query import highlight, site_search


def _order(viewer, query):
    outcome, window = site_search(query, viewer=viewer)
    return [h.title for h in window[: outcome.total]]


def test_title_match_ranks_above_body_match(index, forum, member):
    with index.indexing():
        forum.thread("Printer settings", "Something about the kestrel feature in the body")
        forum.thread("Kestrel feature explained", "Short body")
    assert _order(member, "kestrel")[0] == "Kestrel feature explained"


def test_solved_thread_ranks_above_unsolved_twin(index, forum, member):
    with index.indexing():
        forum.thread("Magpie export fails", "magpie export", ["answer"])
        forum.thread("Magpie export fails", "magpie export", ["answer"], accepted=0)
    _outcome, window = site_search("magpie export", viewer=member)
    assert window[0].solved is True


def test_english_stemming_matches_other_word_forms(index, kb, member):
    with index.indexing():
        kb.article("Exporting notebooks", "How exports of notebooks work.")
    assert _order(member, "export notebook") == ["Exporting notebooks"]


def test_highlight_escapes_text_and_marks_stemmed_matches():
    snippet = highlight("<script>x</script> Resetting passwords is easy", "reset password")
    assert "<script>" not in snippet
    assert "<mark>Resetting</mark>" in snippet and "<mark>passwords</mark>" in snippet


def test_highlight_marks_korean_inside_a_word():
    assert "<mark>" in highlight("비밀번호를 재설정하는 방법", "비밀번호")
