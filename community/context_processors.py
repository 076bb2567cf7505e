"""Values every template needs: the site name and URL, and the unread notification count (lazy)."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request) -> dict:
    from community.selectors import unread_notification_count

    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "unread_notifications": SimpleLazyObject(lambda: unread_notification_count(user)),
    }
