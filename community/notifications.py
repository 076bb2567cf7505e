"""In-app notifications (the bell) and their email copies, by each member's preference.

Apps call ``notify(...)`` from their services; emails are recorded and sent after commit.
Members who chose the daily digest get one email a day from ``send_notification_digests``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from community.mail import email_queue
from community.models import Notification, NotificationFrequency, Profile, User

UNSUBSCRIBE_SALT = "community.unsubscribe"


def unsubscribe_url(user: User) -> str:
    token = signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT)
    return settings.SITE_URL + reverse("members:unsubscribe", args=[token])


def user_for_unsubscribe_token(token: str) -> User | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=60 * 60 * 24 * 365)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=data.get("u"), is_active=True).first()


def unsubscribe_headers(user: User) -> dict[str, str]:
    """RFC 8058 one-click unsubscribe headers."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(user)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def notify(
    *,
    recipient: User,
    kind: str,
    title: str,
    url: str = "",
    actor: User | None = None,
    email_body: str = "",
) -> Notification | None:
    """Record a notification for ``recipient`` and email it if they want immediate emails."""
    if recipient is None or not recipient.is_active or (actor and actor.pk == recipient.pk):
        return None
    notification = Notification.objects.create(
        recipient=recipient, actor=actor, kind=kind, title=title[:300], url=url[:500]
    )
    profile, _created = Profile.objects.get_or_create(user=recipient)
    if profile.email_notifications == NotificationFrequency.IMMEDIATE and recipient.email:
        link = settings.SITE_URL + url if url.startswith("/") else url
        body = "\n\n".join(
            part
            for part in [
                title,
                email_body,
                link,
                _("Stop these emails: %(url)s") % {"url": unsubscribe_url(recipient)},
            ]
            if part
        )
        email_queue(
            to=[recipient.email],
            subject=title,
            body_text=body,
            kind=f"notification:{kind}",
            headers=unsubscribe_headers(recipient),
        )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return notification


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark some (or all) of a user's notifications read; returns how many changed."""
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return queryset.update(read_at=timezone.now())


def notifications_unsubscribe(*, user: User) -> None:
    Profile.objects.filter(user=user).update(email_notifications=NotificationFrequency.NEVER)


@transaction.atomic
def send_notification_digests(*, now=None) -> int:
    """Email each daily-digest member their notifications not yet emailed (last 7 days)."""
    now = now or timezone.now()
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            created_at__gte=now - timedelta(days=7),
            recipient__is_active=True,
            recipient__profile__email_notifications=NotificationFrequency.DAILY,
        )
        .select_related("recipient")
        .order_by("recipient_id", "created_at")
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for item in pending:
        by_user[item.recipient_id].append(item)
    for items in by_user.values():
        user = items[0].recipient
        lines = [f"- {n.title}\n  {settings.SITE_URL}{n.url}" for n in items]
        email_queue(
            to=[user.email],
            subject=_("Your daily summary: %(count)s new notifications") % {"count": len(items)},
            body_text="\n".join(lines)
            + "\n\n"
            + _("Stop these emails: %(url)s") % {"url": unsubscribe_url(user)},
            kind="notification:digest",
            headers=unsubscribe_headers(user),
        )
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
    return len(by_user)
