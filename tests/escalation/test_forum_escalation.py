"""Escalation from the forum: the sweep, "I still need help", "Convert to ticket", publish back."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from escalation.models import Channel, MessageKind, Ticket, TicketStatus
from escalation.services import forum as forum_escalation
from escalation.services.tickets import ticket_reply
from forum.models import Thread
from tests.factories import AnswerFactory, CategoryFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def hours_ago(hours: float):
    return timezone.now() - dt.timedelta(hours=hours)


@pytest.fixture
def category(db):
    return CategoryFactory(
        escalation_enabled=True,
        escalate_unaccepted_after_hours=72,
        escalate_unanswered_after_hours=24,
    )


@pytest.fixture
def old_thread(category, asker):
    return ThreadFactory(
        category=category, author=asker, created_at=hours_ago(30), body="Card declined, why?"
    )


# --- the sweep -----------------------------------------------------------------------------


def test_sweep_escalates_unanswered_thread(old_thread, asker):
    assert forum_escalation.threads_escalate_stale() == 1
    ticket = Ticket.objects.get(source_thread=old_thread)
    assert ticket.requester == asker
    assert ticket.channel == Channel.FORUM
    assert "No answer after 24 hours" in ticket.escalation_reason
    old_thread.refresh_from_db()
    assert old_thread.escalated_at is not None


def test_sweep_is_idempotent(old_thread):
    assert forum_escalation.threads_escalate_stale() == 1
    assert forum_escalation.threads_escalate_stale() == 0
    Thread.objects.filter(pk=old_thread.pk).update(escalated_at=None)  # even if the stamp is lost
    assert forum_escalation.threads_escalate_stale() == 0
    assert Ticket.objects.filter(source_thread=old_thread).count() == 1


def test_answered_thread_waits_for_unaccepted_deadline(category, asker):
    thread = ThreadFactory(category=category, author=asker, created_at=hours_ago(30))
    AnswerFactory(thread=thread)
    assert forum_escalation.threads_escalate_stale() == 0
    Thread.objects.filter(pk=thread.pk).update(created_at=hours_ago(80))
    assert forum_escalation.threads_escalate_stale() == 1
    assert "No accepted answer after 72 hours" in Ticket.objects.get().escalation_reason


def test_solved_hidden_or_disabled_threads_are_skipped(category, asker, expert):
    solved = ThreadFactory(category=category, author=asker, created_at=hours_ago(100))
    answer = AnswerFactory(thread=solved, author=expert)
    Thread.objects.filter(pk=solved.pk).update(accepted_answer=answer)
    ThreadFactory(category=category, author=asker, created_at=hours_ago(100), is_hidden=True)
    ThreadFactory(
        category=CategoryFactory(escalation_enabled=False), author=asker, created_at=hours_ago(100)
    )
    assert forum_escalation.threads_escalate_stale() == 0


def test_per_category_hours(asker):
    fast = CategoryFactory(escalation_enabled=True, escalate_unanswered_after_hours=2)
    ThreadFactory(category=fast, author=asker, created_at=hours_ago(3))
    assert forum_escalation.threads_escalate_stale() == 1


def test_sweep_command_and_task(old_thread):
    out = StringIO()
    call_command("escalate_stale", "--dry-run", stdout=out, stderr=StringIO())
    assert "1" in out.getvalue()
    assert not Ticket.objects.exists()
    call_command("escalate_stale", stdout=out)
    assert Ticket.objects.count() == 1
    from escalation.tasks import escalate_stale_threads_task

    assert escalate_stale_threads_task.enqueue().return_value == 0


def test_one_ticket_per_thread_is_a_database_constraint(old_thread, asker):
    from django.db import IntegrityError, transaction

    from tests.factories import make_ticket

    make_ticket(asker, extra_fields={"source_thread": old_thread})
    with pytest.raises(IntegrityError), transaction.atomic():
        make_ticket(asker, extra_fields={"source_thread": old_thread})


def test_create_from_thread_returns_existing_after_race(old_thread, asker):
    first, created = forum_escalation.ticket_create_from_thread(
        thread=old_thread, requester=asker, actor=None, reason="r", body="b"
    )
    second, created_again = forum_escalation.ticket_create_from_thread(
        thread=old_thread, requester=asker, actor=None, reason="r", body="b"
    )
    assert created and not created_again
    assert first.pk == second.pk


# --- "I still need help" -------------------------------------------------------------------


def test_asker_must_wait_minimum(category, asker):
    fresh = ThreadFactory(category=category, author=asker, created_at=hours_ago(2))
    assert not forum_escalation.can_asker_escalate(asker, fresh)
    Thread.objects.filter(pk=fresh.pk).update(created_at=hours_ago(25))
    fresh.refresh_from_db()
    assert forum_escalation.can_asker_escalate(asker, fresh)


def test_only_the_asker_may_request_help(old_thread, stranger, agent):
    assert not forum_escalation.can_asker_escalate(stranger, old_thread)
    assert not forum_escalation.can_asker_escalate(agent, old_thread)


def test_asker_private_details_go_into_ticket_not_thread(client, old_thread, asker):
    client.force_login(asker)
    url = reverse("escalation:escalate", args=[old_thread.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "details": "Still failing",
            "order_number": "ORD-98765",
            "account_email": "sam@private.test",
        },
    )
    ticket = Ticket.objects.get(source_thread=old_thread)
    assert response.status_code == 302
    assert response["Location"] == ticket.get_absolute_url()
    first = ticket.messages.get()
    assert "ORD-98765" in first.body and "sam@private.test" in first.body
    for post in old_thread.posts.all():
        assert "ORD-98765" not in post.body_markdown
    thread_page = client.get(old_thread.get_absolute_url())
    if thread_page.status_code == 200:
        assert b"ORD-98765" not in thread_page.content


def test_escalate_url_404_for_others(client, old_thread, stranger):
    client.force_login(stranger)
    assert client.get(reverse("escalation:escalate", args=[old_thread.pk])).status_code == 404


def test_asker_with_existing_ticket_is_sent_to_it(client, old_thread, asker):
    forum_escalation.threads_escalate_stale()
    client.force_login(asker)
    response = client.get(reverse("escalation:escalate", args=[old_thread.pk]))
    assert response.status_code == 302
    assert response["Location"] == Ticket.objects.get().get_absolute_url()


# --- "Convert to ticket" -------------------------------------------------------------------


def test_staff_convert_with_hide(
    client, old_thread, asker, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    url = reverse("escalation:convert", args=[old_thread.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Card number posted publicly", "hide_thread": "on"})
    assert response.status_code == 302, response.context["form"].errors
    ticket = Ticket.objects.get(source_thread=old_thread)
    assert ticket.requester == asker
    note = ticket.messages.get(kind=MessageKind.INTERNAL)
    assert "Card number posted publicly" in note.body
    old_thread.refresh_from_db()
    assert old_thread.is_hidden
    assert any(asker.email in m.to for m in mailoutbox)  # the requester is notified


def test_convert_a_post_makes_its_author_requester(client, old_thread, expert, agent):
    answer = AnswerFactory(thread=old_thread, author=expert)
    client.force_login(agent)
    client.post(
        reverse("escalation:convert", args=[old_thread.pk]), {"reason": "r", "post": answer.pk}
    )
    ticket = Ticket.objects.get(source_thread=old_thread)
    assert ticket.requester == expert
    assert ticket.source_post == answer


def test_members_cannot_convert(client, old_thread, member, asker):
    for person in (member, asker):
        client.force_login(person)
        assert client.get(reverse("escalation:convert", args=[old_thread.pk])).status_code == 404


def test_hidden_thread_leaves_public_listing(client, old_thread, agent):
    forum_escalation.thread_convert_to_ticket(
        thread=old_thread, actor=agent, reason="pii", hide_thread=True
    )
    client.logout()
    assert client.get(old_thread.get_absolute_url()).status_code == 404


# --- notice and actions on the thread page ---------------------------------------------------


def test_thread_context_is_neutral_for_the_public(old_thread, stranger, asker, agent):
    from django.contrib.auth.models import AnonymousUser

    from escalation.selectors import thread_escalation_context

    ticket, _ = forum_escalation.ticket_create_from_thread(
        thread=old_thread, requester=asker, actor=None, reason="r", body="private"
    )
    for viewer in (AnonymousUser(), stranger):
        old_thread.__dict__.pop("_escalation_context", None)
        context = thread_escalation_context(viewer, old_thread)
        assert context["escalation_ticket_active"]
        assert context["escalation_ticket_url"] == ""
        assert context["escalation_ticket_number"] is None
    old_thread.__dict__.pop("_escalation_context", None)
    assert (
        thread_escalation_context(asker, old_thread)["escalation_ticket_url"]
        == ticket.get_absolute_url()
    )


def test_thread_notice_template_tag(rf, old_thread, asker, stranger):
    from django.template import Context, Template

    forum_escalation.ticket_create_from_thread(
        thread=old_thread, requester=asker, actor=None, reason="r", body="b"
    )
    request = rf.get("/")
    request.user = stranger
    html = Template(
        "{% load escalation_tags %}{% escalation_thread_notice thread %}{% escalation_thread_actions thread %}"
    ).render(Context({"thread": old_thread, "request": request}))
    assert "Our support team is looking into this." in html
    assert "/support/tickets/" not in html


def test_thread_actions_for_asker_and_staff(rf, old_thread, asker, agent):
    from django.template import Context, Template

    template = Template("{% load escalation_tags %}{% escalation_thread_actions thread %}")
    for user, text in ((asker, "I still need help"), (agent, "Convert to ticket")):
        old_thread.__dict__.pop("_escalation_context", None)
        request = rf.get("/")
        request.user = user
        assert text in template.render(Context({"thread": old_thread, "request": request}))


# --- closing the loop ----------------------------------------------------------------------


def test_publish_resolution_marks_thread_solved(client, old_thread, asker, agent):
    ticket, _ = forum_escalation.ticket_create_from_thread(
        thread=old_thread, requester=asker, actor=None, reason="r", body="b"
    )
    ticket_reply(
        ticket=ticket, author=agent, body="Clear your cache", new_status=TicketStatus.SOLVED
    )
    client.force_login(agent)
    url = reverse("escalation:publish", args=[ticket.number])
    form = client.get(url)
    assert form.status_code == 200
    assert "Clear your cache" in form.content.decode()
    response = client.post(
        url, {"body": "Clear the browser cache, then retry.", "mark_accepted": "on"}
    )
    assert response.status_code == 302
    old_thread.refresh_from_db()
    assert old_thread.is_solved
    answer = old_thread.accepted_answer
    assert answer.is_staff_answer and answer.author == agent
    ticket.refresh_from_db()
    assert ticket.published_answer == answer


def test_publish_notifies_followers(
    old_thread, asker, agent, member, django_capture_on_commit_callbacks
):
    from community.models import Notification
    from forum.services import follow_thread

    follow_thread(user=member, thread=old_thread)
    ticket, _ = forum_escalation.ticket_create_from_thread(
        thread=old_thread, requester=asker, actor=None, reason="r", body="b"
    )
    with django_capture_on_commit_callbacks(execute=True):
        forum_escalation.resolution_publish(ticket=ticket, actor=agent, body="Fixed by X.")
    assert Notification.objects.filter(recipient=member).exists()


def test_hidden_thread_leaves_listings(client, old_thread, agent):
    listing = reverse("forum:index")
    assert old_thread.title in client.get(listing).content.decode()
    forum_escalation.thread_convert_to_ticket(
        thread=old_thread, actor=agent, reason="pii", hide_thread=True
    )
    assert old_thread.title not in client.get(listing).content.decode()


def test_hidden_thread_leaves_search_index(old_thread, agent):
    from forum.search_indexes import public_threads_q

    assert Thread.objects.filter(public_threads_q(), pk=old_thread.pk).exists()
    forum_escalation.thread_convert_to_ticket(
        thread=old_thread, actor=agent, reason="pii", hide_thread=True
    )
    assert not Thread.objects.filter(public_threads_q(), pk=old_thread.pk).exists()


def test_category_zero_hours_uses_site_default(asker, settings):
    settings.ESCALATION_UNANSWERED_AFTER_HOURS = 5
    category = CategoryFactory(escalation_enabled=True, escalate_unanswered_after_hours=0)
    ThreadFactory(category=category, author=asker, created_at=hours_ago(6))
    assert forum_escalation.threads_escalate_stale() == 1


def test_publish_refused_by_forum_shows_error(client, old_thread, asker, agent, monkeypatch):
    from forum import services as forum_services
    from forum.services.errors import ForumError

    def refuse(**kwargs):
        raise ForumError("Thread is locked")

    monkeypatch.setattr(forum_services, "staff_answer_publish_accepted", refuse)
    ticket, _ = forum_escalation.ticket_create_from_thread(
        thread=old_thread, requester=asker, actor=None, reason="r", body="b"
    )
    client.force_login(agent)
    response = client.post(
        reverse("escalation:publish", args=[ticket.number]), {"body": "x", "mark_accepted": "on"}
    )
    assert response.status_code == 200
    assert "Thread is locked" in response.content.decode()


def test_post_convert_tag_only_for_staff(rf, old_thread, expert, agent, member):
    from django.template import Context, Template

    answer = AnswerFactory(thread=old_thread, author=expert)
    template = Template("{% load escalation_tags %}{% escalation_post_convert thread post %}")
    for user, shown in ((agent, True), (member, False)):
        old_thread.__dict__.pop("_escalation_context", None)
        request = rf.get("/")
        request.user = user
        html = template.render(Context({"thread": old_thread, "post": answer, "request": request}))
        assert ("Convert to ticket" in html) is shown
        assert (f"?post={answer.pk}" in html) is shown


def test_sweep_command_respects_the_switch_in_settings(old_thread):
    from escalation.models import EscalationSettings

    EscalationSettings.objects.create(sweep_enabled=False)
    out = StringIO()
    call_command("escalate_stale", stdout=out, stderr=StringIO())
    assert "switched off" in out.getvalue()
    assert not Ticket.objects.exists()
    from escalation.tasks import escalate_stale_threads_task

    assert escalate_stale_threads_task.enqueue().return_value == 0
    assert not Ticket.objects.exists()
    call_command("escalate_stale", "--force", stdout=out, stderr=StringIO())
    assert Ticket.objects.filter(source_thread=old_thread).count() == 1


def test_requester_is_told_why_a_converted_thread_became_a_ticket(
    old_thread, asker, agent, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = forum_escalation.thread_convert_to_ticket(
            thread=old_thread, actor=agent, reason="Account email posted", hide_thread=True
        )
    (mail,) = [m for m in mailoutbox if asker.email in m.to]
    assert "Our support team is looking into your question" in mail.subject
    assert f"#{ticket.number}" in mail.body and "private request" in mail.body
    assert "Account email posted" not in mail.body  # the reason is an internal note
