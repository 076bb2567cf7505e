"""The forum through the real site (Django test client): every step of issue 4 in one place.

Asking, answering, commenting, previewing without JavaScript, mentions, KB cards, accepting,
voting, the reputation ledger's exact numbers, trust at 200, notifications and their emails.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from community.models import Notification, NotificationFrequency, OutboundEmail, ReputationEvent
from community.reputation import ledger_total
from forum.models import Post, Thread
from tests.factories import make_user

pytestmark = pytest.mark.django_db

Kind = ReputationEvent.Kind


@pytest.fixture
def client_class():
    """Each persona gets its own browser-like client (own cookies, own session)."""
    return Client


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _as(client_class, user):
    client = client_class()
    client.force_login(user)
    return client


def _rep(user) -> int:
    user.profile.refresh_from_db()
    assert user.profile.reputation == ledger_total(user), "cache drifted from the ledger"
    return user.profile.reputation


def _ask(client, category, body: str, title: str = "Invoice shows the wrong VAT number") -> Thread:
    response = client.post(
        reverse("forum:ask"),
        {"title": title, "category": category.pk, "kind": "question", "body": body, "tags": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Thread.objects.get(title=title)


def _answer(client, thread: Thread, body: str) -> Post:
    response = client.post(reverse("forum:answer", args=[thread.pk]), {"body": body})
    assert response.status_code == 302
    return Post.objects.filter(thread=thread, kind="answer").latest("pk")


def _vote(client, post: Post, value: str):
    return client.post(reverse("forum:vote", args=[post.pk]), {"value": value})


def test_ask_preview_without_js_mention_and_kb_card(
    client_class, on_commit, asker, expert, category, kb_article
):
    client = _as(client_class, asker)
    body = (
        f"Hello @[whatever name]({expert.pk}), my invoice lists an old VAT id.\n\n"
        f"{kb_article.url}\n\n```\nVAT: XX123\n```"
    )
    preview = client.post(
        reverse("forum:ask"),
        {
            "title": "Invoice shows the wrong VAT number",
            "category": category.pk,
            "kind": "question",
            "body": body,
            "preview": "1",
        },
    )
    html = preview.content.decode()
    assert preview.status_code == 200 and not Thread.objects.exists()
    assert 'class="kb-card"' in html and "Change your VAT number" in html
    assert "my invoice lists an old VAT id." in html  # the typed text is kept in the form
    with on_commit():
        thread = _ask(client, category, body)
    page = client_class().get(thread.get_absolute_url()).content.decode()
    assert 'class="kb-card"' in page and "<pre><code>VAT: XX123" in page
    # The mention shows the member's real name, not what the writer typed, and notifies them.
    assert f'data-mention="{expert.pk}"' in page and "@Priya Expert" in page
    assert "whatever name" not in page
    assert Notification.objects.filter(recipient=expert, kind="forum_mention").count() == 1


def test_answer_comment_notify_and_email_with_one_click_unsubscribe(
    client_class, on_commit, asker, expert, stranger, category
):
    asker.profile.email_notifications = NotificationFrequency.IMMEDIATE
    asker.profile.save()
    thread = _ask(
        _as(client_class, asker), category, "The VAT id on my invoice is still the old one."
    )
    mail.outbox.clear()
    with on_commit():
        answer = _answer(_as(client_class, expert), thread, "Update it under Settings → Billing.")
    with on_commit():
        response = _as(client_class, stranger).post(
            reverse("forum:comment", args=[answer.pk]), {"body": "That fixed it for me too."}
        )
    assert response.status_code == 302
    assert set(Notification.objects.filter(recipient=asker).values_list("kind", flat=True)) == {
        "forum_answer",
        "forum_comment",
    }
    assert Notification.objects.filter(recipient=expert, kind="forum_comment").exists()
    sent = [m for m in mail.outbox if asker.email in m.to]
    assert len(sent) == 2
    headers = sent[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = headers["List-Unsubscribe"].strip("<>").split("://", 1)[1].split("/", 1)[1]
    # A mail client POSTs without cookies or CSRF token (RFC 8058).
    one_click = client_class(enforce_csrf_checks=True).post("/" + unsubscribe)
    assert one_click.status_code == 200
    asker.profile.refresh_from_db()
    assert asker.profile.email_notifications == NotificationFrequency.NEVER


def test_bell_count_list_and_mark_read(client_class, on_commit, asker, expert, category):
    thread = _ask(
        _as(client_class, asker), category, "The VAT id on my invoice is still the old one."
    )
    with on_commit():
        _answer(_as(client_class, expert), thread, "Update it under Settings → Billing.")
    client = _as(client_class, asker)
    home = client.get(reverse("forum:index")).content.decode()
    assert 'class="badge badge-danger bell-count">1<' in home
    listing = client.get(reverse("members:notifications")).content.decode()
    assert "Priya Expert answered" in listing
    client.post(reverse("members:notifications_read"))
    assert not Notification.objects.filter(recipient=asker, read_at__isnull=True).exists()
    assert "bell-count" not in client.get(reverse("forum:index")).content.decode()


def test_daily_digest_sends_one_email_per_member(client_class, on_commit, asker, expert, category):
    from community.notifications import send_notification_digests

    asker.profile.email_notifications = NotificationFrequency.DAILY
    asker.profile.save()
    thread = _ask(
        _as(client_class, asker), category, "The VAT id on my invoice is still the old one."
    )
    mail.outbox.clear()
    with on_commit():
        _answer(_as(client_class, expert), thread, "Update it under Settings → Billing.")
        _answer(_as(client_class, make_user("helper2")), thread, "Or ask support to change it.")
    assert [m for m in mail.outbox if asker.email in m.to] == []
    with on_commit():
        assert send_notification_digests() == 1
    digest = [m for m in mail.outbox if asker.email in m.to]
    assert len(digest) == 1 and "2" in digest[0].subject
    assert "List-Unsubscribe" in digest[0].extra_headers


def test_failed_email_never_fails_the_request_and_is_retried(
    client_class, on_commit, settings, asker, expert, category
):
    from django.core.management import call_command

    asker.profile.email_notifications = NotificationFrequency.IMMEDIATE
    asker.profile.save()
    thread = _ask(
        _as(client_class, asker), category, "The VAT id on my invoice is still the old one."
    )
    settings.EMAIL_BACKEND = "tests.forum.failing_mail.FailingBackend"
    with on_commit():
        _answer(_as(client_class, expert), thread, "Update it under Settings → Billing.")
    email = OutboundEmail.objects.get(to=[asker.email])
    assert email.status == OutboundEmail.Status.FAILED and "SMTP down" in email.last_error
    assert Notification.objects.filter(recipient=asker, kind="forum_answer").exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboundEmail.objects.filter(pk=email.pk).update(next_attempt_at=None)
    call_command("send_queued_email", stdout=__import__("io").StringIO())
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT and email.attempts == 2


def test_reputation_numbers_through_the_site(client_class, asker, category):
    answerer = make_user("answerer", display_name="Ann Answerer")
    second = make_user("second", display_name="Ben Second")
    voter = make_user("voter", display_name="Val Voter")
    thread = _ask(
        _as(client_class, asker), category, "The VAT id on my invoice is still the old one."
    )
    question = thread.posts.get(kind="question")
    answer = _answer(_as(client_class, answerer), thread, "Update it under Settings → Billing.")
    other = _answer(_as(client_class, second), thread, "Ask support to change it for you.")
    votes = _as(client_class, voter)

    _vote(votes, answer, "up")
    assert _rep(answerer) == 10  # answer upvoted +10
    _vote(votes, question, "up")
    assert _rep(asker) == 5  # question upvoted +5
    _vote(votes, question, "down")
    assert _rep(asker) == -2  # the vote changed: +5 reversed, downvoted −2
    _vote(votes, question, "clear")
    assert _rep(asker) == 0
    answer.refresh_from_db()
    assert answer.score == 1

    # Never on one's own post.
    response = _as(client_class, answerer).post(
        reverse("forum:vote", args=[answer.pk]), {"value": "up"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 403
    answer.refresh_from_db()
    assert answer.score == 1

    asking = _as(client_class, asker)
    asking.post(reverse("forum:accept", args=[answer.pk]))
    assert (_rep(answerer), _rep(asker)) == (25, 2)  # accepted +15, accepting +2
    asking.post(reverse("forum:accept", args=[other.pk]))  # change of mind
    assert (_rep(answerer), _rep(second), _rep(asker)) == (10, 15, 2)
    asking.post(reverse("forum:unaccept", args=[thread.pk]))
    assert (_rep(answerer), _rep(second), _rep(asker)) == (10, 0, 0)
    thread.refresh_from_db()
    assert thread.accepted_answer_id is None
    assert list(ReputationEvent.objects.filter(user=answerer).values_list("kind", "points")) == [
        (Kind.ANSWER_UPVOTED, 10)
    ]


def test_moderator_and_agent_accept_without_the_asker_bonus(
    client_class, asker, moderator, agent, category
):
    answerer = make_user("answerer")
    thread = _ask(
        _as(client_class, asker), category, "The VAT id on my invoice is still the old one."
    )
    answer = _answer(_as(client_class, answerer), thread, "Update it under Settings → Billing.")
    _as(client_class, moderator).post(reverse("forum:accept", args=[answer.pk]))
    thread.refresh_from_db()
    assert thread.accepted_answer_id == answer.pk
    assert (_rep(answerer), _rep(asker), _rep(moderator)) == (15, 0, 0)
    _as(client_class, agent).post(reverse("forum:unaccept", args=[thread.pk]))
    thread.refresh_from_db()
    assert thread.accepted_answer_id is None and _rep(answerer) == 0
    page = client_class().get(thread.get_absolute_url()).content.decode()
    assert "Solved" not in page


def test_accepted_answer_is_right_under_the_question_and_lists_filter(
    client_class, asker, category
):
    thread = _ask(
        _as(client_class, asker), category, "The VAT id on my invoice is still the old one."
    )
    early = _answer(_as(client_class, make_user("a1")), thread, "First answer, not the right one.")
    late = _answer(_as(client_class, make_user("a2")), thread, "Second answer, the right one.")
    _ask(
        _as(client_class, asker),
        category,
        "Nobody has answered me yet, why?",
        title="Unanswered one",
    )
    _as(client_class, asker).post(reverse("forum:accept", args=[late.pk]))
    html = client_class().get(thread.get_absolute_url()).content.decode()
    assert "Solved" in html
    question = thread.posts.get(kind="question")
    assert html.index(f'id="post-{question.pk}"') < html.index(f'id="post-{late.pk}"')
    assert html.index(f'id="post-{late.pk}"') < html.index(f'id="post-{early.pk}"')

    def titles(**params) -> set[str]:
        response = client_class().get(reverse("forum:index"), params)
        return {t.title for t in response.context["threads"]}

    assert titles(state="solved") == {thread.title}
    assert titles(state="unsolved") == {"Unanswered one"}
    assert titles(state="unanswered") == {"Unanswered one"}
    assert titles(sort="unanswered") == {"Unanswered one"}


def test_trusted_at_200_edits_and_retags_others_posts(client_class, asker, category):
    climber = make_user("climber")
    thread = _ask(
        _as(client_class, asker), category, "The VAT id on my invoice is still the old one."
    )
    question = thread.posts.get(kind="question")
    edit_url = reverse("forum:edit", args=[question.pk])
    data = {
        "title": thread.title,
        "body": "The VAT id on my invoice is still the old one (edited).",
        "tags": "billing, vat",
        "reason": "clearer",
    }
    assert _as(client_class, climber).post(edit_url, data).status_code == 403
    from community import reputation

    reputation.reputation_award(user=climber, kind=Kind.ADJUSTMENT, source="test", points=199)
    assert _as(client_class, climber).post(edit_url, data).status_code == 403
    reputation.reputation_award(user=climber, kind=Kind.ADJUSTMENT, source="test2", points=1)
    client = _as(client_class, climber)
    form = client.get(edit_url).content.decode()
    assert 'name="tags"' in form
    assert client.post(edit_url, data).status_code == 302
    thread.refresh_from_db()
    assert sorted(thread.tags.names()) == ["billing", "vat"]
    assert question.revisions.count() == 1


def test_answers_paginate_past_30_through_the_site(client_class, settings, asker, category):
    settings.FORUM_ANSWERS_PER_PAGE = 30
    thread = _ask(
        _as(client_class, asker), category, "The VAT id on my invoice is still the old one."
    )
    from tests.factories import AnswerFactory

    answers = [AnswerFactory(thread=thread) for _ in range(31)]
    first = client_class().get(thread.get_absolute_url())
    assert len(first.context["answers"]) == 30 and "?page=2" in first.content.decode()
    second = client_class().get(thread.get_absolute_url(), {"page": 2})
    assert [a.pk for a in second.context["answers"]] == [answers[-1].pk]
    assert (
        f"post-{answers[-1].pk}"
        in client_class().get(answers[-1].get_absolute_url(), follow=True).content.decode()
    )


def test_view_counts_once_per_viewer_per_day(client_class, asker, member, category):
    thread = _ask(
        _as(client_class, asker), category, "The VAT id on my invoice is still the old one."
    )
    reader = _as(client_class, member)
    for _ in range(3):
        reader.get(thread.get_absolute_url())
    anonymous = client_class()
    for _ in range(2):
        anonymous.get(thread.get_absolute_url(), HTTP_USER_AGENT="Firefox")
    thread.refresh_from_db()
    assert thread.view_count == 2
