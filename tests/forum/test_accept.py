"""Accepting answers: who may, change and undo, reputation, one per thread even under races."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction

from community.models import Notification
from forum import services
from forum.models import Post, Thread
from tests.factories import AnswerFactory, make_user

pytestmark = pytest.mark.django_db


def _rep(user) -> int:
    user.profile.refresh_from_db()
    return user.profile.reputation


def test_asker_accepts_an_answer(thread, answer, asker):
    services.answer_accept(answer=answer, actor=asker)
    thread.refresh_from_db()
    answer.refresh_from_db()
    assert thread.accepted_answer_id == answer.pk and thread.is_solved
    assert answer.is_accepted and answer.accepted_by == asker


def test_accept_gives_answerer_15_and_asker_2(thread, answer, asker, expert):
    services.answer_accept(answer=answer, actor=asker)
    assert _rep(expert) == 15
    assert _rep(asker) == 2


def test_accepting_own_answer_gives_no_reputation(thread, asker):
    own = AnswerFactory(thread=thread, author=asker)
    services.answer_accept(answer=own, actor=asker)
    assert _rep(asker) == 0


def test_second_accept_replaces_first(thread, answer, asker, expert, member):
    other = AnswerFactory(thread=thread, author=member)
    services.answer_accept(answer=answer, actor=asker)
    services.answer_accept(answer=other, actor=asker)
    assert list(Post.objects.filter(thread=thread, is_accepted=True)) == [other]
    assert _rep(expert) == 0
    assert _rep(member) == 15
    assert _rep(asker) == 2


def test_unaccept_reverses_reputation(thread, answer, asker, expert):
    services.answer_accept(answer=answer, actor=asker)
    services.answer_unaccept(thread=thread, actor=asker)
    thread.refresh_from_db()
    assert thread.accepted_answer is None
    assert not Post.objects.filter(thread=thread, is_accepted=True).exists()
    assert _rep(expert) == 0 and _rep(asker) == 0


def test_accept_twice_is_idempotent(thread, answer, asker, expert):
    services.answer_accept(answer=answer, actor=asker)
    services.answer_accept(answer=answer, actor=asker)
    assert _rep(expert) == 15


def test_stranger_cannot_accept(thread, answer, stranger):
    with pytest.raises(PermissionDenied):
        services.answer_accept(answer=answer, actor=stranger)


@pytest.mark.parametrize("persona", ["moderator", "agent"])
def test_moderator_or_agent_can_accept(request, thread, answer, persona, asker):
    staff = request.getfixturevalue(persona)
    services.answer_accept(answer=answer, actor=staff)
    assert Thread.objects.get(pk=thread.pk).accepted_answer_id == answer.pk
    assert _rep(asker) == 0  # only the asker's own accept earns the +2


def test_answer_author_is_notified(
    thread, answer, asker, expert, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_accept(answer=answer, actor=asker)
    assert Notification.objects.filter(recipient=expert, kind="forum_accepted").count() == 1


def test_database_refuses_two_accepted_answers(thread, answer, member):
    other = AnswerFactory(thread=thread, author=member)
    Post.objects.filter(pk=answer.pk).update(is_accepted=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Post.objects.filter(pk=other.pk).update(is_accepted=True)


def test_staff_answer_is_published_and_accepted(thread, agent):
    answer = services.staff_answer_publish_accepted(
        thread=thread, author=agent, body="Resolved by support: the VAT id is now fixed."
    )
    thread.refresh_from_db()
    assert answer.is_staff_answer and thread.accepted_answer_id == answer.pk


def test_thread_page_shows_solved_with_accepted_answer_first(client, thread, answer, asker):
    later = AnswerFactory(thread=thread, body_markdown="x", body_html="<p>high score</p>", score=9)
    services.answer_accept(answer=answer, actor=asker)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Solved" in html
    assert html.index(f'id="post-{answer.pk}"') < html.index(f'id="post-{later.pk}"')


def test_accept_view_requires_post_and_permission(client, answer, stranger, asker):
    client.force_login(stranger)
    assert client.get(f"/community/p/{answer.pk}/accept/").status_code == 405
    assert client.post(f"/community/p/{answer.pk}/accept/").status_code == 403
    client.force_login(asker)
    assert client.post(f"/community/p/{answer.pk}/accept/").status_code == 302
    assert Thread.objects.get(pk=answer.thread_id).accepted_answer_id == answer.pk


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_accepts_leave_exactly_one_accepted_answer(category):
    asker = make_user("race-asker")
    thread_obj = services.thread_create(
        author=asker, category=category, title="Race to accept", body="Which one is right here?"
    )
    answers = [
        AnswerFactory(thread=thread_obj, author=make_user(f"race-answerer-{i}")) for i in range(8)
    ]
    barrier = threading.Barrier(len(answers))
    errors: list[Exception] = []

    def accept(answer):
        try:
            barrier.wait()
            services.answer_accept(answer=answer, actor=asker)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=accept, args=(a,)) for a in answers]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    accepted = list(Post.objects.filter(thread=thread_obj, is_accepted=True))
    assert len(accepted) == 1
    thread_obj.refresh_from_db()
    assert thread_obj.accepted_answer_id == accepted[0].pk
    from community.reputation import ledger_total

    for answer in answers:
        answer.author.profile.refresh_from_db()
        assert answer.author.profile.reputation == ledger_total(answer.author)
    assert ledger_total(accepted[0].author) == 15
    assert ledger_total(asker) == 2


def test_staff_answer_allowed_on_locked_thread(thread, agent):
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    thread.refresh_from_db()
    answer = services.staff_answer_publish_accepted(
        thread=thread, author=agent, body="Support fixed the VAT id on all invoices."
    )
    assert answer.is_accepted


def test_member_cannot_post_a_staff_answer(thread, member):
    with pytest.raises(PermissionDenied):
        services.answer_create(
            thread=thread,
            author=member,
            body="Pretending to be support here.",
            is_staff_answer=True,
        )
