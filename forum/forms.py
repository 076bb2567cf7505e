"""Forms of the forum: input validation only; the services apply the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from forum.models import Category, Thread

MENTION_HELP = _(
    "Markdown: **bold**, `code`, ```code blocks```, [links](https://…), ![images](https://…). "
    "Mention a member with @[Their name](member id) — type @ to pick one. "
    "A link to a knowledge base article on its own line shows as a card."
)


class _BodyField(forms.CharField):
    def __init__(self, *, label, min_length: int, max_length: int = 30000, rows: int = 10):
        super().__init__(
            label=label,
            min_length=min_length,
            max_length=max_length,
            strip=True,
            help_text=MENTION_HELP,
            widget=forms.Textarea(
                attrs={"rows": rows, "data-markdown-editor": "true", "class": "markdown-input"}
            ),
        )


def _split_tags(value: str) -> list[str]:
    parts = value.replace("，", ",").replace("、", ",").split(",")
    return [part.strip() for part in parts if part.strip()]


class AskForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        min_length=8,
        max_length=200,
        help_text=_(
            "Say what you need in one sentence, e.g. “Invoice shows the wrong VAT number”."
        ),
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.order_by("order", "name"), empty_label=None
    )
    kind = forms.ChoiceField(
        label=_("Type"), choices=Thread.Kind.choices, initial=Thread.Kind.QUESTION
    )
    body = _BodyField(label=_("Details"), min_length=20)
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=200,
        help_text=_("Up to 5, separated by commas."),
    )

    def clean_tags(self) -> list[str]:
        tags = _split_tags(self.cleaned_data.get("tags", ""))
        if len(tags) > 5:
            raise forms.ValidationError(_("Use at most 5 tags."))
        return tags


class AnswerForm(forms.Form):
    body = _BodyField(label=_("Your answer"), min_length=15, rows=8)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        min_length=3,
        max_length=1000,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title"), min_length=8, max_length=200, required=False)
    body = _BodyField(label=_("Text"), min_length=15)
    tags = forms.CharField(label=_("Tags"), required=False, max_length=200)
    reason = forms.CharField(
        label=_("Why are you editing?"),
        required=False,
        max_length=300,
        help_text=_("Shown to moderators in the revision history."),
    )

    def __init__(self, *args, is_question: bool = False, can_retag: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_question = is_question
        if not is_question:
            del self.fields["title"]
            del self.fields["tags"]
        elif not can_retag:
            del self.fields["tags"]
        if is_question:
            self.fields["title"].required = True
            self.fields["body"].min_length = 20

    def clean_tags(self) -> list[str]:
        tags = _split_tags(self.cleaned_data.get("tags", ""))
        if len(tags) > 5:
            raise forms.ValidationError(_("Use at most 5 tags."))
        return tags
