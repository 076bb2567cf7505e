"""Articles, FAQs and threads reach the index with their visibility, facets and text."""

from __future__ import annotations

from haystack.query import SearchQuerySet

from community.search.query import site_search, typeahead


def _titles(outcome_window):
    outcome, window = outcome_window
    return [h.title for h in window[: outcome.total]]


def test_article_is_found_by_body_word(index, kb, member):
    with index.indexing():
        kb.article("Reset your password", "Open the sign-in page and choose forgot password.")
    assert _titles(site_search("forgot", viewer=member)) == ["Reset your password"]


def test_faq_page_questions_are_indexed(index, kb, member):
    with index.indexing():
        kb.faq("Billing FAQ", [("Can I pay by invoice?", "Yes, on yearly plans.")])
    assert _titles(site_search("invoice", viewer=member)) == ["Billing FAQ"]


def test_thread_indexes_question_and_answers(index, forum, member):
    with index.indexing():
        forum.thread(
            "Sync stuck", "My notes do not sync", ["Sign out and back in fixes it"], accepted=0
        )
    _outcome, window = site_search("sign out", viewer=member)
    hit = window[0]
    assert (hit.type, hit.solved, hit.title) == ("thread", True, "Sync stuck")


def test_hidden_answer_text_is_not_indexed(index, forum, member, moderator):
    with index.indexing():
        thread = forum.thread("Printer question", "How to print?", ["secretword in an answer"])
        answer = thread.answer_list[0]
        answer.is_hidden = True
        answer.save()
    assert site_search("secretword", viewer=member)[0].total == 0
    assert site_search("secretword", viewer=moderator)[0].total == 0


def test_index_documents_carry_audience(index, kb, forum):
    with index.indexing():
        kb.article("Public guide", "alpha")
        kb.article("Staff runbook", "alpha", audience="staff")
        forum.thread("Hidden thread", "alpha", hidden=True)
        forum.thread("Escalated thread", "alpha", hidden_reason="escalated")
        forum.thread("Open thread", "alpha")
    found = {r.display_title: r.audience for r in SearchQuerySet().filter(content="alpha")}
    assert found == {
        "Public guide": "public",
        "Staff runbook": "staff",
        "Hidden thread": "staff",
        "Escalated thread": "staff",
        "Open thread": "public",
    }


def test_typeahead_completes_titles(index, kb, member):
    with index.indexing():
        kb.article("Two-factor authentication", "Use an app.")
    results = typeahead("two-fac", viewer=member)
    assert results and results[0]["title"] == "Two-factor authentication"
