"""Moderation pages: the queue, the audit log, flagging and the moderators' POST-only actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from forum.moderation import permissions, selectors, services
from forum.moderation.forms import (
    DuplicateForm,
    EditForm,
    FlagForm,
    MoveForm,
    ReasonForm,
    SuspendForm,
)
from forum.moderation.models import ActionKind

POST_ACTIONS = {
    "hide": (services.post_hide, gettext_lazy("The post is hidden from the public.")),
    "unhide": (services.post_unhide, gettext_lazy("The post is visible again.")),
    "approve": (services.post_approve, gettext_lazy("The post is published.")),
    "reject": (services.post_reject, gettext_lazy("The post was rejected.")),
    "dismiss-flags": (services.flags_dismiss, gettext_lazy("The flags were dismissed.")),
}
THREAD_ACTIONS = {
    "lock": (ActionKind.LOCK, gettext_lazy("The thread is locked.")),
    "unlock": (ActionKind.UNLOCK, gettext_lazy("The thread is unlocked.")),
    "pin": (ActionKind.PIN, gettext_lazy("The thread is pinned.")),
    "unpin": (ActionKind.UNPIN, gettext_lazy("The thread is unpinned.")),
}


def _back(request, fallback: str):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback or reverse("moderation:queue"))


def _reason(request) -> str:
    form = ReasonForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""


def queue(request):
    permissions.require_moderator(request.user)
    context = selectors.moderation_queue()
    return render(request, "moderation/queue.html", context)


def audit_log(request):
    permissions.require_moderator(request.user)
    page = selectors.audit_log_page(request.GET.get("page"))
    return render(request, "moderation/audit_log.html", {"page_obj": page})


@login_required
@require_http_methods(["GET", "POST"])
def flag_post(request, pk: int):
    post = permissions.get_post_for_flag(request.user, pk)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_create(post=post, reporter=request.user, **form.cleaned_data)
        except PermissionDenied:
            raise Http404
        messages.success(request, _("Thanks: a moderator will look at this post."))
        return _back(request, services.thread_url(post.thread))
    return render(request, "moderation/flag_form.html", {"post": post, "form": form})


@require_POST
def post_action(request, pk: int, action: str):
    post = permissions.get_post_for_moderation(request.user, pk)
    if action not in POST_ACTIONS:
        raise Http404
    service, done = POST_ACTIONS[action]
    service(post=post, actor=request.user, reason=_reason(request))
    messages.success(request, done)
    return _back(request, services.thread_url(post.thread))


COMMENT_ACTIONS = {
    "hide": (services.comment_hide, gettext_lazy("The comment is hidden from the public.")),
    "unhide": (services.comment_unhide, gettext_lazy("The comment is visible again.")),
}


@require_POST
def comment_action(request, pk: int, action: str):
    comment = permissions.get_comment_for_moderation(request.user, pk)
    if action not in COMMENT_ACTIONS:
        raise Http404
    service, done = COMMENT_ACTIONS[action]
    service(comment=comment, actor=request.user, reason=_reason(request))
    messages.success(request, done)
    return _back(request, services.thread_url(comment.post.thread))


@require_POST
def thread_action(request, pk: int, action: str):
    thread = permissions.get_thread_for_moderation(request.user, pk)
    if action == "reopen":
        services.thread_reopen(thread=thread, actor=request.user, reason=_reason(request))
        messages.success(request, _("The thread is open again."))
        return _back(request, services.thread_url(thread))
    if action not in THREAD_ACTIONS:
        raise Http404
    kind, done = THREAD_ACTIONS[action]
    services.thread_switch(thread=thread, actor=request.user, kind=kind, reason=_reason(request))
    messages.success(request, done)
    return _back(request, services.thread_url(thread))


def _manage_context(thread, move_form=None, duplicate_form=None) -> dict:
    return {
        "thread": thread,
        "move_form": move_form or MoveForm(initial={"category": thread.category_id}),
        "duplicate_form": duplicate_form or DuplicateForm(),
    }


def manage_thread(request, pk: int):
    thread = permissions.get_thread_for_moderation(request.user, pk)
    return render(request, "moderation/manage_thread.html", _manage_context(thread))


@require_POST
def move_thread(request, pk: int):
    thread = permissions.get_thread_for_moderation(request.user, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        context = _manage_context(thread, move_form=form)
        return render(request, "moderation/manage_thread.html", context, status=400)
    services.thread_move(
        thread=thread,
        category=form.cleaned_data["category"],
        actor=request.user,
        reason=form.cleaned_data["reason"],
    )
    messages.success(request, _("The thread was moved."))
    return _back(request, services.thread_url(thread))


@require_POST
def close_duplicate(request, pk: int):
    thread = permissions.get_thread_for_moderation(request.user, pk)
    form = DuplicateForm(request.POST)
    if form.is_valid():
        try:
            services.thread_close_duplicate(
                thread=thread,
                original=form.cleaned_data["original"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error("original", exc.message_dict.get("original", exc.messages))
        else:
            messages.success(request, _("The thread is closed as a duplicate."))
            return _back(request, services.thread_url(thread))
    context = _manage_context(thread, duplicate_form=form)
    return render(request, "moderation/manage_thread.html", context, status=400)


@require_http_methods(["GET", "POST"])
def edit_post(request, pk: int):
    post = permissions.get_post_for_moderation(request.user, pk)
    initial = {"title": post.thread.title, "body_markdown": post.body_markdown}
    form = EditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.post_edit(post=post, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The post was edited; its previous text is in the history."))
        return _back(request, services.thread_url(post.thread))
    return render(request, "moderation/edit_form.html", {"post": post, "form": form})


def post_history(request, pk: int):
    post = permissions.get_post_for_moderation(request.user, pk)
    context = {"post": post, "revisions": selectors.post_revisions(post)}
    return render(request, "moderation/post_history.html", context)


@require_http_methods(["GET", "POST"])
def suspend_member(request, pk: int):
    permissions.require_moderator(request.user)
    member = get_object_or_404(get_user_model(), pk=pk, is_active=True)
    if not permissions.can_suspend(request.user, member):
        raise Http404
    form = SuspendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.member_suspend(member=member, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The member is suspended."))
        return _back(request, reverse("moderation:suspend", args=[member.pk]))
    context = {
        "member": member,
        "form": form,
        "suspensions": selectors.member_suspensions(member),
        "active": selectors.active_suspension(member),
    }
    return render(request, "moderation/suspend_form.html", context)


@require_POST
def lift_suspension(request, pk: int):
    suspension = permissions.get_suspension_for_moderation(request.user, pk)
    services.suspension_lift(suspension=suspension, actor=request.user, reason=_reason(request))
    messages.success(request, _("The suspension was lifted."))
    return _back(request, reverse("moderation:suspend", args=[suspension.user_id]))
