""" "Was this helpful?": one changeable vote per member or anonymous session, CSRF, rate limit."""

from __future__ import annotations

import pytest
from django.test import Client

from kb.models import ArticleFeedback
from kb.services import feedback_submit


def feedback_url(article) -> str:
    return f"/kb-tools/articles/{article.pk}/feedback/"


def test_member_vote_is_recorded_and_thanks_shown(client, member, public_article):
    client.force_login(member)
    response = client.post(feedback_url(public_article), {"helpful": "yes"}, follow=True)
    assert response.redirect_chain[-1][0].endswith("#feedback")
    html = response.content.decode()
    assert "Thanks for your feedback!" in html
    assert "You told us this article helped" in html
    vote = ArticleFeedback.objects.get()
    assert vote.user == member and vote.is_helpful


def test_member_can_change_the_vote_without_a_second_row(client, member, public_article):
    client.force_login(member)
    client.post(feedback_url(public_article), {"helpful": "yes"})
    client.post(feedback_url(public_article), {"helpful": "no", "comment": "Step 3 is wrong"})
    vote = ArticleFeedback.objects.get()
    assert not vote.is_helpful and vote.comment == "Step 3 is wrong"


def test_anonymous_vote_belongs_to_the_session_and_is_changeable(client, public_article):
    client.post(feedback_url(public_article), {"helpful": "no"})
    client.post(feedback_url(public_article), {"helpful": "yes"})
    vote = ArticleFeedback.objects.get()
    assert vote.user is None and vote.session_key and vote.is_helpful
    other_browser = Client()
    other_browser.post(feedback_url(public_article), {"helpful": "no"})
    assert ArticleFeedback.objects.count() == 2


def test_feedback_needs_csrf_token(public_article):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(feedback_url(public_article), {"helpful": "yes"}).status_code == 403
    assert not ArticleFeedback.objects.exists()


def test_feedback_form_on_the_page_posts_with_csrf_and_no_javascript(client, public_article):
    html = client.get(public_article.url).content.decode()
    assert f'action="{feedback_url(public_article)}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="helpful" value="yes"' in html and 'name="helpful" value="no"' in html


def test_feedback_is_post_only(client, public_article):
    assert client.get(feedback_url(public_article)).status_code == 405


def test_invalid_choice_is_rejected_with_a_message(client, public_article):
    response = client.post(feedback_url(public_article), {"helpful": "maybe"}, follow=True)
    assert "Please choose Yes or No." in response.content.decode()
    assert not ArticleFeedback.objects.exists()


def test_feedback_is_rate_limited(client, member, public_article, settings):
    settings.KB_FEEDBACK_RATE_LIMIT = 3
    client.force_login(member)
    for _ in range(3):
        client.post(feedback_url(public_article), {"helpful": "yes"})
    response = client.post(feedback_url(public_article), {"helpful": "no"}, follow=True)
    assert "too often" in response.content.decode()
    assert ArticleFeedback.objects.get().is_helpful  # the 4th vote was not applied


def test_feedback_on_draft_article_is_404(client, billing):
    from tests.factories import make_article

    draft = make_article(billing, "Unpublished", live=False)
    assert client.post(feedback_url(draft), {"helpful": "yes"}).status_code == 404


def test_service_refuses_anonymous_vote_without_session(public_article):
    with pytest.raises(ValueError):
        feedback_submit(article=public_article, user=None, session_key="", is_helpful=True)


def test_refused_feedback_keeps_the_comment_and_shows_why_next_to_the_form(
    client, member, public_article, settings
):
    settings.KB_FEEDBACK_RATE_LIMIT = 1
    client.force_login(member)
    client.post(feedback_url(public_article), {"helpful": "yes"})
    response = client.post(
        feedback_url(public_article),
        {"helpful": "no", "comment": "Step 3 mentions a menu that no longer exists"},
        follow=True,
    )
    html = response.content.decode()
    form_start = html.index('id="feedback"')
    assert html.index("too often", form_start) > form_start
    assert "Step 3 mentions a menu that no longer exists</textarea>" in html
    # Shown once: reloading the page shows the stored vote again, not the refused text.
    html = client.get(public_article.url).content.decode()
    assert "too often" not in html
    assert "Step 3 mentions" not in html


def test_comment_too_long_is_refused_with_its_reason_and_kept(client, public_article):
    long_comment = "가" * 2100
    response = client.post(
        feedback_url(public_article), {"helpful": "no", "comment": long_comment}, follow=True
    )
    html = response.content.decode()
    assert "under 2000 characters" in html
    assert long_comment in html
    assert not ArticleFeedback.objects.exists()


def test_missing_choice_keeps_the_comment(client, public_article):
    response = client.post(
        feedback_url(public_article), {"comment": "ภาษาไทย ไม่มีช่องว่าง"}, follow=True
    )
    html = response.content.decode()
    assert "Please choose Yes or No." in html
    assert "ภาษาไทย ไม่มีช่องว่าง</textarea>" in html


def test_still_stuck_links_prefill_the_question_and_the_ticket(client, public_article):
    from urllib.parse import quote

    html = client.get(public_article.url).content.decode()
    title = quote(public_article.title, safe="")
    assert f'href="/community/ask/?title={title}"' in html
    assert f'href="/support/new/?subject={title}"' in html
    ask = client.get(f"/community/ask/?title={title}")
    assert ask.status_code in (200, 302)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_first_votes_of_one_member_leave_one_row(public_article, member):
    import threading

    from django.db import connection

    barrier = threading.Barrier(6)
    errors: list[Exception] = []

    def vote(helpful: bool):
        try:
            barrier.wait()
            feedback_submit(article=public_article, user=member, is_helpful=helpful)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=vote, args=(i % 2 == 0,)) for i in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert ArticleFeedback.objects.filter(article=public_article, user=member).count() == 1
