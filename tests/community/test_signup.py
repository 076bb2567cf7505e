"""Sign-up by email with mandatory verification, login, and the member pages."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from community.models import User
from community.roles import Role


def sign_up(client, email="new@example.com", name="새 회원", password="a-Long-pass-phrase-42"):
    return client.post(
        reverse("account_signup"),
        {"email": email, "display_name": name, "password1": password, "password2": password},
    )


def confirmation_link(message) -> str:
    match = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body)
    assert match, message.body
    return match.group(0).split("testserver", 1)[-1]


def test_signup_sends_verification_and_blocks_login_until_verified(client, db):
    response = sign_up(client)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.com"]
    user = User.objects.get(email="new@example.com")
    assert user.display_name == "새 회원"
    assert user.groups.filter(name=Role.MEMBER).exists()
    # Not verified yet: the profile settings page sends them to log in.
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "new@example.com", "password": "a-Long-pass-phrase-42"}
    )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"] or "verification" in response["Location"]


def test_verification_link_logs_in_and_lands_on_profile(client, db):
    sign_up(client)
    link = confirmation_link(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    response = client.post(link, follow=True)
    user = User.objects.get(email="new@example.com")
    assert response.redirect_chain[-1][0] == reverse("members:profile", args=[user.pk])
    assert "새 회원" in response.content.decode()


def test_display_name_with_at_sign_is_rejected_next_to_field_and_input_kept(client, db):
    response = sign_up(client, name="me@example.com")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cannot contain" in html
    assert 'value="new@example.com"' in html
    assert not User.objects.filter(email="new@example.com").exists()


def test_profile_never_shows_email_to_other_members(client, asker, stranger):
    client.force_login(stranger)
    html = client.get(reverse("members:profile", args=[asker.pk])).content.decode()
    assert asker.display_name in html
    assert asker.email not in html
    assert asker.email.split("@")[0] + "@" not in html


def test_profile_of_inactive_member_is_404(client, db):
    from tests.factories import make_user

    gone = make_user("gone", is_active=False)
    assert client.get(reverse("members:profile", args=[gone.pk])).status_code == 404


def test_settings_page_requires_login(client, db):
    response = client.get(reverse("members:settings"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_settings_page_saves_display_name_bio_and_notifications(client, member):
    client.force_login(member)
    response = client.post(
        reverse("members:settings"),
        {
            "display_name": "  ใจดี   คนดี ",
            "bio": "Thai and 한국어 welcome",
            "email_notifications": "daily",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "ใจดี คนดี"
    assert member.profile.bio == "Thai and 한국어 welcome"
    assert member.profile.email_notifications == "daily"


def test_settings_bad_input_is_shown_next_to_field_and_kept(client, member):
    client.force_login(member)
    response = client.post(
        reverse("members:settings"),
        {"display_name": "", "bio": "my long bio text", "email_notifications": "daily"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required" in html
    assert "my long bio text" in html


def test_logout_is_post_only(client, member):
    client.force_login(member)
    client.get(reverse("account_logout"))
    assert client.get(reverse("members:settings")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("members:settings")).status_code == 302


@pytest.mark.django_db
def test_login_rate_limit_blocks_repeated_failures(client, settings, member):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip"}
    cache.clear()
    statuses = []
    for _ in range(5):
        response = client.post(
            reverse("account_login"), {"login": member.email, "password": "wrong"}
        )
        statuses.append(response.status_code)
    assert 429 in statuses or "Too many" in response.content.decode()


@pytest.mark.django_db
def test_signup_rate_limit(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "2/m/ip"}
    cache.clear()
    codes = [sign_up(client, email=f"r{i}@example.com").status_code for i in range(4)]
    client.logout()
    assert 429 in codes
    assert User.objects.filter(email__startswith="r").count() <= 2
