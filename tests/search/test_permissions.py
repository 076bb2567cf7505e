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


# --- through the real pages and endpoints, and after content changes ---------------------


@pytest.mark.parametrize("who", ["anonymous", "member", "agent"])
def test_search_page_html_never_shows_hidden_content_to_non_staff(mixed, who, client, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    html = client.get("/search/", {"q": "zebra refund"}).content.decode()
    hidden = ("Refund runbook for agents", "Zebra refund denied", "Zebra refund escalated")
    hidden_tags = ("internal-only", "hiddentag", "escalatedtag")
    if who == "agent":
        assert all(title in html for title in hidden)
        assert all(tag in html for tag in hidden_tags)
    else:
        assert not any(title in html for title in hidden)
        assert not any(tag in html for tag in hidden_tags)  # facets and badges
        assert "Internal zebra refund steps" not in html  # snippet of the runbook


def test_filtering_by_a_staff_only_tag_finds_nothing_for_members(mixed, member, agent):
    outcome, _ = site_search("zebra refund", viewer=member, filters={"tag": "internal-only"})
    assert outcome.total == 0
    assert outcome.facets == {}
    staff, _ = site_search("zebra refund", viewer=agent, filters={"tag": "internal-only"})
    assert staff.total == 1


def test_newest_sort_counts_and_lists_only_public_content(mixed, member):
    outcome, window = site_search("zebra refund", viewer=member, sort="newest")
    assert outcome.total == 2
    assert {h.title for h in window[:10]} == PUBLIC_TITLES


def test_typeahead_and_similar_endpoints_hide_staff_content(mixed, client):
    typed = client.get("/search/suggest/", {"q": "zebra"}).json()["results"]
    assert {r["title"] for r in typed} == PUBLIC_TITLES
    similar = client.get(
        "/search/similar/", {"title": "zebra refund runbook", "body": "agents", "limit": 50}
    ).json()
    assert similar
    assert {r["title"] for r in similar} <= PUBLIC_TITLES


def test_a_thread_hidden_after_being_searched_disappears_at_once(index, forum, member, agent):
    with index.indexing():
        thread = forum.thread("Okapi sync stops", "okapi sync", tags=["okapitag"])
    first, _ = site_search("okapi", viewer=member)  # warms the backend's per-segment caches
    assert first.total == 1
    assert dict(first.facets["tags"]) == {"okapitag": 1}
    with index.indexing():
        thread.is_hidden = True
        thread.save(update_fields=["is_hidden"])
    after, _ = site_search("okapi", viewer=member)
    assert after.total == 0
    assert after.facets == {}
    assert typeahead("okapi", viewer=member) == []
    staff, _ = site_search("okapi", viewer=agent)
    assert staff.total == 1


def test_database_fallback_keeps_the_visibility_rules(mixed, member, agent, settings):
    from haystack import connections

    settings.HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "community.search.whoosh_backend.CommunityWhooshEngine",
            "PATH": "/proc/no-such-index",  # cannot be created: every query fails
        }
    }
    connections.reload("default")
    try:
        outcome, hits = site_search("zebra refund", viewer=member)
        assert outcome.failed
        assert {h.title for h in hits} == {"Zebra refund took a week"}
        _staff, staff_hits = site_search("zebra refund", viewer=agent)
        assert {h.title for h in staff_hits} >= {"Zebra refund denied", "Zebra refund escalated"}
        assert {h["title"] for h in typeahead("zebra refund", viewer=member)} == {
            "Zebra refund took a week"
        }
    finally:
        connections.reload("default")
