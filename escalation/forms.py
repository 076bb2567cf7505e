"""Forms of the support desk: input validation only (services hold the rules)."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from escalation.models import (
    MessageKind,
    Priority,
    Rating,
    SupportGroup,
    TicketStatus,
    TicketType,
)
from escalation.services.attachments import attachments_validate


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = (
            [single(item, initial) for item in data]
            if isinstance(data, list | tuple)
            else ([single(data, initial)] if data else [])
        )
        files = [f for f in files if f]
        try:
            attachments_validate(files)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages)
        return files


def attachments_field():
    return MultipleFileField(label=_("Attachments"), help_text=_("Screenshots, logs, PDFs."))


class ContactForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("How can we help?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=_("Only you and our support team will see this."),
    )
    files = attachments_field()


class CustomerReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 5}), max_length=20000
    )
    files = attachments_field()


STATUS_KEEP = [("", _("— keep status —"))]


class AgentReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8, "accesskey": "r"}),
        max_length=20000,
    )
    kind = forms.ChoiceField(
        label=_("Visibility"),
        choices=MessageKind.choices,
        initial=MessageKind.PUBLIC,
        widget=forms.RadioSelect,
    )
    status = forms.ChoiceField(
        label=_("Then set status"), choices=STATUS_KEEP + list(TicketStatus.choices), required=False
    )
    files = attachments_field()

    def __init__(self, *args, staff_only_paths=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A callable (queried only when a public reply contains links).
        self.staff_only_paths = staff_only_paths

    def clean(self):
        cleaned = super().clean()
        body = cleaned.get("body") or ""
        if cleaned.get("kind") == MessageKind.PUBLIC and self.staff_only_paths is not None:
            linked = {link_path(a or b) for a, b in LINK_RE.findall(body)}
            if linked and linked & self.staff_only_paths():
                raise ValidationError(
                    _("A staff-only article is linked: use an internal note or a public article.")
                )
        return cleaned


LINK_RE = re.compile(r"\]\(([^)\s]+)\)|(https?://[^\s)>\]]+)")


def link_path(url: str) -> str:
    """``https://site/kb/a/?x#y`` → ``/kb/a/`` (how staff-only article URLs are compared)."""
    from urllib.parse import urlsplit

    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else path + "/"


class TicketUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TicketStatus.choices)
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)
    type = forms.ChoiceField(label=_("Type"), choices=TicketType.choices)
    group = forms.ModelChoiceField(
        label=_("Group"), queryset=SupportGroup.objects.all(), required=False
    )
    assignee = forms.ModelChoiceField(label=_("Assignee"), queryset=None, required=False)
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=500, help_text=_("Comma-separated.")
    )
    cc = forms.CharField(
        label=_("CC (emails)"), required=False, max_length=1000, help_text=_("Comma-separated.")
    )

    def __init__(self, *args, **kwargs):
        from escalation.services.assignment import agents_queryset

        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = agents_queryset()

    def clean_tags(self):
        raw = self.cleaned_data["tags"]
        return sorted({t.strip()[:100] for t in raw.split(",") if t.strip()})

    def clean_cc(self):
        from community.models import User

        emails = [e.strip() for e in self.cleaned_data["cc"].split(",") if e.strip()]
        people = list(User.objects.filter(email__in=emails, is_active=True))
        missing = {e.lower() for e in emails} - {p.email.lower() for p in people}
        if missing:
            raise ValidationError(
                _("No member with these emails: %(emails)s")
                % {"emails": ", ".join(sorted(missing))}
            )
        return people


class BulkForm(forms.Form):
    tickets = forms.ModelMultipleChoiceField(queryset=None, to_field_name="number")
    status = forms.ChoiceField(
        label=_("Set status"), choices=STATUS_KEEP + list(TicketStatus.choices), required=False
    )
    assignee = forms.CharField(label=_("Assign to"), required=False)

    def __init__(self, *args, **kwargs):
        from escalation.models import Ticket

        super().__init__(*args, **kwargs)
        self.fields["tickets"].queryset = Ticket.objects.all()

    def clean_assignee(self):
        from escalation.services.assignment import agents_queryset

        value = self.cleaned_data["assignee"]
        if value == "":
            return False  # unchanged
        if value == "none":
            return None
        agent = agents_queryset().filter(pk=value).first() if value.isdigit() else None
        if agent is None:
            raise ValidationError(_("Choose an agent."))
        return agent


class QueueFilterForm(forms.Form):
    queue = forms.CharField(required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any"))] + list(TicketStatus.choices), required=False
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=[("", _("Any"))] + list(Priority.choices), required=False
    )
    group = forms.IntegerField(label=_("Group"), required=False)
    assignee = forms.IntegerField(label=_("Assignee"), required=False)
    tag = forms.CharField(label=_("Tag"), required=False, max_length=100)
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    sort = forms.ChoiceField(
        label=_("Sort"),
        choices=[
            ("newest", _("Newest")),
            ("oldest", _("Oldest")),
            ("updated", _("Recently updated")),
            ("due", _("Due soonest")),
            ("priority", _("Priority")),
        ],
        required=False,
    )


class RatingForm(forms.Form):
    score = forms.ChoiceField(
        label=_("Your rating"), choices=Rating.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Anything to add? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EscalateForm(forms.Form):
    """The asker's "I still need help" form: details that stay private (never on the thread)."""

    details = forms.CharField(
        label=_("What is still not working?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
    order_number = forms.CharField(
        label=_("Order number (optional)"), required=False, max_length=100
    )
    account_email = forms.EmailField(label=_("Account email (optional)"), required=False)
    files = attachments_field()


class ConvertForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)
    hide_thread = forms.BooleanField(
        label=_("Hide the thread from the public (private data was posted)"), required=False
    )


class PublishForm(forms.Form):
    body = forms.CharField(
        label=_("Answer for the public thread"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=_("Everyone can read this: remove anything private."),
    )
    mark_accepted = forms.BooleanField(
        label=_("Mark as the accepted answer"), required=False, initial=True
    )


class StaffTicketForm(forms.Form):
    """An agent opens a ticket on a customer's behalf (phone call, chat, walk-in)."""

    requester_email = forms.EmailField(label=_("Customer email"))
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("First message to the customer"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial="normal")
    group = forms.ModelChoiceField(
        label=_("Group"), queryset=SupportGroup.objects.all(), required=False
    )

    def clean_requester_email(self):
        from community.models import User

        email = self.cleaned_data["requester_email"]
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise ValidationError(_("No member has this email address."))
        return person
