"""Account management: password reset and change, email change, their rate limits; the bio."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from community.models import User
from tests.factories import DEFAULT_PASSWORD

NEW_PASSWORD = "another-Long-pass-phrase-77"


def link_in(message, fragment: str) -> str:
    match = re.search(r"https?://[^\s]+" + re.escape(fragment) + r"[^\s]*", message.body)
    assert match, message.body
    return match.group(0).split("testserver", 1)[-1]


def test_password_reset_link_from_the_outbox_sets_a_new_password(client, member):
    response = client.post(reverse("account_reset_password"), {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.email]
    link = link_in(mail.outbox[0], "/accounts/password/reset/key/")
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(action, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


def test_password_reset_for_unknown_email_reveals_nothing(client, db):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    # allauth's default: a "no account" notice goes to the address, never a reset link.
    assert all("/password/reset/key/" not in m.body for m in mail.outbox)


@pytest.mark.django_db
def test_password_reset_is_rate_limited(client, settings, member):
    settings.ACCOUNT_RATE_LIMITS = {"reset_password": "2/m/ip"}
    cache.clear()
    codes = [
        client.post(reverse("account_reset_password"), {"email": member.email}).status_code
        for _ in range(4)
    ]
    assert 429 in codes
    assert len(mail.outbox) <= 2


def test_production_rate_limits_cover_signup_login_and_reset():
    from community.settings import base

    for action in ("signup", "login", "login_failed", "reset_password"):
        assert base.ACCOUNT_RATE_LIMITS[action], action


def test_password_change_needs_the_old_password(client, member):
    client.force_login(member)
    url = reverse("account_change_password")
    bad = client.post(
        url, {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert bad.status_code == 200
    member.refresh_from_db()
    assert not member.check_password(NEW_PASSWORD)
    good = client.post(
        url,
        {"oldpassword": DEFAULT_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert good.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


def test_email_change_takes_effect_only_after_verifying_the_new_address(client, member):
    old = member.email
    client.force_login(member)
    response = client.post(reverse("account_email"), {"action_add": "", "email": "new@example.org"})
    assert response.status_code == 302
    # Still the old address until the new one is confirmed.
    member.refresh_from_db()
    assert member.email == old
    assert mail.outbox[-1].to == ["new@example.org"]
    link = link_in(mail.outbox[-1], "/accounts/confirm-email/")
    client.post(link)
    member.refresh_from_db()
    assert member.email == "new@example.org"
    addresses = EmailAddress.objects.filter(user=member)
    assert [a.email for a in addresses] == ["new@example.org"]
    assert addresses[0].verified and addresses[0].primary


def test_new_email_is_never_shown_on_the_public_profile(client, member, stranger):
    client.force_login(member)
    client.post(reverse("account_email"), {"action_add": "", "email": "hidden@example.org"})
    other = Client()  # another person's browser (the member's own flash messages stay theirs)
    other.force_login(stranger)
    html = other.get(reverse("members:profile", args=[member.pk])).content.decode()
    assert "hidden@example.org" not in html and member.email not in html


def test_bio_is_rendered_as_markdown_through_the_sanitizer(client, member, stranger):
    member.profile.bio = "I fix **sync errors**.\n\n<script>alert(1)</script> 한국어 ภาษาไทย"
    member.profile.save()
    client.force_login(stranger)
    html = client.get(reverse("members:profile", args=[member.pk])).content.decode()
    assert "<strong>sync errors</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "한국어 ภาษาไทย" in html


def test_display_name_is_what_others_see_never_the_username_or_email(client, stranger):
    from tests.factories import make_user

    person = make_user("jane.doe.private", email="jane.doe.private@example.com", display_name="")
    client.force_login(stranger)
    html = client.get(reverse("members:profile", args=[person.pk])).content.decode()
    assert "jane.doe.private" not in html
    assert User.objects.get(pk=person.pk).public_name in html
