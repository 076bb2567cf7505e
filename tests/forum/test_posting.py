"""Asking, answering, commenting and editing through the site: previews, errors, rate limits."""

from __future__ import annotations

import pytest

from forum import services
from forum.models import Comment, Post, PostRevision, Thread
from forum.services.errors import PostingRateLimited

pytestmark = pytest.mark.django_db

BODY = "My invoice from May shows last year's VAT number. How do I fix it?"


def test_ask_prefills_title_from_query(client, member, category):
    client.force_login(member)
    response = client.get("/community/ask/", {"title": "VAT number wrong"})
    assert 'value="VAT number wrong"' in response.content.decode()


def test_ask_requires_sign_in(client):
    assert client.get("/community/ask/")["Location"].startswith("/accounts/login/")


def test_ask_creates_thread_and_question(client, member, category):
    client.force_login(member)
    response = client.post(
        "/community/ask/",
        {
            "title": "VAT number is wrong",
            "category": category.pk,
            "kind": "question",
            "body": BODY,
            "tags": "vat, 청구서",
        },
    )
    thread = Thread.objects.get()
    assert response["Location"] == thread.get_absolute_url()
    assert thread.posts.get().kind == Post.Kind.QUESTION
    assert sorted(thread.tags.names()) == ["vat", "청구서"]
    assert thread.follows.filter(user=member).exists()


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("ใบแจ้งหนี้แสดงเลขภาษีผิด ต้องแก้อย่างไร", "ใบแจ้งหนี้แสดงเลขภาษีผิด-ต้องแก้อย่างไร"),
        ("송장의 부가세 번호가 틀려요!", "송장의-부가세-번호가-틀려요"),
        ("नमस्ते: चालान में गलत कर संख्या", "नमस्ते-चालान-में-गलत-कर-संख्या"),
        ("Why is my VAT wrong?", "why-is-my-vat-wrong"),
    ],
)
def test_thread_slug_keeps_every_script_whole(client, member, category, title, slug):
    """Thai and Devanagari vowel marks are not dropped from the URL (Django's slugify would)."""
    client.force_login(member)
    data = {"title": title, "category": category.pk, "kind": "question", "body": BODY}
    response = client.post("/community/ask/", data)
    thread = Thread.objects.get()
    assert thread.slug == slug
    assert client.get(response["Location"]).status_code == 200


def test_preview_button_keeps_text_and_shows_rendered_body(client, member, category):
    client.force_login(member)
    response = client.post(
        "/community/ask/",
        {
            "title": "VAT number is wrong",
            "category": category.pk,
            "kind": "question",
            "body": "**bold** text that is long enough",
            "preview": "1",
        },
    )
    html = response.content.decode()
    assert "<strong>bold</strong>" in html
    assert "**bold** text that is long enough</textarea>" in html
    assert not Thread.objects.exists()


def test_bad_input_gets_message_next_to_field_and_keeps_text(client, member, category):
    client.force_login(member)
    response = client.post(
        "/community/ask/",
        {"title": "short", "category": category.pk, "kind": "question", "body": BODY},
    )
    html = response.content.decode()
    assert 'id="id_title_error"' in html
    assert BODY.replace("'", "&#x27;") in html


def test_rate_limited_answer_keeps_text(client, settings, thread, member):
    settings.FORUM_POST_RATE_LIMIT = 1
    client.force_login(member)
    client.post(f"/community/t/{thread.pk}/-/answer/", {"body": "First answer with enough text."})
    response = client.post(
        f"/community/t/{thread.pk}/-/answer/", {"body": "Second answer with enough text."}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "posting very quickly" in html and "Second answer with enough text." in html
    assert Post.objects.filter(kind="answer").count() == 1


def test_service_rate_limit_raises(settings, member, category):
    settings.FORUM_POST_RATE_LIMIT = 1
    services.thread_create(author=member, category=category, title="First title", body=BODY)
    with pytest.raises(PostingRateLimited):
        services.thread_create(author=member, category=category, title="Second title", body=BODY)


def test_answer_through_site(client, thread, member):
    client.force_login(member)
    response = client.post(
        f"/community/t/{thread.pk}/-/answer/", {"body": "Open Billing → Tax and change it."}
    )
    answer = Post.objects.get(kind="answer")
    assert response["Location"] == f"/community/p/{answer.pk}/"
    assert client.get(response["Location"])["Location"].endswith(f"#post-{answer.pk}")
    thread.refresh_from_db()
    assert thread.answer_count == 1


def test_answer_preview_rerenders_thread_with_text(client, thread, member):
    client.force_login(member)
    response = client.post(
        f"/community/t/{thread.pk}/-/answer/", {"body": "`code` preview", "preview": "1"}
    )
    assert response.status_code == 200
    assert "<code>code</code>" in response.content.decode()
    assert not Post.objects.filter(kind="answer").exists()


def test_live_preview_endpoint(client, member):
    client.force_login(member)
    response = client.post("/community/preview/", {"body": "# Title\n\n<b>x</b>"})
    assert "<h1>Title</h1>" in response.json()["html"]
    assert "<b>" not in response.json()["html"]


def test_locked_thread_refuses_answers(client, thread, member):
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    client.force_login(member)
    response = client.post(f"/community/t/{thread.pk}/-/answer/", {"body": "Too late answer text"})
    assert response.status_code == 403


def test_comment_through_site(client, answer, member):
    client.force_login(member)
    client.post(f"/community/p/{answer.pk}/comment/", {"body": "Did that work for you?"})
    assert Comment.objects.get().post == answer


def test_author_edits_own_post_and_revision_is_kept(client, question, asker):
    client.force_login(asker)
    client.post(
        f"/community/p/{question.pk}/edit/",
        {"title": "Invoice shows the wrong VAT id", "body": BODY + " (edited)", "tags": "vat"},
    )
    question.refresh_from_db()
    assert question.body_markdown.endswith("(edited)") and question.edited_by == asker
    assert PostRevision.objects.get(post=question).title == "Invoice shows the wrong VAT"
    assert question.thread.tags.names()[0] == "vat"


def test_member_cannot_edit_others_post(client, question, member):
    client.force_login(member)
    assert client.get(f"/community/p/{question.pk}/edit/").status_code == 403


def test_trusted_by_reputation_edits_and_retags_others_post(question, member):
    member.profile.reputation = 200
    member.profile.save()
    services.post_edit(post=question, editor=member, body=BODY + " more", tags=["billing"])
    assert question.thread.tags.names()[0] == "billing"


def test_below_200_cannot_edit_others_post(question, member):
    from django.core.exceptions import PermissionDenied

    member.profile.reputation = 199
    member.profile.save()
    with pytest.raises(PermissionDenied):
        services.post_edit(post=question, editor=member, body=BODY)


def test_mention_lookup(client, member, expert):
    client.force_login(member)
    results = client.get("/community/mentions/", {"q": "pri"}).json()["results"]
    assert results == [{"id": expert.pk, "name": "Priya Expert"}]
