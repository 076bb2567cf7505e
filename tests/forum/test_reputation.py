"""Reputation ledger: cache equals the ledger after many operations; recompute repairs drift."""

from __future__ import annotations

import random

import pytest
from django.core.management import call_command

from community.models import Profile, ReputationEvent
from community.reputation import ledger_total, reputation_recompute
from forum import selectors, services
from tests.factories import AnswerFactory, ThreadFactory, make_user

pytestmark = pytest.mark.django_db


def test_cache_equals_ledger_after_many_operations(category):
    rng = random.Random(7)
    people = [make_user(f"rep{i}") for i in range(6)]
    threads = [ThreadFactory(category=category, author=people[i]) for i in range(3)]
    answers = [AnswerFactory(thread=threads[i % 3], author=people[(i + 1) % 6]) for i in range(9)]
    posts = answers + [t.posts.get(kind="question") for t in threads]
    for _ in range(300):
        post = rng.choice(posts)
        voter = rng.choice(people)
        if voter.pk == post.author_id:
            continue
        services.vote_cast(post=post, voter=voter, value=rng.choice([-1, 0, 1]))
        if rng.random() < 0.2:
            answer = rng.choice(answers)
            services.answer_accept(answer=answer, actor=answer.thread.author)
        if rng.random() < 0.05:
            undo = rng.choice(threads)
            services.answer_unaccept(thread=undo, actor=undo.author)
    for person in people:
        person.profile.refresh_from_db()
        assert person.profile.reputation == ledger_total(person)
    assert reputation_recompute() == 0


def test_recompute_command_repairs_drift(answer, asker, expert):
    services.vote_cast(post=answer, voter=asker, value=1)
    Profile.objects.filter(user=expert).update(reputation=999)
    call_command("reputation_recompute")
    expert.profile.refresh_from_db()
    assert expert.profile.reputation == 10


def test_ledger_line_is_unique_per_source(answer, asker, expert):
    from community.reputation import reputation_award

    assert reputation_award(user=expert, kind="answer_upvoted", source="x:1") is True
    assert reputation_award(user=expert, kind="answer_upvoted", source="x:1") is False
    assert ReputationEvent.objects.filter(user=expert).count() == 1


def test_reaching_200_makes_member_trusted(thread, member):
    from community.roles import is_trusted

    voters = [make_user(f"fan{i}") for i in range(20)]
    answer = AnswerFactory(thread=thread, author=member)
    for voter in voters:
        services.vote_cast(post=answer, voter=voter, value=1)
    member.refresh_from_db()
    member.profile.refresh_from_db()
    assert member.profile.reputation == 200 and is_trusted(member)


def test_profile_shows_reputation_answers_and_accepted(client, thread, answer, asker, expert):
    services.vote_cast(post=answer, voter=asker, value=1)
    services.answer_accept(answer=answer, actor=asker)
    response = client.get(f"/members/{expert.pk}/")
    assert response.context["forum_reputation"] == 25
    assert response.context["forum_answer_count"] == 1
    assert response.context["forum_accepted_count"] == 1
    assert "Invoice shows the wrong VAT" in response.content.decode()


def test_leaderboard_this_month_and_all_time(client, thread, answer, asker, expert):
    services.answer_accept(answer=answer, actor=asker)
    board = selectors.leaderboard()
    assert board["this_month"][0]["member"] == expert
    assert board["this_month"][0]["points"] == 15
    assert board["all_time"][0].user == expert
    assert client.get("/community/leaderboard/").status_code == 200
