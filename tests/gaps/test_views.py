"""Staff pages of KB gaps: who may see them, the actions, and a fixed number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from escalation.gaps.models import Gap, GapEvidence, GapKind, GapStatus
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def make_gap(n: int = 0, **fields) -> Gap:
    defaults = {
        "key": f"gap-test-{n}",
        "title": f"Export invoices to CSV {n}",
        "key_terms": ["invoices", "csv"],
        "asker_count": 3 + n,
        "thread_count": 3,
    }
    defaults.update(fields)
    gap = Gap.objects.create(**defaults)
    GapEvidence.objects.create(
        gap=gap,
        item_key=f"search:q{n}",
        source="search",
        source_id=f"q{n}",
        asker_key=f"search:q{n}",
        title="export invoices csv",
    )
    return gap


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_list_and_gap_are_hidden_from_non_staff(client, who):
    gap = make_gap()
    if who == "member":
        client.force_login(make_user("plain"))
    assert client.get(reverse("gaps:list")).status_code == 404
    assert client.get(reverse("gaps:detail", args=[gap.pk])).status_code == 404
    assert client.post(reverse("gaps:run")).status_code == 404
    response = client.post(reverse("gaps:dismiss", args=[gap.pk]), {"reason": "x"})
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["editor", "agent", "admin_user", "moderator"])
def test_staff_see_the_list_and_the_gap(client, persona, request):
    gap = make_gap()
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("gaps:list"))
    assert response.status_code == 200
    assert gap.title in response.content.decode()
    detail = client.get(reverse("gaps:detail", args=[gap.pk]))
    assert detail.status_code == 200
    assert "export invoices csv" in detail.content.decode()


def test_agents_may_not_act_on_gaps(client, agent):
    gap = make_gap()
    client.force_login(agent)
    response = client.post(reverse("gaps:dismiss", args=[gap.pk]), {"reason": "Not ours"})
    assert response.status_code == 404
    gap.refresh_from_db()
    assert gap.status == GapStatus.OPEN


def test_list_is_ranked_by_distinct_askers_and_filters_by_status(client, editor):
    low, high = make_gap(0), make_gap(5)
    make_gap(9, status=GapStatus.DISMISSED, dismissed_reason="no")
    client.force_login(editor)
    page = client.get(reverse("gaps:list")).context["page_obj"]
    assert [g.pk for g in page.object_list] == [high.pk, low.pk]
    dismissed = client.get(reverse("gaps:list"), {"status": "dismissed"}).context["page_obj"]
    assert [g.title for g in dismissed.object_list] == ["Export invoices to CSV 9"]


def test_cues_have_their_own_list(client, editor):
    make_gap(0)
    cue = make_gap(1, kind=GapKind.CUE, key="cue-1")
    client.force_login(editor)
    page = client.get(reverse("gaps:list"), {"kind": "cue"}).context["page_obj"]
    assert [g.pk for g in page.object_list] == [cue.pk]


@pytest.mark.parametrize("rows", [1, 100])
def test_list_runs_a_fixed_number_of_queries(client, editor, rows, django_assert_max_num_queries):
    for n in range(rows):
        make_gap(n, assignee=editor)
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("gaps:list")).status_code == 200


def test_editor_plans_and_assigns(client, editor):
    gap = make_gap()
    client.force_login(editor)
    client.post(reverse("gaps:plan", args=[gap.pk]), {"assignee": editor.pk})
    gap.refresh_from_db()
    assert (gap.status, gap.assignee_id) == (GapStatus.PLANNED, editor.pk)


def test_dismiss_needs_a_reason_and_reopen_puts_it_back(client, editor):
    gap = make_gap()
    client.force_login(editor)
    client.post(reverse("gaps:dismiss", args=[gap.pk]), {"reason": ""})
    gap.refresh_from_db()
    assert gap.status == GapStatus.OPEN
    client.post(reverse("gaps:dismiss", args=[gap.pk]), {"reason": "Answered in the FAQ."})
    gap.refresh_from_db()
    assert (gap.status, gap.dismissed_reason) == (GapStatus.DISMISSED, "Answered in the FAQ.")
    assert gap.dismissed_asker_count == gap.asker_count
    client.post(reverse("gaps:reopen", args=[gap.pk]))
    gap.refresh_from_db()
    assert gap.status == GapStatus.OPEN


def test_actions_are_post_only(client, editor):
    gap = make_gap()
    client.force_login(editor)
    assert client.get(reverse("gaps:dismiss", args=[gap.pk])).status_code == 405
    assert client.get(reverse("gaps:run")).status_code == 405


def test_run_now_runs_the_detector(client, editor, ask):
    from tests.gaps.conftest import EXPORT_INVOICES

    for title, body in EXPORT_INVOICES:
        ask(title, body)
    client.force_login(editor)
    response = client.post(reverse("gaps:run"))
    assert response.status_code == 302
    assert Gap.objects.filter(kind=GapKind.GAP).count() == 1


def test_detect_command_prints_topics_as_json(ask, capsys):
    import json

    from django.core.management import call_command

    from tests.gaps.conftest import EXPORT_INVOICES

    threads = [ask(title, body) for title, body in EXPORT_INVOICES]
    call_command("detect_kb_gaps", "--json", "--window-days", "30")
    data = json.loads(capsys.readouterr().out)
    topic = data["topics"][0]
    assert set(topic["members"]) == {f"thread:{t.pk}" for t in threads}
    assert topic["gap_id"] == Gap.objects.get().pk


def test_detect_command_prints_one_summary_line(ask, capsys):
    from django.core.management import call_command

    call_command("detect_kb_gaps")
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert "topics" in out[0]


def test_wagtail_dashboard_shows_top_gaps(client, editor):
    make_gap()
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Export invoices to CSV 0" in body
    assert reverse("gaps:list") in body


@pytest.mark.parametrize("rows", [1, 30])
def test_gap_page_runs_a_fixed_number_of_queries(
    client, editor, ask, accept, rows, django_assert_max_num_queries
):
    gap = make_gap()
    for n in range(rows):
        thread = ask(f"Export invoices to CSV {n}")
        accept(thread, "Billing → Invoices → Export CSV.")
        GapEvidence.objects.create(
            gap=gap,
            item_key=f"thread:{thread.pk}",
            source="thread",
            source_id=str(thread.pk),
            asker_key=f"user:{thread.author_id}",
            title=thread.title,
        )
    client.force_login(editor)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("gaps:detail", args=[gap.pk]))
    assert response.status_code == 200
    assert "Billing → Invoices → Export CSV." in response.content.decode()
