"""Models of KB gap detection: gaps and "article not working" cues, their evidence and runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class GapKind(models.TextChoices):
    GAP = "gap", _("Missing article")
    CUE = "cue", _("Article not working")


class GapStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PLANNED = "planned", _("Planned")
    DISMISSED = "dismissed", _("Dismissed")
    CLOSED = "closed", _("Closed")


class EvidenceSource(models.TextChoices):
    THREAD = "thread", _("Thread")
    TICKET = "ticket", _("Ticket")
    SEARCH = "search", _("Search")


class Gap(models.Model):
    """A recurring topic: either no public article answers it (gap) or one does poorly (cue)."""

    key = models.CharField(_("key"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=GapKind.choices, default=GapKind.GAP)
    status = models.CharField(
        _("status"), max_length=10, choices=GapStatus.choices, default=GapStatus.OPEN
    )
    title = models.CharField(_("suggested title"), max_length=200)
    key_terms = models.JSONField(_("key terms"), default=list, blank=True)
    centroid = models.JSONField(_("centroid"), default=dict, blank=True)
    asker_count = models.PositiveIntegerField(_("distinct askers"), default=0)
    thread_count = models.PositiveIntegerField(_("threads"), default=0)
    ticket_count = models.PositiveIntegerField(_("tickets"), default=0)
    search_count = models.PositiveIntegerField(_("searches"), default=0)
    weekly = models.JSONField(_("items per week"), default=dict, blank=True)
    first_seen = models.DateTimeField(_("first seen"), null=True, blank=True)
    last_seen = models.DateTimeField(_("last seen"), null=True, blank=True, db_index=True)
    is_active = models.BooleanField(_("seen in the last run"), default=True)
    covering_article = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closest article"),
    )
    article_score = models.FloatField(_("closest article similarity"), default=0.0)
    article = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kb_gaps",
        verbose_name=_("article written for it"),
    )
    article_url = models.CharField(_("article link"), max_length=500, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_kb_gaps",
        verbose_name=_("editor"),
    )
    dismissed_reason = models.TextField(_("why dismissed"), blank=True)
    dismissed_asker_count = models.PositiveIntegerField(_("askers when dismissed"), default=0)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dismissed by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["-asker_count", "-last_seen", "pk"]
        verbose_name = _("KB gap")
        verbose_name_plural = _("KB gaps")
        indexes = [
            models.Index(fields=["kind", "status", "-asker_count"], name="gaps_gap_rank"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("gaps:detail", args=[self.pk])


class GapEvidence(models.Model):
    """One demand item of a gap; an item belongs to at most one gap at a time."""

    gap = models.ForeignKey(Gap, on_delete=models.CASCADE, related_name="evidence")
    item_key = models.CharField(_("item"), max_length=80, unique=True)
    source = models.CharField(_("source"), max_length=8, choices=EvidenceSource.choices)
    source_id = models.CharField(_("source id"), max_length=64)
    asker_key = models.CharField(_("asker"), max_length=64)
    title = models.CharField(_("title"), max_length=300)
    created_at = models.DateTimeField(_("asked"), null=True, blank=True)
    duplicate_of = models.CharField(_("duplicate of"), max_length=80, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("gap evidence")
        verbose_name_plural = _("gap evidence")
        indexes = [models.Index(fields=["source", "source_id"], name="gaps_evidence_source")]

    def __str__(self) -> str:
        return f"{self.source}:{self.source_id}"


class GapEvent(models.Model):
    """Audit trail of a gap: planned, dismissed, reopened, draft created, closed."""

    gap = models.ForeignKey(Gap, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=20)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("gap event")
        verbose_name_plural = _("gap events")

    def __str__(self) -> str:
        return f"{self.gap_id} {self.action}"


class DetectionRun(models.Model):
    """One run of the detector, for the "last run" line and debugging."""

    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    window_days = models.PositiveIntegerField(_("window (days)"))
    item_count = models.PositiveIntegerField(_("items"), default=0)
    topic_count = models.PositiveIntegerField(_("topics"), default=0)
    gap_count = models.PositiveIntegerField(_("gaps"), default=0)
    cue_count = models.PositiveIntegerField(_("cues"), default=0)
    seconds = models.FloatField(_("seconds"), default=0.0)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("detection run")
        verbose_name_plural = _("detection runs")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"
