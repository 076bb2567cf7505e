"""Notifications: bell, emails by preference, digest, one-click unsubscribe, failed email retried."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from community.mail import email_queue, email_send
from community.models import Notification, OutboundEmail
from community.notifications import (
    notify,
    send_notification_digests,
    unsubscribe_url,
)


def test_notify_records_and_emails_immediately(member, expert, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipient=member, kind="answer", title="New answer", url="/community/t/1/", actor=expert
        )
    assert Notification.objects.filter(recipient=member, read_at__isnull=True).count() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "List-Unsubscribe" in message.extra_headers
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.SENT


def test_no_notification_for_own_action(member):
    assert notify(recipient=member, kind="answer", title="x", actor=member) is None
    assert Notification.objects.count() == 0


def test_daily_digest_members_get_one_email(member, django_capture_on_commit_callbacks):
    member.profile.email_notifications = "daily"
    member.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=member, kind="a", title="First", url="/a/")
        notify(recipient=member, kind="a", title="Second", url="/b/")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert send_notification_digests() == 1
    assert len(mail.outbox) == 1
    assert "First" in mail.outbox[0].body and "Second" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert send_notification_digests() == 0


def test_one_click_unsubscribe_stops_emails(client, member, django_capture_on_commit_callbacks):
    url = unsubscribe_url(member).split("testserver")[-1].replace("http://127.0.0.1:8000", "")
    response = client.post(url)
    assert response.status_code == 200
    member.profile.refresh_from_db()
    assert member.profile.email_notifications == "never"
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=member, kind="a", title="Quiet")
    assert mail.outbox == []


def test_bad_unsubscribe_token_is_404(client, db):
    assert client.get("/members/unsubscribe/forged/").status_code == 404


def test_failed_email_is_recorded_and_retried(settings, db):
    settings.EMAIL_BACKEND = "tests.community.failing_email.FailingBackend"
    email = email_queue(to=["x@example.com"], subject="Hi", body_text="Body")
    assert email_send(email_id=email.pk) is False
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.FAILED
    assert "SMTP down" in email.last_error
    assert email.next_attempt_at > timezone.now()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboundEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now() - timedelta(1))
    from django.core.management import call_command

    call_command("send_queued_email")
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert len(mail.outbox) == 1


def test_bell_shows_unread_count_and_mark_read(client, member):
    notify(recipient=member, kind="a", title="Hello bell", url="/x/")
    client.force_login(member)
    html = client.get(reverse("members:notifications")).content.decode()
    assert "Hello bell" in html
    assert "bell-count" in html
    client.post(reverse("members:notifications_read"))
    html = client.get(reverse("members:notifications")).content.decode()
    assert "bell-count" not in html


def test_notifications_page_requires_login(client, db):
    assert client.get(reverse("members:notifications")).status_code == 302
