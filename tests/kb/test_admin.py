"""Editors author in Wagtail admin: create, submit for review, approve, publish, schedule, compare."""

from __future__ import annotations

import datetime
from io import StringIO

from django.core.management import call_command
from django.utils import timezone
from wagtail.models import GroupPagePermission, Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kb.blocks import page_slug
from kb.models import ArticlePage


def article_form(title: str, **extra) -> dict:
    data = {
        "title": title,
        # The admin fills the slug from the title in the browser; a plain POST sends it.
        "slug": page_slug(title),
        "summary": "How to find every invoice.",
        "body": streamfield(
            [
                ("heading", {"text": "Where invoices live", "level": "h2"}),
                ("paragraph", rich_text("<p>Open Billing.</p>")),
                ("code", {"language": "bash", "code": "acme invoices list"}),
            ]
        ),
        "tags": "invoices, billing",
        "related_links": inline_formset([]),
        "comments": inline_formset([]),
        "audience": "public",
        "owner": "",
        "last_reviewed_at": "",
        "go_live_at": "",
        "expire_at": "",
        "seo_title": "",
        "search_description": "",
    }
    data.update(extra)
    return nested_form_data(data)


def create_url(parent) -> str:
    return f"/admin/pages/add/kb/articlepage/{parent.pk}/"


def test_kb_editor_group_has_page_permissions_and_the_review_workflow(kb_home):
    codenames = set(
        GroupPagePermission.objects.filter(group__name="KB editor", page=kb_home).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= codenames
    workflow = kb_home.get_workflow()
    assert workflow is not None and workflow.name == "Knowledge base review"
    assert [t.specific.groups.get().name for t in workflow.tasks] == ["KB editor"]


def test_setup_is_idempotent(kb_home):
    from kb.services import kb_editorial_setup

    before = GroupPagePermission.objects.count()
    kb_editorial_setup(kb_home=kb_home)
    assert GroupPagePermission.objects.count() == before
    assert Workflow.objects.filter(name="Knowledge base review").count() == 1


def test_editor_creates_and_publishes_an_article_in_the_admin(client, editor, billing):
    client.force_login(editor)
    assert client.get(create_url(billing)).status_code == 200
    response = client.post(
        create_url(billing), article_form("Find your invoices", **{"action-publish": "1"})
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = ArticlePage.objects.get(title="Find your invoices")
    assert article.live and article.slug == "find-your-invoices"
    assert sorted(article.tags.names()) == ["billing", "invoices"]
    assert client.get(article.url).status_code == 200


def test_editor_submits_for_review_and_another_editor_approves(client, editor, billing):
    from tests.factories import make_user

    client.force_login(editor)
    client.post(create_url(billing), article_form("Reviewed article", **{"action-submit": "1"}))
    article = ArticlePage.objects.get(title="Reviewed article")
    assert not article.live
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == "in_progress"
    reviewer = make_user("reviewer", "KB editor")
    client.force_login(reviewer)
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{article.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert article.live


def test_member_cannot_reach_the_admin_editor(client, member, billing):
    client.force_login(member)
    response = client.get(create_url(billing))
    assert response.status_code in (302, 403)


def test_scheduled_article_goes_live_with_publish_scheduled(client, editor, billing):
    client.force_login(editor)
    go_live = (timezone.now() + datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    client.post(
        create_url(billing),
        article_form("Scheduled article", go_live_at=go_live, **{"action-publish": "1"}),
    )
    article = ArticlePage.objects.get(title="Scheduled article")
    assert not article.live
    assert client.get(article.url).status_code == 404
    revision = article.scheduled_revision
    # Instead of waiting an hour: the time comes (the revision's own go_live_at too).
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", stdout=StringIO())
    article.refresh_from_db()
    assert article.live


def test_revisions_can_be_compared(client, editor, public_article):
    first = public_article.latest_revision
    article = ArticlePage.objects.get(pk=public_article.pk)
    article.summary = "A new summary."
    second = article.save_revision(user=editor)
    second.publish(user=editor)
    client.force_login(editor)
    url = f"/admin/pages/{article.pk}/revisions/compare/{first.pk}...{second.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Summary:" in html
    assert '<span class="addition">A new</span> summary' in html  # a word-level diff


def test_image_block_requires_alt_text():
    import pytest
    from django.core.exceptions import ValidationError

    from kb.blocks import ImageBlock

    with pytest.raises(ValidationError):
        ImageBlock().clean({"image": None, "alt_text": "", "caption": ""})
