"""Staff-only articles, hidden threads and escalated-hidden threads never reach non-staff."""

from __future__ import annotations

import pytest

from community.search.query import site_search, typeahead
from community.search.selectors import similar_questions


@pytest.fixture
def mixed(index, kb, forum):
    with index.indexing():
        kb.article("Refund policy", "How refunds of the zebra plan work.", tags=["billing"])
        kb.article(
            "Refund runbook for agents",
            "Internal zebra refund steps.",
            audience="staff",
            tags=["internal-only"],
        )
        forum.thread("Zebra refund denied", "zebra refund", hidden=True, tags=["hiddentag"])
        forum.thread(
            "Zebra refund escalated",
            "zebra refund",
            hidden_reason="escalated",
            tags=["escalatedtag"],
        )
        forum.thread("Zebra refund took a week", "zebra refund", tags=["billing"])


def _visible_titles(viewer, query="zebra refund"):
    outcome, window = site_search(query, viewer=viewer)
    return outcome, {h.title for h in window[: outcome.total]}


PUBLIC_TITLES = {"Refund policy", "Zebra refund took a week"}


@pytest.mark.parametrize("who", ["anonymous", "member", "expert"])
def test_non_staff_see_only_public_results_and_counts(mixed, who, member, expert):
    from django.contrib.auth.models import AnonymousUser

    viewer = {"anonymous": AnonymousUser(), "member": member, "expert": expert}[who]
    outcome, titles = _visible_titles(viewer)
    assert titles == PUBLIC_TITLES
    assert outcome.total == 2


@pytest.mark.parametrize("persona", ["agent", "moderator", "editor"])
def test_staff_see_everything(mixed, persona, request):
    viewer = request.getfixturevalue(persona)
    outcome, titles = _visible_titles(viewer)
    assert outcome.total == 5
    assert "Refund runbook for agents" in titles


def test_facets_do_not_count_or_name_hidden_content(mixed, member):
    outcome, _ = site_search("zebra refund", viewer=member)
    tags = dict(outcome.facets["tags"])
    assert tags == {"billing": 2}
    assert sum(c for _, c in outcome.facets["doc_type"]) == 2


def test_staff_facets_include_staff_content(mixed, agent):
    outcome, _ = site_search("zebra refund", viewer=agent)
    assert "internal-only" in dict(outcome.facets["tags"])


def test_snippets_never_come_from_hidden_documents(mixed, member):
    outcome, _window = site_search("internal", viewer=member)
    assert outcome.total == 0


def test_typeahead_hides_staff_and_hidden_titles(mixed, member, agent):
    public = {r["title"] for r in typeahead("zebra", viewer=member)}
    assert public == PUBLIC_TITLES
    staff = {r["title"] for r in typeahead("zebra", viewer=agent)}
    assert "Zebra refund denied" in staff


def test_typeahead_for_refund_hides_runbook(mixed, member):
    assert "Refund runbook for agents" not in {
        r["title"] for r in typeahead("refund", viewer=member)
    }


def test_similar_questions_only_suggest_public_content(mixed):
    results = similar_questions(title="zebra refund runbook", body="refund steps", limit=50)
    titles = {r["title"] for r in results}
    assert titles <= PUBLIC_TITLES
    assert titles


def test_did_you_mean_never_uses_staff_only_words(mixed, member):
    # "runbok" is one letter from "runbook", a word only staff-only content contains.
    outcome, _ = site_search("runbok", viewer=member)
    assert outcome.suggestion != "runbook"
    assert outcome.total == 0
