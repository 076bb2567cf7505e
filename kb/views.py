"""Views of the knowledge base outside the page tree: feedback votes and the health report."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kb import permissions, selectors, services
from kb.forms import FeedbackForm
from kb.viewers import FEEDBACK_DRAFT_KEY, viewer_key


def _feedback_refused(request, article_id: int, target: str, error: str) -> HttpResponseRedirect:
    """Back to the form with the reason next to it and the comment kept (nothing typed is lost)."""
    request.session[FEEDBACK_DRAFT_KEY] = {
        "article_id": article_id,
        "comment": request.POST.get("comment", "")[:10_000],
        "error": error,
    }
    return HttpResponseRedirect(target)


@require_POST
def article_feedback(request, article_id: int):
    """Record the "Was this helpful?" vote (plain form POST, works without JavaScript)."""
    article = permissions.get_article_for(request.user, article_id)
    target = article.get_url(request) + "#feedback"
    if not permissions.feedback_allowed(viewer_key(request)):
        error = _("You sent feedback too often. Please try again in a few minutes.")
        return _feedback_refused(request, article.pk, target, error)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return _feedback_refused(request, article.pk, target, error)
    if not request.user.is_authenticated and not request.session.session_key:
        request.session.save()  # an anonymous vote belongs to its session, so it can change
    services.feedback_submit(
        article=article,
        user=request.user,
        session_key=request.session.session_key or "",
        is_helpful=form.is_helpful,
        comment=form.cleaned_data["comment"],
    )
    messages.success(request, _("Thanks for your feedback!"))
    return HttpResponseRedirect(target)


@require_GET
def health_report(request):
    """The staff KB health report; 404 for everyone else."""
    if not permissions.can_see_health_report(request.user):
        raise Http404
    return render(request, "kb/health_report.html", selectors.health_report())
