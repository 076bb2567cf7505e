"""Forms for members: the extra sign-up field and the profile settings."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import NotificationFrequency


def clean_display_name_value(value: str) -> str:
    """Collapse white space; reject names that are empty or look like an email address."""
    value = " ".join((value or "").split())
    if not value:
        raise forms.ValidationError(_("Please choose a display name."))
    if "@" in value:
        raise forms.ValidationError(
            _("A display name cannot contain '@': it is shown to everyone.")
        )
    return value


class SignupExtraForm(forms.Form):
    """Added to allauth's sign-up form: the public name (the email stays private)."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=_("Shown next to your posts. Your email address is never shown."),
    )

    def clean_display_name(self) -> str:
        return clean_display_name_value(self.cleaned_data.get("display_name", ""))

    def signup(self, request, user) -> None:
        """Called by allauth after the user is created; the adapter already set the name."""


class ProfileSettingsForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=80)
    bio = forms.CharField(
        label=_("About you"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown is allowed. Shown on your public profile."),
    )
    email_notifications = forms.ChoiceField(
        label=_("Email me about activity"),
        choices=NotificationFrequency.choices,
        widget=forms.RadioSelect,
    )

    def clean_display_name(self) -> str:
        return clean_display_name_value(self.cleaned_data.get("display_name", ""))
