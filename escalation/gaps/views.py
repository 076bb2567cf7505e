"""Staff pages of KB gaps: the ranked list, a gap with its evidence, and the actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tasks.base import TaskResultStatus

from escalation.gaps import permissions, selectors, services
from escalation.gaps.forms import DismissForm, DraftForm, GapFilterForm, PlanForm
from escalation.gaps.models import GapKind, GapStatus
from escalation.gaps.tasks import detect_kb_gaps


def gap_list(request):
    permissions.require_viewer(request.user)
    form = GapFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.GapFilters(
        kind=data.get("kind") or GapKind.GAP,
        status=data.get("status") or GapStatus.OPEN,
        source=data.get("source") or "",
        q=data.get("q") or "",
        sort=data.get("sort") or "impact",
    )
    page = selectors.gap_list(filters, request.GET.get("page"))
    return render(
        request,
        "gaps/gap_list.html",
        {
            "page_obj": page,
            "filter_form": form if form.is_bound else GapFilterForm(),
            "filters": filters,
            "last_run": selectors.last_run(),
            "can_act": permissions.can_act_on_gaps(request.user),
        },
    )


def gap_detail(request, gap_id: int):
    gap = permissions.get_gap_for(request.user, gap_id)
    context = selectors.gap_detail(gap)
    can_act = permissions.can_act_on_gaps(request.user)
    context.update(
        can_act=can_act,
        plan_form=PlanForm(initial={"assignee": gap.assignee_id}) if can_act else None,
        dismiss_form=DismissForm() if can_act else None,
        draft_form=DraftForm(parents=selectors.kb_categories()) if can_act else None,
    )
    return render(request, "gaps/gap_detail.html", context)


def _fail(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@require_POST
def plan(request, gap_id: int):
    gap = permissions.get_gap_for(request.user, gap_id, act=True)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            services.gap_plan(gap=gap, actor=request.user, assignee=form.cleaned_data["assignee"])
            messages.success(request, _("Planned."))
        except ValidationError as error:
            _fail(request, error)
    else:
        messages.error(request, _("Choose a KB editor."))
    return redirect(gap)


@require_POST
def dismiss(request, gap_id: int):
    gap = permissions.get_gap_for(request.user, gap_id, act=True)
    form = DismissForm(request.POST)
    if form.is_valid():
        services.gap_dismiss(gap=gap, actor=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Dismissed. It comes back only if it keeps growing."))
    else:
        messages.error(request, _("Say why this is not a gap."))
    return redirect(gap)


@require_POST
def reopen(request, gap_id: int):
    gap = permissions.get_gap_for(request.user, gap_id, act=True)
    services.gap_reopen(gap=gap, actor=request.user)
    messages.success(request, _("Reopened."))
    return redirect(gap)


@require_POST
def create_draft(request, gap_id: int):
    gap = permissions.get_gap_for(request.user, gap_id, act=True)
    form = DraftForm(request.POST, parents=selectors.kb_categories())
    if not form.is_valid():
        messages.error(request, _("Choose where the article goes."))
        return redirect(gap)
    try:
        page = services.gap_create_draft(
            gap=gap, actor=request.user, parent=form.parents[form.cleaned_data["parent"]]
        )
    except ValidationError as error:
        _fail(request, error)
        return redirect(gap)
    messages.success(request, _("Draft created: edit it, then publish it to close the gap."))
    return redirect("wagtailadmin_pages:edit", page.pk)


@require_POST
def run_now(request):
    permissions.require_viewer(request.user)
    result = detect_kb_gaps.enqueue()
    if result.status == TaskResultStatus.SUCCESSFUL:
        messages.success(request, _("Detection finished."))
    else:
        messages.info(request, _("Detection started; refresh in a minute."))
    return redirect("gaps:list")
