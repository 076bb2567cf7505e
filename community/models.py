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


class Notification(models.Model):
    """An in-app notification (the bell). Email copies go through ``OutboundEmail``."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class OutboundEmail(models.Model):
    """Every email we send is recorded first, so a failure leaves a row to retry or inspect."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        GAVE_UP = "gave_up", _("Gave up")

    kind = models.CharField(_("kind"), max_length=40, blank=True)
    to = models.JSONField(_("to"), default=list)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    from_email = models.CharField(_("from"), max_length=300, blank=True)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outbound email")
        verbose_name_plural = _("outbound emails")

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"


class ReputationEvent(models.Model):
    """One line of the reputation ledger; ``Profile.reputation`` caches the sum of a member's lines.

    ``source`` names what caused the line (e.g. ``vote:12:34`` for member 34's vote on post 12), so
    an undo deletes exactly that line and a redo cannot count twice. Written by
    ``community.reputation`` only.
    """

    class Kind(models.TextChoices):
        ANSWER_UPVOTED = "answer_upvoted", _("Answer upvoted")
        QUESTION_UPVOTED = "question_upvoted", _("Question upvoted")
        POST_DOWNVOTED = "post_downvoted", _("Post downvoted")
        ANSWER_ACCEPTED = "answer_accepted", _("Answer accepted")
        ACCEPTED_AN_ANSWER = "accepted_an_answer", _("Accepted an answer")
        ADJUSTMENT = "adjustment", _("Adjustment")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reputation_events"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    points = models.IntegerField(_("points"))
    source = models.CharField(_("source"), max_length=100)
    # The forum post the line is about (plain id: the ledger outlives deleted posts).
    post_id = models.BigIntegerField(_("post"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reputation event")
        verbose_name_plural = _("reputation events")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "source"], name="reputation_event_once_per_source"
            )
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="reputation_user_recent")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.points:+d}"
