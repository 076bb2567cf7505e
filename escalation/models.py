"""Models of the support desk: tickets and their timeline, groups, SLA policies, macros, ratings."""

from __future__ import annotations

import datetime as dt
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT (never MEDIA_ROOT), read at each use; no public URL."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files are served by the attachment view only.")


def private_storage() -> FileSystemStorage:
    return PrivateStorage()


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    """A random stored name: the uploader's file name is kept only in ``original_name``."""
    extension = os.path.splitext(filename)[1].lower()[:10]
    if not extension[1:].isalnum():
        extension = ""
    today = timezone.now()
    return f"tickets/{today:%Y/%m}/{uuid.uuid4().hex}{extension}"


class AssignmentMode(models.TextChoices):
    MANUAL = "manual", _("Manual")
    ROUND_ROBIN = "round_robin", _("Round-robin")
    FEWEST_OPEN = "fewest_open", _("Fewest open tickets")


class SupportGroup(models.Model):
    """A team tickets are routed to (Billing, Technical), with its agents and assignment rule."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    agents = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agents"),
        related_name="support_groups",
        blank=True,
    )
    assignment_mode = models.CharField(
        _("assignment"),
        max_length=16,
        choices=AssignmentMode.choices,
        default=AssignmentMode.MANUAL,
        help_text=_("Automatic modes only pick agents marked available."),
    )
    last_assigned_agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("support group")
        verbose_name_plural = _("support groups")

    def __str__(self) -> str:
        return self.name


class AgentStatus(models.Model):
    """Whether an agent takes automatically assigned tickets right now."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agent_status"
    )
    is_available = models.BooleanField(_("available"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("agent status")
        verbose_name_plural = _("agent statuses")

    def __str__(self) -> str:
        return str(self.user)


class BusinessHours(models.Model):
    """Working days and hours in one timezone; SLA clocks only run inside them."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    timezone = models.CharField(_("timezone"), max_length=64, default="UTC")
    working_days = models.JSONField(
        _("working days"),
        default=list,
        help_text=_("Weekday numbers, Monday = 0 … Sunday = 6, e.g. [0, 1, 2, 3, 4]."),
    )
    start_time = models.TimeField(_("opens"), default=dt.time(9, 0))
    end_time = models.TimeField(_("closes"), default=dt.time(17, 0))

    class Meta:
        ordering = ["name"]
        verbose_name = _("business hours")
        verbose_name_plural = _("business hours")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError({"timezone": _("Unknown timezone.")})
        days = self.working_days
        if not isinstance(days, list) or not days or any(d not in range(7) for d in days):
            raise ValidationError({"working_days": _("List weekdays as numbers from 0 to 6.")})
        if self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("Closing time must be after opening time.")})

    def schedule(self):
        from escalation.sla import WorkSchedule

        return WorkSchedule(
            tz=self.timezone,
            days=frozenset(self.working_days),
            start=self.start_time,
            end=self.end_time,
        )


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


PRIORITY_ORDER = {Priority.URGENT: 0, Priority.HIGH: 1, Priority.NORMAL: 2, Priority.LOW: 3}


class SlaPolicy(models.Model):
    """Targets for one priority, counted in business hours (when set) or calendar hours."""

    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices, unique=True)
    first_response_hours = models.DecimalField(
        _("first response within (hours)"), max_digits=6, decimal_places=2
    )
    resolution_hours = models.DecimalField(
        _("resolution within (hours)"), max_digits=6, decimal_places=2
    )
    business_hours = models.ForeignKey(
        BusinessHours,
        verbose_name=_("business hours"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Leave empty to count calendar hours (24/7)."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["priority"]
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")

    def __str__(self) -> str:
        return str(self.get_priority_display())

    @property
    def first_response_minutes(self) -> int:
        return int(self.first_response_hours * 60)

    @property
    def resolution_minutes(self) -> int:
        return int(self.resolution_hours * 60)


class Macro(models.Model):
    """Canned reply text with placeholders such as ``{{ requester.first_name }}``."""

    title = models.CharField(_("title"), max_length=120, unique=True)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Markdown. Placeholders: {{ requester.first_name }}, {{ requester.name }}, "
            "{{ ticket.number }}, {{ ticket.subject }}, {{ agent.name }}, {{ site_name }}."
        ),
    )
    set_status = models.CharField(
        _("then set status"), max_length=10, blank=True, help_text=_("Optional.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("macro")
        verbose_name_plural = _("macros")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        from escalation.services.macros import macro_validate

        macro_validate(body=self.body, set_status=self.set_status)


class EscalationSettings(models.Model):
    """Site-wide desk settings editable by admins (one row; defaults come from settings)."""

    asker_min_wait_hours = models.PositiveIntegerField(
        _("'I still need help' after (hours)"), default=24
    )
    auto_close_solved_days = models.PositiveIntegerField(
        _("close solved tickets after (days)"), default=4
    )
    default_group = models.ForeignKey(
        SupportGroup,
        verbose_name=_("group for escalated threads"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    sweep_enabled = models.BooleanField(_("escalate stale threads automatically"), default=True)

    class Meta:
        verbose_name = _("escalation settings")
        verbose_name_plural = _("escalation settings")

    def __str__(self) -> str:
        return str(_("Escalation settings"))


class TicketSequence(models.Model):
    """One row holding the last ticket number handed out (incremented under a row lock)."""

    last_number = models.PositiveIntegerField(default=1000)


class TicketStatus(models.TextChoices):
    NEW = "new", _("New")
    OPEN = "open", _("Open")
    PENDING = "pending", _("Pending on customer")
    ON_HOLD = "on_hold", _("On hold")
    SOLVED = "solved", _("Solved")
    CLOSED = "closed", _("Closed")


UNSOLVED_STATUSES = [
    TicketStatus.NEW,
    TicketStatus.OPEN,
    TicketStatus.PENDING,
    TicketStatus.ON_HOLD,
]


class TicketType(models.TextChoices):
    QUESTION = "question", _("Question")
    PROBLEM = "problem", _("Problem")
    INCIDENT = "incident", _("Incident")
    TASK = "task", _("Task")


class Channel(models.TextChoices):
    FORUM = "forum", _("Forum escalation")
    CONTACT_FORM = "contact_form", _("Contact form")
    EMAIL = "email", _("Email")
    STAFF = "staff", _("Created by staff")
    API = "api", _("API")


class TicketTag(TaggedItemBase):
    content_object = models.ForeignKey("escalation.Ticket", on_delete=models.CASCADE)


class Ticket(models.Model):
    """A private support request between one requester (plus CC'd people) and the staff."""

    number = models.PositiveIntegerField(_("number"), unique=True, editable=False)
    subject = models.CharField(_("subject"), max_length=200)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester"),
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    cc = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("CC"), related_name="cc_tickets", blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TicketStatus.choices, default=TicketStatus.NEW
    )
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.NORMAL
    )
    type = models.CharField(
        _("type"), max_length=10, choices=TicketType.choices, default=TicketType.QUESTION
    )
    group = models.ForeignKey(
        SupportGroup,
        verbose_name=_("group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tickets",
    )
    tags = TaggableManager(through=TicketTag, blank=True, verbose_name=_("tags"))
    channel = models.CharField(
        _("channel"), max_length=16, choices=Channel.choices, default=Channel.CONTACT_FORM
    )
    source_thread = models.ForeignKey(
        "forum.Thread",
        verbose_name=_("source thread"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_tickets",
    )
    source_post = models.ForeignKey(
        "forum.Post",
        verbose_name=_("source post"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_answer = models.ForeignKey(
        "forum.Post",
        verbose_name=_("resolution published as"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    escalation_reason = models.CharField(_("escalation reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    solved_at = models.DateTimeField(_("solved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # SLA clock: due times are denormalised so queues can filter on them; cleared while paused.
    first_response_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    resolution_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    paused_since = models.DateTimeField(null=True, blank=True)
    paused_minutes = models.PositiveIntegerField(default=0)
    first_response_breached = models.BooleanField(default=False)
    resolution_breached = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        constraints = [
            # One ticket per thread, however many sweeps or clicks race for it.
            models.UniqueConstraint(
                fields=["source_thread"],
                condition=Q(source_thread__isnull=False),
                name="ticket_one_per_thread",
            )
        ]
        indexes = [
            models.Index(fields=["status", "assignee"], name="ticket_status_assignee_idx"),
            models.Index(fields=["requester", "-created_at"], name="ticket_requester_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.subject}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("escalation:ticket", args=[self.number])

    @property
    def is_solved(self) -> bool:
        return self.status in {TicketStatus.SOLVED, TicketStatus.CLOSED}

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None


class MessageKind(models.TextChoices):
    PUBLIC = "public", _("Public reply")
    INTERNAL = "internal", _("Internal note")


class MessageVia(models.TextChoices):
    WEB = "web", _("Web")
    EMAIL = "email", _("Email")
    SYSTEM = "system", _("System")


class TicketMessage(models.Model):
    """One entry of a ticket's timeline: a public reply or a staff-only internal note."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=MessageKind.choices, default=MessageKind.PUBLIC
    )
    body = models.TextField(_("message"), max_length=20000)
    via = models.CharField(max_length=8, choices=MessageVia.choices, default=MessageVia.WEB)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ticket message")
        verbose_name_plural = _("ticket messages")
        indexes = [models.Index(fields=["ticket", "kind", "created_at"], name="ticketmsg_idx")]

    def __str__(self) -> str:
        return f"#{self.ticket_id} {self.kind} {self.pk}"

    @property
    def is_internal(self) -> bool:
        return self.kind == MessageKind.INTERNAL


class Attachment(models.Model):
    """A file on a ticket message, stored privately under a random name."""

    message = models.ForeignKey(TicketMessage, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_upload_to, storage=private_storage, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class TicketEvent(models.Model):
    """The audit trail: who changed what on a ticket (staff see it on the ticket page)."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=40)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"#{self.ticket_id} {self.kind}"


class Rating(models.TextChoices):
    GOOD = "good", _("Good, I'm satisfied")
    BAD = "bad", _("Bad, I'm unsatisfied")


class SatisfactionRating(models.Model):
    """The requester's good/bad rating of a solved ticket (changeable until closed)."""

    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="rating")
    score = models.CharField(_("rating"), max_length=4, choices=Rating.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")
        constraints = [
            models.CheckConstraint(condition=Q(score__in=["good", "bad"]), name="csat_score_valid")
        ]

    def __str__(self) -> str:
        return f"#{self.ticket_id} {self.score}"


class InboundStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ADDED = "added", _("Added to a ticket")
    CREATED = "created", _("Opened a ticket")
    REJECTED = "rejected", _("Rejected")


class InboundEmail(models.Model):
    """Every email the desk received, kept whatever happened to it (a rejected one too).

    The raw message is stored first, before any parsing, so a crash or a refusal never loses
    what the customer wrote; ``reason`` says why it was refused.
    """

    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    message_id = models.CharField(_("Message-ID"), max_length=300, blank=True, db_index=True)
    from_address = models.CharField(_("from"), max_length=320, blank=True)
    to_addresses = models.JSONField(_("to"), default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body_text = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=InboundStatus.choices, default=InboundStatus.RECEIVED
    )
    reason = models.TextField(_("reason"), blank=True)
    raw = models.BinaryField(_("raw message"), editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    ticket = models.ForeignKey(
        Ticket,
        verbose_name=_("ticket"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_emails",
    )
    ticket_message = models.ForeignKey(
        TicketMessage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("inbound email")
        verbose_name_plural = _("inbound emails")

    def __str__(self) -> str:
        return f"{self.from_address}: {self.subject}"
