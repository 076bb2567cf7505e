"""Input validation for the gap pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import User
from community.roles import Role
from escalation.gaps.models import EvidenceSource, GapKind, GapStatus
from escalation.gaps.selectors import SORTS


class GapFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=GapKind.choices, required=False, initial=GapKind.GAP
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("all", _("Any"))] + list(GapStatus.choices),
        required=False,
        initial=GapStatus.OPEN,
    )
    source = forms.ChoiceField(
        label=_("Seen in"),
        choices=[("", _("Any source"))] + list(EvidenceSource.choices),
        required=False,
    )
    q = forms.CharField(label=_("Words"), required=False, max_length=100)
    sort = forms.ChoiceField(
        label=_("Sort"),
        choices=[("impact", _("Impact")), ("recent", _("Most recent")), ("new", _("Newest"))],
        required=False,
    )

    def clean_sort(self) -> str:
        return self.cleaned_data.get("sort") if self.cleaned_data.get("sort") in SORTS else "impact"


def editors():
    return (
        User.objects.filter(is_active=True)
        .filter(groups__name__in=[Role.KB_EDITOR, Role.ADMIN])
        .distinct()
        .order_by("display_name", "pk")
    )


class PlanForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Editor"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = editors()


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this not a gap?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class DraftForm(forms.Form):
    parent = forms.TypedChoiceField(label=_("Category"), coerce=int, choices=())

    def __init__(self, *args, parents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.parents = {p.pk: p for p in parents}
        self.fields["parent"].choices = [(p.pk, p.title) for p in parents]
