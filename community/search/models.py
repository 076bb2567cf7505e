"""Search analytics: what people searched (normalised, anonymous), what they opened, deflections."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ViewerRole(models.TextChoices):
    ANONYMOUS = "anonymous", _("Visitor")
    MEMBER = "member", _("Member")
    STAFF = "staff", _("Staff")


class SearchLog(models.Model):
    """One search run from the search page. No user id, no IP: a hashed session key only."""

    query = models.CharField(_("normalised query"), max_length=200, db_index=True)
    result_count = models.PositiveIntegerField(_("results"))
    role = models.CharField(_("role"), max_length=10, choices=ViewerRole.choices)
    session_hash = models.CharField(_("anonymous session"), max_length=64, blank=True)
    used_fallback = models.BooleanField(_("database fallback"), default=False)
    corrected_to = models.CharField(_("corrected to"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("searched at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("search")
        verbose_name_plural = _("searches")
        indexes = [models.Index(fields=["query", "created_at"], name="search_log_query_time")]

    def __str__(self) -> str:
        return f"{self.query} ({self.result_count})"


class SearchClick(models.Model):
    """A result opened from a search page, with its 1-based position."""

    search = models.ForeignKey(SearchLog, on_delete=models.CASCADE, related_name="clicks")
    position = models.PositiveIntegerField(_("position"))
    result_type = models.CharField(_("result type"), max_length=20)
    result_id = models.CharField(_("result id"), max_length=64)
    created_at = models.DateTimeField(_("clicked at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("search click")
        verbose_name_plural = _("search clicks")

    def __str__(self) -> str:
        return f"{self.search_id} #{self.position}"


class Deflection(models.Model):
    """A member opened a suggested answer while asking and left without posting."""

    title = models.CharField(_("normalised draft title"), max_length=200)
    result_type = models.CharField(_("result type"), max_length=20)
    result_id = models.CharField(_("result id"), max_length=64)
    position = models.PositiveIntegerField(_("position"), default=0)
    source = models.CharField(_("where"), max_length=40, default="ask")
    session_hash = models.CharField(_("anonymous session"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("deflection")
        verbose_name_plural = _("deflections")

    def __str__(self) -> str:
        return f"{self.result_type}:{self.result_id} ← {self.title}"
