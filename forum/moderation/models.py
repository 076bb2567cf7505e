"""Moderation records: flags, the audit log and member suspensions.

Post revisions live in ``forum.models.PostRevision`` (the forum core owns posts and their edits).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    RUDE = "rude", _("Rude or abusive")
    OFF_TOPIC = "off_topic", _("Off-topic")
    NEEDS_STAFF = "needs_staff", _("Needs staff attention")
    OTHER = "other", _("Something else")


class Flag(models.Model):
    """A member's report that a post needs a moderator's attention."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        UPHELD = "upheld", _("Upheld")
        DISMISSED = "dismissed", _("Dismissed")

    post = models.ForeignKey("forum.Post", on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_flags"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    note = models.TextField(_("note"), blank=True, max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_at = models.DateTimeField(_("flagged"), default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            # One open flag per member and post: flagging twice does not double the weight.
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(status="open"),
                name="moderation_one_open_flag_per_reporter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} · post {self.post_id}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ActionKind(models.TextChoices):
    FLAG = "flag", _("Flagged")
    DISMISS_FLAGS = "dismiss_flags", _("Dismissed flags")
    HIDE = "hide", _("Hid post")
    UNHIDE = "unhide", _("Unhid post")
    HIDE_COMMENT = "hide_comment", _("Hid comment")
    UNHIDE_COMMENT = "unhide_comment", _("Unhid comment")
    LOCK = "lock", _("Locked thread")
    UNLOCK = "unlock", _("Unlocked thread")
    PIN = "pin", _("Pinned thread")
    UNPIN = "unpin", _("Unpinned thread")
    MOVE = "move", _("Moved thread")
    CLOSE_DUPLICATE = "close_duplicate", _("Closed as duplicate")
    REOPEN = "reopen", _("Reopened thread")
    EDIT = "edit", _("Edited post")
    SUSPEND = "suspend", _("Suspended member")
    LIFT_SUSPENSION = "lift_suspension", _("Lifted suspension")
    APPROVE = "approve", _("Approved post")
    REJECT = "reject", _("Rejected post")


class ModerationAction(models.Model):
    """The audit log: who did what, when, why, and to which post, thread or member."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="moderation_actions",
    )
    kind = models.CharField(_("action"), max_length=20, choices=ActionKind.choices)
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    thread = models.ForeignKey(
        "forum.Thread", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    post = models.ForeignKey(
        "forum.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # What changed, for the record (e.g. {"from": "billing", "to": "accounts"}).
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"


class Suspension(models.Model):
    """A member may not post, answer, comment or vote between ``starts_at`` and ``ends_at``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_suspensions"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    starts_at = models.DateTimeField(_("starts"), default=timezone.now)
    ends_at = models.DateTimeField(_("ends"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["user", "ends_at"], name="suspension_active_idx")]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="suspension_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} until {self.ends_at:%Y-%m-%d}"

    def is_active_at(self, when) -> bool:
        return self.lifted_at is None and self.starts_at <= when < self.ends_at
