"""Views that connect the forum and the desk: escalate, convert, publish the resolution."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from escalation.forms import ConvertForm, EscalateForm, PublishForm
from escalation.permissions import (
    can_convert_thread,
    can_publish_resolution,
    get_ticket_for,
)
from escalation.selectors import thread_for_escalation
from forum.services.errors import ForumError


def thread_escalate(request: HttpRequest, thread_id: int) -> HttpResponse:
    """ "I still need help" (the asker): a private form; details go into the ticket only."""
    from escalation.services import forum as forum_escalation

    thread = thread_for_escalation(request.user, thread_id)
    existing = forum_escalation.ticket_for_thread(thread)
    if existing is not None and existing.requester_id == request.user.pk:
        return redirect(existing.get_absolute_url())
    if not forum_escalation.can_asker_escalate(request.user, thread):
        raise Http404
    form = EscalateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ticket = forum_escalation.thread_escalate_by_asker(
                thread=thread,
                asker=request.user,
                details=data["details"],
                order_number=data["order_number"],
                account_email=data["account_email"],
                files=data["files"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Our support team will help you privately in ticket #%(n)s.")
                % {"n": ticket.number},
            )
            return redirect(ticket.get_absolute_url())
    return render(request, "escalation/escalate.html", {"thread": thread, "form": form})


def thread_convert(request: HttpRequest, thread_id: int) -> HttpResponse:
    """ "Convert to ticket" (staff): a reason, and optionally hide the thread from the public."""
    from escalation.services import forum as forum_escalation
    from forum.models import Post

    if not can_convert_thread(request.user):
        raise Http404
    thread = thread_for_escalation(request.user, thread_id)
    post = None
    post_id = request.GET.get("post") or request.POST.get("post")
    if post_id and str(post_id).isdigit():
        post = Post.objects.filter(pk=int(post_id), thread=thread).select_related("author").first()
    form = ConvertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ticket = forum_escalation.thread_convert_to_ticket(
                thread=thread,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                hide_thread=form.cleaned_data["hide_thread"],
                post=post,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Ticket #%(n)s opened for this thread.") % {"n": ticket.number}
            )
            from escalation.permissions import can_work_tickets

            if can_work_tickets(request.user):
                return redirect(ticket.get_absolute_url())
            return redirect(thread.get_absolute_url())
    return render(
        request, "escalation/convert.html", {"thread": thread, "post": post, "form": form}
    )


def publish_resolution(request: HttpRequest, number: int) -> HttpResponse:
    """The agent publishes the resolution, edited for the public, as the accepted answer."""
    from escalation.services import forum as forum_escalation

    ticket = get_ticket_for(request.user, number)
    if not can_publish_resolution(request.user, ticket):
        raise Http404
    last_reply = (
        ticket.messages.filter(kind="public", author__isnull=False)
        .exclude(author=ticket.requester)
        .last()
    )
    form = PublishForm(
        request.POST or None, initial={"body": last_reply.body if last_reply else ""}
    )
    if request.method == "POST" and form.is_valid():
        try:
            answer = forum_escalation.resolution_publish(
                ticket=ticket,
                actor=request.user,
                body=form.cleaned_data["body"],
                mark_accepted=form.cleaned_data["mark_accepted"],
            )
        except (ValidationError, PermissionDenied, ForumError) as error:
            form.add_error(None, getattr(error, "messages", [str(error) or _("Not allowed.")])[0])
        else:
            messages.success(request, _("The answer is published on the community thread."))
            return redirect(answer.get_absolute_url() if answer else ticket.get_absolute_url())
    return render(request, "escalation/publish.html", {"ticket": ticket, "form": form})
