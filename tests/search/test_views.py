"""The search page, its JSON endpoints, click logging and the staff report."""

from __future__ import annotations

import pytest
from django.urls import reverse

from community.search.models import Deflection, SearchClick, SearchLog


@pytest.fixture
def content(index, kb, forum):
    with index.indexing():
        kb.article("Reset your password", "Choose forgot password on the sign-in page.")
        kb.article("Password rules for agents", "password internal", audience="staff")
        for i in range(25):
            forum.thread(f"Printer problem number {i}", "The printer jams", tags=["printing"])
        forum.thread(
            "Password reset mail never arrives",
            "No password mail",
            ["Check spam"],
            accepted=0,
            tags=["email"],
        )


def test_search_page_mixes_articles_and_threads_with_badges(client, content):
    response = client.get(reverse("search:search"), {"q": "password"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Reset your password" in html and "Password reset mail never arrives" in html
    assert "Password rules for agents" not in html
    assert "Article" in html and "Solved" in html
    assert "<mark>password</mark>" in html.lower() or "<mark>Password</mark>" in html


def test_article_ranks_above_thread_for_same_words(client, content):
    response = client.get(reverse("search:search"), {"q": "password reset"})
    results = response.context["results"]
    assert results[0]["hit"].title == "Reset your password"


def test_pagination_and_facet_filter(client, content):
    first = client.get(reverse("search:search"), {"q": "printer"})
    assert first.context["outcome"].total == 25
    assert len(first.context["results"]) == 20
    second = client.get(reverse("search:search"), {"q": "printer", "page": 2})
    assert len(second.context["results"]) == 5
    assert second.context["results"][0]["position"] == 21
    filtered = client.get(reverse("search:search"), {"q": "password", "type": "thread"})
    assert {r["hit"].type for r in filtered.context["results"]} == {"thread"}
    solved = client.get(reverse("search:search"), {"q": "password", "status": "solved"})
    assert [r["hit"].title for r in solved.context["results"]] == [
        "Password reset mail never arrives"
    ]
    tagged = client.get(reverse("search:search"), {"q": "password", "tag": "email"})
    assert tagged.context["outcome"].total == 1


def test_sort_newest(client, content):
    response = client.get(reverse("search:search"), {"q": "printer", "sort": "newest"})
    titles = [r["hit"].title for r in response.context["results"]]
    assert titles[0] == "Printer problem number 24"


def test_did_you_mean_and_typo_fallback(client, content):
    response = client.get(reverse("search:search"), {"q": "pasword"})
    outcome = response.context["outcome"]
    assert outcome.corrected_from == "pasword"
    assert outcome.query == "password"
    assert outcome.total >= 2
    assert "Showing results for" in response.content.decode()


def test_no_results_page_offers_ask_and_contact(client, content):
    response = client.get(reverse("search:search"), {"q": "quantum teleport"})
    html = response.content.decode()
    assert "/community/ask/?title=quantum%20teleport" in html
    assert "/support/new/?subject=quantum%20teleport" in html


def test_each_search_is_logged_without_personal_data(client, content, member):
    client.force_login(member)
    client.get(reverse("search:search"), {"q": "  Password   RESET?? "})
    log = SearchLog.objects.get()
    assert log.query == "password reset"
    assert log.role == "member"
    assert log.result_count >= 1
    assert len(log.session_hash) == 32
    assert member.email not in str(log.__dict__)


def test_click_is_recorded_with_position_and_redirects(client, content):
    response = client.get(reverse("search:search"), {"q": "printer"})
    third = response.context["results"][2]
    redirect = client.get(third["href"])
    assert redirect.status_code == 302
    assert redirect["Location"] == third["hit"].url
    click = SearchClick.objects.get()
    assert (click.position, click.result_type) == (3, "thread")


def test_forged_click_token_is_404(client, content):
    assert client.get(reverse("search:click", args=["forged"])).status_code == 404


def test_typeahead_endpoint_returns_json(client, content):
    data = client.get(reverse("search:typeahead"), {"q": "pass"}).json()
    titles = [r["title"] for r in data["results"]]
    assert "Reset your password" in titles
    assert "Password rules for agents" not in titles


def test_similar_endpoint_shape_limit_and_type(client, content):
    url = reverse("search:similar")
    data = client.get(url, {"title": "forgot my password"}).json()
    assert data and len(data) <= 5
    assert set(data[0]) == {"type", "id", "title", "url", "score", "solved"}
    assert data[0]["title"] == "Reset your password"
    threads = client.get(url, {"title": "printer jams", "type": "thread", "limit": 100}).json()
    assert len(threads) <= 50 and {r["type"] for r in threads} == {"thread"}
    assert len(client.get(url, {"title": "printer", "limit": 2}).json()) == 2
    assert client.get(url, {"title": "x", "type": "bogus"}).status_code == 400


def test_deflection_recorded_on_leave_and_undone_on_post(client, content, member):
    client.force_login(member)
    url = reverse("search:deflections")
    opened = '[{"type": "article", "id": 3, "position": 1}]'
    response = client.post(url, {"action": "leave", "title": "Forgot PW!", "opened": opened})
    assert response.json() == {"recorded": 1}
    row = Deflection.objects.get()
    assert (row.title, row.result_type, row.result_id) == ("forgot pw", "article", "3")
    client.post(url, {"action": "posted"})
    assert not Deflection.objects.exists()


def test_deflection_endpoint_needs_csrf(content, member):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(member)
    response = csrf_client.post(reverse("search:deflections"), {"action": "leave"})
    assert response.status_code == 403


def test_report_is_404_for_non_staff_and_shows_numbers_to_staff(client, content, member, agent):
    client.get(reverse("search:search"), {"q": "printer"})
    client.get(reverse("search:search"), {"q": "nothing matches this"})
    client.force_login(member)
    assert client.get(reverse("search:report")).status_code == 404
    client.force_login(agent)
    response = client.get(reverse("search:report"))
    assert response.status_code == 200
    report = response.context["report"]
    assert report["total"] == 2
    assert [r["query"] for r in report["no_results"]] == ["nothing matches this"]
    assert [r["query"] for r in report["no_click"]] == ["printer"]


def test_search_page_query_count_is_fixed(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(reverse("search:search"), {"q": "printer"})
