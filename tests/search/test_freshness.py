"""The index follows edits through the queued task; rebuilds show progress; failures fall back."""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.management import call_command
from django.urls import reverse

from community.search.query import site_search


def _titles(viewer, query):
    outcome, window = site_search(query, viewer=viewer)
    return {h.title for h in window[: outcome.total]}


def test_edit_unpublish_and_delete_reach_the_index(index, kb, member):
    with index.indexing():
        page = kb.article("Original walrus title", "walrus body")
    assert _titles(member, "walrus") == {"Original walrus title"}
    with index.indexing():
        page.title = "Renamed walrus guide"
        page.save_revision().publish()
    assert _titles(member, "walrus") == {"Renamed walrus guide"}
    with index.indexing():
        page.unpublish()
    assert _titles(member, "walrus") == set()
    with index.indexing():
        page.save_revision().publish()
    assert _titles(member, "walrus") == {"Renamed walrus guide"}
    with index.indexing():
        page.delete()
    assert _titles(member, "walrus") == set()


def test_switching_an_article_to_staff_only_hides_it(index, kb, member, agent):
    with index.indexing():
        page = kb.article("Heron guide", "heron")
    with index.indexing():
        page.audience = "staff"
        page.save_revision().publish()
    assert _titles(member, "heron") == set()
    assert _titles(agent, "heron") == {"Heron guide"}


def test_hide_accept_and_answer_edits_reach_the_index(index, forum, member):
    with index.indexing():
        thread = forum.thread("Otter sync question", "otter", ["try the lynx setting"])
    assert _titles(member, "lynx") == {"Otter sync question"}
    with index.indexing():
        answer = thread.answer_list[0]
        answer.is_accepted = True
        answer.save()
        thread.accepted_answer = answer
        thread.save()
    _outcome, window = site_search("otter", viewer=member)
    assert window[0].solved is True
    with index.indexing():
        thread.is_hidden = True
        thread.save()
    assert _titles(member, "otter") == set()


def test_burst_of_edits_leaves_nothing_stale(index, forum, member):
    with index.indexing():
        threads = [forum.thread(f"Badger {i}", "badger") for i in range(10)]
    with index.indexing():  # one transaction, many edits: each object re-indexed once
        for round_ in range(5):
            for i, thread in enumerate(threads):
                thread.title = f"Badger {i} edit {round_}"
                thread.save()
        threads[3].is_hidden = True
        threads[3].save()
        threads[7].delete()
    expected = {f"Badger {i} edit 4" for i in range(10) if i not in (3, 7)}
    assert _titles(member, "badger") == expected


def test_edits_are_queued_once_per_object_per_transaction(
    search_index, forum, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        thread = forum.thread("Stoat", "stoat")
        for i in range(5):
            thread.title = f"Stoat {i}"
            thread.save()
    enqueues = [c for c in callbacks if c.__class__.__name__ == "_Enqueue"]
    assert [c.key for c in enqueues] == [("forum.thread", str(thread.pk))]


def test_search_rebuild_shows_progress_and_summary(index, kb, forum, member):
    kb.article("Lemur article", "lemur")  # not indexed yet: no on-commit run
    forum.thread("Lemur thread", "lemur")
    assert _titles(member, "lemur") == set()
    out, err = io.StringIO(), io.StringIO()
    call_command("search_rebuild", stdout=out, stderr=err)
    assert "Indexed 2 documents" in out.getvalue()
    assert _titles(member, "lemur") == {"Lemur article", "Lemur thread"}


def test_rebuild_index_command_works_and_reports(index, forum, member):
    # Wagtail's update_index shadows haystack's, so ours replaces rebuild_index.
    forum.thread("Ibex", "ibex")
    out = io.StringIO()
    call_command("rebuild_index", "--noinput", stdout=out, stderr=io.StringIO())
    assert "Indexed 1 documents (0 KB articles, 0 FAQ pages, 1 threads)" in out.getvalue()
    assert _titles(member, "ibex") == {"Ibex"}


@pytest.mark.parametrize("breakage", ["garbage", "missing"])
def test_broken_index_falls_back_to_database_title_search(
    index, kb, forum, client, breakage, agent
):
    with index.indexing():
        kb.article("Puffin setup guide", "puffin")
        kb.article("Puffin staff notes", "puffin", audience="staff")
        forum.thread("Puffin crashes", "puffin", hidden=True)
    from haystack import connections

    if breakage == "garbage":
        for path in index.path.iterdir():
            path.write_bytes(b"\x00not an index")
    else:
        shutil.rmtree(index.path)
        index.path.write_text("a file where the index directory should be")
    connections.reload("default")
    response = client.get(reverse("search:search"), {"q": "puffin"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "only match titles" in html
    assert "Puffin setup guide" in html
    assert "Puffin staff notes" not in html and "Puffin crashes" not in html
    client.force_login(agent)
    staff_html = client.get(reverse("search:search"), {"q": "puffin"}).content.decode()
    assert "Puffin staff notes" in staff_html
    assert client.get(reverse("search:typeahead"), {"q": "puffin"}).status_code == 200
