"""Views of the support desk: validate input, call one service, render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from escalation import selectors
from escalation.forms import (
    AgentReplyForm,
    BulkForm,
    ContactForm,
    CustomerReplyForm,
    QueueFilterForm,
    RatingForm,
    StaffTicketForm,
    TicketUpdateForm,
)
from escalation.kb_links import kb_article_links, staff_only_article_paths
from escalation.models import Channel, Macro, MessageKind, Ticket, TicketStatus
from escalation.permissions import (
    can_work_tickets,
    get_attachment_for,
    get_ticket_for,
    require_agent,
)
from escalation.services import assignment, csat, tickets
from escalation.services.attachments import served_content_type
from escalation.services.macros import macro_render


def _form_error(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


# --- customers -----------------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    """The support landing page: how to get help, and the signed-in customer's tickets."""
    context: dict = {"is_agent": can_work_tickets(request.user)}
    if request.user.is_authenticated:
        context["page_obj"] = selectors.my_tickets(request.user, request.GET.get("page"))
    return render(request, "escalation/index.html", context)


def contact(request: HttpRequest) -> HttpResponse:
    """The contact form (signed-in members; anonymous visitors get a sign-in prompt)."""
    if not request.user.is_authenticated:
        return render(request, "escalation/contact_signin.html", status=200)
    initial = {"subject": request.GET.get("subject", "")[:200]}
    form = ContactForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            ticket = tickets.ticket_create(
                requester=request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                channel=Channel.CONTACT_FORM,
                files=form.cleaned_data["files"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Thanks! Your request #%(n)s was received.") % {"n": ticket.number}
            )
            return redirect(ticket.get_absolute_url())
    return render(request, "escalation/contact.html", {"form": form})


def ticket_detail(request: HttpRequest, number: int) -> HttpResponse:
    """One ticket: the agent workspace for agents, the customer view for requester and CC."""
    ticket = get_ticket_for(request.user, number)
    if can_work_tickets(request.user):
        return _agent_ticket_page(request, ticket)
    context = {
        "ticket": ticket,
        "reply_form": CustomerReplyForm(),
        "rating_form": RatingForm(),
        "can_rate": csat.can_rate(ticket) and ticket.requester_id == request.user.pk,
        **selectors.ticket_customer_context(ticket, request.user),
    }
    return render(request, "escalation/ticket_customer.html", context)


def _agent_ticket_page(request: HttpRequest, ticket: Ticket, reply_form=None) -> HttpResponse:
    context = selectors.ticket_agent_context(ticket, request.user)
    initial: dict = {"kind": MessageKind.PUBLIC}
    macro_id = request.GET.get("macro")
    if macro_id and macro_id.isdigit():
        macro = next((m for m in context["macros"] if m.pk == int(macro_id)), None)
        if macro is not None:
            initial["body"] = macro_render(macro=macro, ticket=ticket, agent=request.user)
            initial["status"] = macro.set_status
    kb_query = request.GET.get("kbq", "")
    context.update(
        {
            "ticket": ticket,
            "reply_form": reply_form or AgentReplyForm(initial=initial),
            "update_form": TicketUpdateForm(
                prefix="t",
                initial={
                    "status": ticket.status,
                    "priority": ticket.priority,
                    "type": ticket.type,
                    "group": ticket.group_id,
                    "assignee": ticket.assignee_id,
                    "tags": ", ".join(context["tag_names"]),
                    "cc": ", ".join(p.email for p in context["cc_people"]),
                },
            ),
            "kb_query": kb_query,
            "kb_links": kb_article_links(kb_query, request=request),
            "now": timezone.now(),
        }
    )
    return render(request, "escalation/ticket_agent.html", context)


@require_POST
def ticket_reply(request: HttpRequest, number: int) -> HttpResponse:
    ticket = get_ticket_for(request.user, number)
    agent = can_work_tickets(request.user)
    if agent:
        form = AgentReplyForm(
            request.POST, request.FILES, staff_only_paths=staff_only_article_paths
        )
    else:
        form = CustomerReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            tickets.ticket_reply(
                ticket=ticket,
                author=request.user,
                body=form.cleaned_data["body"],
                kind=form.cleaned_data.get("kind") or MessageKind.PUBLIC,
                files=form.cleaned_data["files"],
                new_status=form.cleaned_data.get("status") or None,
            )
        except ValidationError as error:
            _form_error(request, error)
        else:
            messages.success(request, _("Your message was added."))
            return redirect(ticket.get_absolute_url())
    elif agent:
        return _agent_ticket_page(request, ticket, reply_form=form)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(ticket.get_absolute_url())


@require_POST
def ticket_update(request: HttpRequest, number: int) -> HttpResponse:
    require_agent(request.user)
    ticket = get_ticket_for(request.user, number)
    form = TicketUpdateForm(request.POST, prefix="t")
    if form.is_valid():
        data = form.cleaned_data
        try:
            tickets.ticket_update(
                ticket=ticket,
                actor=request.user,
                status=data["status"],
                priority=data["priority"],
                ticket_type=data["type"],
                group=data["group"],
                assignee=data["assignee"],
                tags=data["tags"],
                cc=data["cc"],
            )
        except ValidationError as error:
            _form_error(request, error)
        else:
            messages.success(request, _("Ticket updated."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(ticket.get_absolute_url())


@require_POST
def ticket_rate(request: HttpRequest, number: int) -> HttpResponse:
    """The requester rates from the ticket page."""
    ticket = get_ticket_for(request.user, number)
    if ticket.requester_id != request.user.pk:
        raise Http404
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            csat.rating_submit(
                ticket=ticket,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            _form_error(request, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
    return redirect(ticket.get_absolute_url())


def rate_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link from the solved email: one click records the rating it names.

    The page then offers an optional comment (or a change of mind), posted to the same URL.
    A rating already given with a comment is not overwritten by a repeated click.
    """
    found = csat.rating_from_token(token)
    if found is None:
        raise Http404
    ticket, score = found
    recorded = None
    if request.method == "GET" and csat.can_rate(ticket):
        recorded = csat.rating_record_click(ticket=ticket, score=score)
    form = RatingForm(
        request.POST or None,
        initial={"score": recorded.score if recorded else score},
    )
    if request.method == "POST" and form.is_valid():
        try:
            csat.rating_submit(
                ticket=ticket,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "escalation/rate_done.html", {"ticket": ticket})
    context = {"ticket": ticket, "form": form, "score": score, "recorded": recorded}
    return render(request, "escalation/rate.html", context)


def attachment_download(request: HttpRequest, number: int, attachment_id: int) -> FileResponse:
    """Serve a private attachment to someone who may see it, always as a download."""
    attachment = get_attachment_for(request.user, number, attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=served_content_type(attachment),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


# --- agents --------------------------------------------------------------------------------


def queue(request: HttpRequest) -> HttpResponse:
    """The agent workspace: queues, filters, sort, bulk actions."""
    require_agent(request.user)
    form = QueueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    query = selectors.QueueQuery(
        queue=data.get("queue") or "unassigned",
        status=data.get("status") or "",
        priority=data.get("priority") or "",
        group=data.get("group"),
        assignee=data.get("assignee"),
        tag=data.get("tag") or "",
        q=data.get("q") or "",
        sort=data.get("sort") or "newest",
    )
    context = {
        "filter_form": form,
        "queue_query": query,
        "query_string": _without_page(request),
        "queues": selectors.QUEUES,
        "counts": selectors.queue_counts(request.user),
        "page_obj": selectors.queue_page(request.user, query, request.GET.get("page")),
        "is_available": selectors.agent_is_available(request.user),
        "now": timezone.now(),
        "statuses": TicketStatus.choices,
        **selectors.workspace_choices(),
    }
    return render(request, "escalation/queue.html", context)


def staff_ticket_new(request: HttpRequest) -> HttpResponse:
    """An agent opens a ticket for a customer (channel "staff"); the customer is emailed."""
    require_agent(request.user)
    form = StaffTicketForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ticket = tickets.ticket_create_by_staff(
            agent=request.user,
            requester=data["requester_email"],
            subject=data["subject"],
            body=data["body"],
            priority=data["priority"],
            group=data["group"],
        )
        return redirect(ticket.get_absolute_url())
    return render(request, "escalation/staff_new.html", {"form": form})


@require_POST
def queue_bulk(request: HttpRequest) -> HttpResponse:
    require_agent(request.user)
    form = BulkForm(request.POST)
    if form.is_valid():
        changed = tickets.tickets_bulk_update(
            tickets=list(form.cleaned_data["tickets"]),
            actor=request.user,
            status=form.cleaned_data["status"] or None,
            assignee=form.cleaned_data["assignee"],
        )
        messages.success(request, _("%(n)s tickets updated.") % {"n": changed})
    else:
        messages.error(request, _("Select tickets and an action."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("escalation:queue")
    return redirect(target)


@require_POST
def agent_availability(request: HttpRequest) -> HttpResponse:
    require_agent(request.user)
    assignment.agent_set_available(
        user=request.user, is_available=request.POST.get("available") == "1"
    )
    return redirect(reverse("escalation:queue"))


def macro_preview(request: HttpRequest, number: int, macro_id: int) -> HttpResponse:
    """The rendered macro text (plain text), for the small JS that fills the reply box."""
    require_agent(request.user)
    ticket = get_ticket_for(request.user, number)
    macro = Macro.objects.filter(pk=macro_id, is_active=True).first()
    if macro is None:
        raise Http404
    body = macro_render(macro=macro, ticket=ticket, agent=request.user)
    return JsonResponse({"body": body, "status": macro.set_status})
