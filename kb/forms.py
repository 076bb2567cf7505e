"""Forms of the knowledge base: the "Was this helpful?" vote."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class FeedbackForm(forms.Form):
    helpful = forms.ChoiceField(
        label=_("Was this article helpful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        error_messages={
            "required": _("Please choose Yes or No."),
            "invalid_choice": _("Please choose Yes or No."),
        },
    )
    comment = forms.CharField(
        label=_("Tell us more (optional)"),
        required=False,
        max_length=2000,
        error_messages={
            "max_length": _(
                "Please keep your comment under %(limit_value)d characters (it has %(show_value)d)."
            )
        },
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was missing or unclear? Don't include passwords or card numbers."),
    )

    @property
    def is_helpful(self) -> bool:
        return self.cleaned_data["helpful"] == "yes"
