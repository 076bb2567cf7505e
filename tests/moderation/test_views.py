"""Moderation pages and actions: permissions (404 for non-moderators), POST-only, CSRF, wiring."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from forum.moderation import services
from forum.moderation.models import ActionKind, Flag, ModerationAction
from tests.factories import AnswerFactory


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("persona", [None, "member", "agent"])
@pytest.mark.parametrize("name", ["moderation:queue", "moderation:log"])
def test_queue_and_log_are_404_for_non_moderators(db, request, persona, name):
    user = request.getfixturevalue(persona) if persona else None
    assert _client(user).get(reverse(name)).status_code == 404


def test_queue_lists_flagged_post_for_moderators(answer, stranger, moderator):
    services.flag_create(post=answer, reporter=stranger, reason="spam", note="watch ads")
    response = _client(moderator).get(reverse("moderation:queue"))
    assert response.status_code == 200
    assert "watch ads" in response.content.decode()


def test_queue_runs_a_fixed_number_of_queries(
    thread, stranger, moderator, django_assert_max_num_queries
):
    client = _client(moderator)
    answer = AnswerFactory(thread=thread)
    services.flag_create(post=answer, reporter=stranger, reason="spam")
    client.get(reverse("moderation:queue"))  # warm session, permissions
    with django_assert_max_num_queries(12) as one:
        client.get(reverse("moderation:queue"))
    for _ in range(30):
        services.flag_create(post=AnswerFactory(thread=thread), reporter=stranger, reason="rude")
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("moderation:queue"))


def test_member_flags_through_the_form(answer, stranger):
    url = reverse("moderation:flag", args=[answer.pk])
    response = _client(stranger).post(url, {"reason": "spam", "note": "ads", "next": "/x/"})
    assert response.status_code == 302 and response["Location"] == "/x/"
    assert Flag.objects.get(post=answer).reporter == stranger


def test_anonymous_visitor_is_sent_to_sign_in_to_flag(answer):
    response = _client().post(reverse("moderation:flag", args=[answer.pk]), {"reason": "spam"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Flag.objects.exists()


def test_flag_on_a_hidden_post_is_404_for_members(answer, moderator, stranger):
    services.post_hide(post=answer, actor=moderator)
    response = _client(stranger).post(
        reverse("moderation:flag", args=[answer.pk]), {"reason": "spam"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("persona", [None, "stranger", "agent"])
def test_actions_are_404_for_non_moderators(request, answer, persona):
    user = request.getfixturevalue(persona) if persona else None
    response = _client(user).post(reverse("moderation:post_action", args=[answer.pk, "hide"]))
    assert response.status_code == 404
    answer.refresh_from_db()
    assert not answer.is_hidden


def test_actions_refuse_get(answer, moderator):
    url = reverse("moderation:post_action", args=[answer.pk, "hide"])
    assert _client(moderator).get(url).status_code == 405


def test_actions_require_csrf(answer, moderator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    response = client.post(reverse("moderation:post_action", args=[answer.pk, "hide"]))
    assert response.status_code == 403
    answer.refresh_from_db()
    assert not answer.is_hidden


def test_hidden_answer_text_is_replaced_for_public_and_kept_for_staff(answer, moderator, stranger):
    client = _client(moderator)
    response = client.post(
        reverse("moderation:post_action", args=[answer.pk, "hide"]), {"reason": "Spam"}
    )
    assert response.status_code == 302
    url = answer.thread.get_absolute_url()
    assert "SECRET-SPAM-TEXT" not in _client().get(url).content.decode()
    assert "SECRET-SPAM-TEXT" not in _client(stranger).get(url).content.decode()
    assert "SECRET-SPAM-TEXT" in client.get(url).content.decode()


@pytest.mark.parametrize("action", ["lock", "unlock", "pin", "unpin", "reopen"])
def test_thread_actions_for_moderators(thread, moderator, action):
    response = _client(moderator).post(
        reverse("moderation:thread_action", args=[thread.pk, action])
    )
    assert response.status_code == 302
    assert ModerationAction.objects.filter(thread=thread).exists()


def test_move_and_duplicate_forms(thread, moderator, other_category, category):
    from tests.factories import ThreadFactory

    client = _client(moderator)
    assert client.get(reverse("moderation:manage_thread", args=[thread.pk])).status_code == 200
    client.post(reverse("moderation:move", args=[thread.pk]), {"category": other_category.pk})
    original = ThreadFactory(category=category)
    response = client.post(
        reverse("moderation:duplicate", args=[thread.pk]),
        {"original": original.get_absolute_url(), "reason": "Asked before"},
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert (thread.category, thread.duplicate_of) == (other_category, original)


def test_duplicate_of_itself_shows_the_error(thread, moderator):
    response = _client(moderator).post(
        reverse("moderation:duplicate", args=[thread.pk]), {"original": str(thread.pk)}
    )
    assert response.status_code == 400


def test_edit_and_history_pages(answer, moderator, member):
    client = _client(moderator)
    url = reverse("moderation:edit", args=[answer.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"body_markdown": "Cleaned up.", "reason": "spam link"})
    history = client.get(reverse("moderation:history", args=[answer.pk])).content.decode()
    assert "Buy cheap watches" in history and "spam link" in history
    assert _client(member).get(reverse("moderation:history", args=[answer.pk])).status_code == 404


def test_suspend_page_and_lift(member, moderator):
    client = _client(moderator)
    url = reverse("moderation:suspend", args=[member.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"days": "7", "reason": "Spam links"})
    suspension = member.forum_suspensions.get()
    client.post(reverse("moderation:lift", args=[suspension.pk]))
    suspension.refresh_from_db()
    assert suspension.lifted_by == moderator
    kinds = set(ModerationAction.objects.values_list("kind", flat=True))
    assert {ActionKind.SUSPEND, ActionKind.LIFT_SUSPENSION} <= kinds


def test_audit_log_shows_who_what_why(answer, moderator):
    services.post_hide(post=answer, actor=moderator, reason="Advertising links")
    page = _client(moderator).get(reverse("moderation:log")).content.decode()
    assert "Morgan Moderator" in page and "Hid post" in page and "Advertising links" in page


def test_flag_form_include_is_shown_to_members_not_authors(answer, stranger, member):
    request = RequestFactory().get("/")
    request.user = stranger
    html = render_to_string(
        "moderation/_flag_form.html", {"post": answer, "user": stranger, "request": request}
    )
    assert reverse("moderation:flag", args=[answer.pk]) in html
    html = render_to_string(
        "moderation/_flag_form.html", {"post": answer, "user": member, "request": request}
    )
    assert "flag" not in html.lower().replace("{%", "")


def test_post_actions_include_only_for_moderators(question, moderator, stranger):
    request = RequestFactory().get("/")
    for user, shown in [(moderator, True), (stranger, False)]:
        request.user = user
        html = render_to_string(
            "moderation/_post_actions.html", {"post": question, "user": user, "request": request}
        )
        assert (reverse("moderation:post_action", args=[question.pk, "hide"]) in html) is shown


def test_admin_menu_has_the_queue_for_moderators(moderator):
    response = _client(moderator).get("/admin/")
    assert reverse("moderation:queue") in response.content.decode()
