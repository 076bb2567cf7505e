"""Input of the flag form and the moderators' action forms."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from forum.models import Category, Thread
from forum.moderation.models import FlagReason

SUSPENSION_DAYS = [
    (1, _("1 day")),
    (3, _("3 days")),
    (7, _("1 week")),
    (30, _("30 days")),
    (365, _("1 year")),
]


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this post?"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note for the moderators"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the author reads it)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MoveForm(ReasonForm):
    category = forms.ModelChoiceField(label=_("Move to category"), queryset=Category.objects.all())


_THREAD_ID_RE = re.compile(r"(?:threads?/|^)(\d+)(?:[/-]|$)")


class DuplicateForm(ReasonForm):
    original = forms.CharField(
        label=_("Original thread (its address or number)"),
        max_length=500,
        help_text=_("For example /community/t/42/how-to-reset/ or 42."),
    )

    def clean_original(self) -> Thread:
        value = self.cleaned_data["original"].strip()
        match = _THREAD_ID_RE.search(value.split("://", 1)[-1].split("/", 1)[-1] or value)
        match = match or re.search(r"(\d+)", value)
        thread = Thread.objects.filter(pk=int(match.group(1))).first() if match else None
        if thread is None:
            raise forms.ValidationError(_("No thread has this address or number."))
        return thread


class EditForm(ReasonForm):
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    body_markdown = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}), max_length=50_000
    )


class SuspendForm(forms.Form):
    days = forms.TypedChoiceField(
        label=_("For how long"), choices=SUSPENSION_DAYS, coerce=int, initial=7
    )
    reason = forms.CharField(
        label=_("Reason (the member reads it)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
