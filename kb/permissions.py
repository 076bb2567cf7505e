"""Who may see which KB page, and who may send feedback right now."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from wagtail.models import Page

from community.roles import is_staff_member
from kb.models import ArticlePage, Audience


def can_view_audience(user, audience: str) -> bool:
    """Public pages are for everyone; staff-only pages only for staff roles."""
    return audience == Audience.PUBLIC or is_staff_member(user)


def visible_audiences(user) -> list[str]:
    """The audiences a user may read, for filtering querysets."""
    if is_staff_member(user):
        return [Audience.PUBLIC, Audience.STAFF]
    return [Audience.PUBLIC]


def can_view_category(user, category) -> bool:
    """A category that holds only staff-only pages is itself staff-only (its name says enough)."""
    from kb.models import FAQPage

    if is_staff_member(user):
        return True
    pages = [
        model.objects.live().descendant_of(category).order_by().values("audience").distinct()
        for model in (ArticlePage, FAQPage)
    ]
    audiences = {row["audience"] for row in pages[0].union(pages[1])}
    return Audience.PUBLIC in audiences or Audience.STAFF not in audiences


def categories_hidden_from_public(request=None) -> set[str]:
    """Tree paths of the live categories that hold only staff-only pages (two queries).

    The sitemap asks for every category; the answer is kept on the request so a sitemap of a
    thousand categories still costs two queries.
    """
    cached = getattr(request, "_kb_hidden_category_paths", None)
    if cached is not None:
        return cached
    from kb.models import CategoryPage, FAQPage

    audiences: dict[str, set[str]] = {}
    for model in (ArticlePage, FAQPage):
        for path, audience in model.objects.live().order_by().values_list("path", "audience"):
            # Every ancestor's path is a prefix of this one (Wagtail's treebeard steps).
            for end in range(Page.steplen, len(path), Page.steplen):
                audiences.setdefault(path[:end], set()).add(audience)
    hidden = {
        path
        for path in CategoryPage.objects.live().values_list("path", flat=True)
        if Audience.STAFF in audiences.get(path, set())
        and Audience.PUBLIC not in audiences.get(path, set())
    }
    if request is not None:
        request._kb_hidden_category_paths = hidden
    return hidden


def can_see_health_report(user) -> bool:
    """The KB health report is for staff (editors, agents, moderators, admins)."""
    return is_staff_member(user)


def get_article_for(user, article_id: int) -> ArticlePage:
    """The live article ``user`` may read, or 404 (also when it is staff-only)."""
    article = (
        ArticlePage.objects.live()
        .filter(pk=article_id, audience__in=visible_audiences(user))
        .first()
    )
    if article is None:
        raise Http404
    return article


def feedback_allowed(voter: str) -> bool:
    """Rate limit on feedback: at most ``KB_FEEDBACK_RATE_LIMIT`` posts per voter per 10 minutes.

    Counts this attempt; a cache counter so no database write is spent on abusers.
    """
    limit = settings.KB_FEEDBACK_RATE_LIMIT
    key = f"kb:feedback-rate:{voter}"
    cache.add(key, 0, timeout=600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=600)
        count = 1
    return count <= limit
