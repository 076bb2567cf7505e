"""Search pages and endpoints: results, typeahead, click redirect, similar questions, report."""

from __future__ import annotations

import json

from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community.roles import is_staff_member
from community.search import query as search_query
from community.search import selectors, services
from community.search.query import FILTER_FIELDS, SORTS

PER_PAGE = 20
CLICK_SALT = "search-click"


def _session_key(request) -> str:
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key


def _click_url(search_id: int | None, position: int, hit) -> str:
    if search_id is None or not hit.url:
        return hit.url
    token = signing.dumps(
        {"s": search_id, "p": position, "t": hit.type, "i": hit.id, "u": hit.url},
        salt=CLICK_SALT,
        compress=True,
    )
    return reverse("search:click", kwargs={"token": token})


@require_GET
def search_page(request):
    """One box: mixed results, facets, sort, pages, did-you-mean and a no-results page."""
    query = " ".join(request.GET.get("q", "").split())[:200]
    filters = {k: request.GET.get(k, "").strip() for k in FILTER_FIELDS}
    filters = {k: v for k, v in filters.items() if v}
    sort = request.GET.get("sort", "relevance")
    sort = sort if sort in SORTS else "relevance"
    context = {"query": query, "filters": filters, "sort": sort, "sorts": SORTS}
    if not query:
        return render(request, "search/search.html", context)
    outcome, window = search_query.site_search(
        query, viewer=request.user, filters=filters, sort=sort
    )
    page = Paginator(window, PER_PAGE).get_page(request.GET.get("page"))
    log = None
    if page.number == 1:
        log = services.search_log(
            query=query,
            result_count=outcome.total,
            user=request.user,
            session_key=_session_key(request),
            used_fallback=outcome.failed,
            corrected_to=outcome.query if outcome.corrected_from else "",
        )
    search_id = log.pk if log else _int(request.GET.get("sid"))
    offset = (page.number - 1) * PER_PAGE
    results = [
        {"hit": hit, "position": offset + i, "href": _click_url(search_id, offset + i, hit)}
        for i, hit in enumerate(page.object_list, start=1)
    ]
    context.update(
        outcome=outcome,
        page=page,
        results=results,
        search_id=search_id,
        active_filters=list(filters.items()),
    )
    return render(request, "search/search.html", context)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_GET
def click(request, token: str):
    """Record which result (and position) was opened, then go there."""
    try:
        data = signing.loads(token, salt=CLICK_SALT, max_age=60 * 60 * 24)
    except signing.BadSignature:
        raise Http404 from None
    url = data.get("u", "")
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        raise Http404
    services.search_click(
        search_id=data["s"], position=data["p"], result_type=data["t"], result_id=data["i"]
    )
    return redirect(url)


@require_GET
def typeahead(request):
    """JSON for the header box: ``{"query": q, "results": [{type,id,title,url,solved}]}``."""
    query = request.GET.get("q", "")
    results = search_query.typeahead(query, viewer=request.user)
    return JsonResponse({"query": query, "results": results, "labels": _typeahead_labels()})


def _typeahead_labels() -> dict[str, str]:
    return {
        "article": _("Article"),
        "faq": _("FAQ"),
        "thread": _("Community"),
        "solved": _("Solved"),
        "count": _("{n} suggestions. Use up and down arrows to choose."),
        "none": _("No suggestions."),
    }


@require_GET
def similar(request):
    """``GET /search/similar/?title=&body=&limit=5&type=article|thread`` → JSON list."""
    kind = request.GET.get("type") or None
    if kind not in (None, "article", "thread"):
        return HttpResponseBadRequest("type must be article or thread")
    limit = _int(request.GET.get("limit"))
    results = selectors.similar_questions(
        title=request.GET.get("title", "")[:300],
        body=request.GET.get("body", "")[:5000],
        limit=selectors.SIMILAR_DEFAULT if limit is None else limit,
        kind=kind,
    )
    return JsonResponse(results, safe=False)


@require_POST
def deflections(request):
    """The similar-questions box reports: ``leave`` (opened suggestions, no post) or ``posted``."""
    action = request.POST.get("action")
    source = request.POST.get("source", "ask")[:40] or "ask"
    session_key = _session_key(request)
    if action == "posted":
        count = services.deflection_undo(session_key=session_key, source=source)
        return JsonResponse({"undone": count})
    if action != "leave":
        return HttpResponseBadRequest("action must be leave or posted")
    try:
        opened = json.loads(request.POST.get("opened", "[]"))
        assert isinstance(opened, list)
    except (ValueError, AssertionError):
        return HttpResponseBadRequest("opened must be a JSON list")
    rows = services.deflection_record(
        title=request.POST.get("title", ""),
        opened=[o for o in opened if isinstance(o, dict)],
        session_key=session_key,
        source=source,
    )
    return JsonResponse({"recorded": len(rows)})


@require_GET
def report(request):
    """Staff-only search analytics (404 for everyone else)."""
    if not is_staff_member(request.user):
        raise Http404
    days = _int(request.GET.get("days")) or 30
    days = max(1, min(days, 365))
    return render(request, "search/report.html", {"report": selectors.search_report(days=days)})
