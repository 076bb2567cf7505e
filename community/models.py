"""Members: the user account, its public profile, and the site home page."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class User(AbstractUser):
    """A person with an account. ``display_name`` is what others see; the email never is."""

    display_name = models.CharField(_("display name"), max_length=80, blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        """The name shown to other members: never derived from the email address."""
        return self.display_name or _("Member %(id)s") % {"id": self.pk}


class NotificationFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately")
    DAILY = "daily", _("Daily digest")
    NEVER = "never", _("Never")


class Profile(models.Model):
    """Public profile and preferences of a member; created with the user (see signals)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="profile"
    )
    bio = models.TextField(_("bio"), blank=True, max_length=2000)
    reputation = models.IntegerField(_("reputation"), default=0)
    email_notifications = models.CharField(
        _("email notifications"),
        max_length=16,
        choices=NotificationFrequency.choices,
        default=NotificationFrequency.IMMEDIATE,
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        # Role permissions; groups (see migrations/0002_roles.py) hold them.
        permissions = [
            ("trusted_actions", _("Edit others' posts and retag")),
            ("moderate", _("Moderate the community")),
            ("work_tickets", _("Work support tickets")),
            ("edit_kb", _("Edit the knowledge base")),
            ("view_staff_content", _("See staff-only content")),
            ("manage_site", _("Administer the help center")),
        ]

    def __str__(self) -> str:
        return str(self.user)


class HomePage(Page):
    """The site's home page: search first, then the KB, the community and support."""

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    template = "community/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from community.selectors import home_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_context(request.user))
        return context
