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
