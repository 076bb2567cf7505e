"""Votes: one per member per post, changeable, not on one's own post, rate-limited, exact scores."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from forum import selectors, services
from forum.models import Post, Thread, Vote
from forum.services.errors import PostingRateLimited
from tests.factories import AnswerFactory, make_user

pytestmark = pytest.mark.django_db


def _score(post) -> int:
    return Post.objects.get(pk=post.pk).score


def _rep(user) -> int:
    user.profile.refresh_from_db()
    return user.profile.reputation


def test_upvote_on_answer_gives_10(answer, expert, asker):
    assert services.vote_cast(post=answer, voter=asker, value=1) == 1
    assert _score(answer) == 1 and _rep(expert) == 10


def test_upvote_on_question_gives_5_and_moves_thread_score(question, thread, asker, member):
    services.vote_cast(post=question, voter=member, value=1)
    assert _rep(asker) == 5
    assert Thread.objects.get(pk=thread.pk).score == 1


def test_downvote_costs_2(answer, expert, asker):
    services.vote_cast(post=answer, voter=asker, value=-1)
    assert _score(answer) == -1 and _rep(expert) == -2


def test_changing_a_vote_reverses_the_old_one(answer, expert, asker):
    services.vote_cast(post=answer, voter=asker, value=1)
    services.vote_cast(post=answer, voter=asker, value=-1)
    assert _score(answer) == -1 and _rep(expert) == -2
    assert Vote.objects.filter(post=answer).count() == 1


def test_withdrawing_a_vote_reverses_it(answer, expert, asker):
    services.vote_cast(post=answer, voter=asker, value=1)
    services.vote_cast(post=answer, voter=asker, value=0)
    assert _score(answer) == 0 and _rep(expert) == 0
    assert not Vote.objects.exists()


def test_same_vote_twice_counts_once(answer, expert, asker):
    services.vote_cast(post=answer, voter=asker, value=1)
    services.vote_cast(post=answer, voter=asker, value=1)
    assert _score(answer) == 1 and _rep(expert) == 10


def test_cannot_vote_on_own_post(answer, expert):
    with pytest.raises(PermissionDenied):
        services.vote_cast(post=answer, voter=expert, value=1)


def test_anonymous_vote_redirects_to_login(client, answer):
    response = client.post(f"/community/p/{answer.pk}/vote/", {"value": "up"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_votes_are_rate_limited(settings, thread, member):
    settings.FORUM_VOTE_RATE_LIMIT = 3
    answers = [AnswerFactory(thread=thread) for _ in range(4)]
    for answer in answers[:3]:
        services.vote_cast(post=answer, voter=member, value=1)
    with pytest.raises(PostingRateLimited):
        services.vote_cast(post=answers[3], voter=member, value=1)
    assert _score(answers[3]) == 0


def test_vote_view_answers_json(client, answer, asker):
    client.force_login(asker)
    response = client.post(
        f"/community/p/{answer.pk}/vote/", {"value": "up"}, HTTP_ACCEPT="application/json"
    )
    assert response.json() == {"score": 1, "vote": 1}


def test_vote_view_own_post_is_refused(client, answer, expert):
    client.force_login(expert)
    response = client.post(
        f"/community/p/{answer.pk}/vote/", {"value": "up"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 403


def test_answers_ordered_accepted_then_score_then_age(thread, asker, client):
    old_low = AnswerFactory(thread=thread, score=0)
    high = AnswerFactory(thread=thread, score=5)
    new_low = AnswerFactory(thread=thread, score=0)
    accepted = AnswerFactory(thread=thread, score=-1)
    services.answer_accept(answer=accepted, actor=asker)
    thread.refresh_from_db()
    page = selectors.thread_page(asker, thread)
    assert [p.pk for p in page.answers.object_list] == [
        accepted.pk,
        high.pk,
        old_low.pk,
        new_low.pk,
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_keep_an_exact_score(category):
    from community.reputation import ledger_total
    from tests.factories import ThreadFactory

    author = make_user("vote-author")
    thread = ThreadFactory(category=category, author=author)
    answer = AnswerFactory(thread=thread, author=author)
    voters = [make_user(f"voter-{i}") for i in range(12)]
    barrier = threading.Barrier(len(voters))
    errors: list[Exception] = []

    def vote(voter, value):
        try:
            barrier.wait()
            services.vote_cast(post=answer, voter=voter, value=value)
            services.vote_cast(post=answer, voter=voter, value=value)  # double click
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    workers = [
        threading.Thread(target=vote, args=(voter, 1 if i % 3 else -1))
        for i, voter in enumerate(voters)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    expected = sum(Vote.objects.filter(post=answer).values_list("value", flat=True))
    assert expected == 8 - 4
    assert _score(answer) == expected
    author.profile.refresh_from_db()
    assert author.profile.reputation == ledger_total(author) == 8 * 10 - 4 * 2
