"""Outgoing email: record first, send after commit, retry failures (a failed send never fails a request)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from community.models import OutboundEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6


def email_queue(
    *,
    to: list[str],
    subject: str,
    body_text: str,
    body_html: str = "",
    kind: str = "",
    headers: dict[str, str] | None = None,
    reply_to: list[str] | None = None,
    from_email: str = "",
) -> OutboundEmail:
    """Record an email and send it once the surrounding transaction commits (through a task)."""
    prefix = settings.EMAIL_SUBJECT_PREFIX
    email = OutboundEmail.objects.create(
        kind=kind,
        to=[address for address in to if address],
        subject=(subject if subject.startswith(prefix) else prefix + subject)[:300],
        body_text=body_text,
        body_html=body_html,
        headers=headers or {},
        reply_to=reply_to or [],
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
    )
    from community.tasks import send_outbound_email_task

    transaction.on_commit(lambda: send_outbound_email_task.enqueue(email.pk))
    return email


def build_message(email: OutboundEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=email.from_email or settings.DEFAULT_FROM_EMAIL,
        to=email.to,
        reply_to=email.reply_to or None,
        headers=email.headers or None,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    return message


def email_send(*, email_id: int) -> bool:
    """Try to send one recorded email; on failure record the error and schedule a retry."""
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status in {
            OutboundEmail.Status.SENT,
            OutboundEmail.Status.GAVE_UP,
        }:
            return False
        email.attempts += 1
        try:
            if email.to:
                build_message(email).send(fail_silently=False)
        except Exception as exc:
            logger.warning("Email %s failed (attempt %s): %s", email.pk, email.attempts, exc)
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if email.attempts >= MAX_ATTEMPTS:
                email.status = OutboundEmail.Status.GAVE_UP
            else:
                email.status = OutboundEmail.Status.FAILED
                email.next_attempt_at = timezone.now() + timedelta(minutes=5 * 2**email.attempts)
            email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return False
        email.status = OutboundEmail.Status.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return True


def emails_due_for_retry(now=None):
    now = now or timezone.now()
    return OutboundEmail.objects.filter(
        status__in=[OutboundEmail.Status.QUEUED, OutboundEmail.Status.FAILED]
    ).exclude(next_attempt_at__gt=now)
