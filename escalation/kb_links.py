"""KB article lookups for the agent reply box (the KB app is queried defensively)."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps

from escalation.forms import link_path


@dataclass
class ArticleLink:
    title: str
    url: str
    is_staff_only: bool

    @property
    def markdown(self) -> str:
        return f"[{self.title}]({self.url})"


def _article_model():
    try:
        return apps.get_model("kb", "ArticlePage")
    except LookupError:
        return None


def kb_article_links(query: str, *, request=None, limit: int = 8) -> list[ArticleLink]:
    """Live KB articles whose title or summary matches (staff-only ones flagged)."""
    model = _article_model()
    query = (query or "").strip()
    if model is None or not query:
        return []
    from django.db.models import Q

    condition = Q(title__icontains=query)
    if any(f.name == "summary" for f in model._meta.get_fields()):
        condition |= Q(summary__icontains=query)
    links = []
    for page in model.objects.live().filter(condition).order_by("title")[:limit]:
        url = page.get_full_url(request) or page.url or ""
        links.append(ArticleLink(page.title, url, getattr(page, "audience", "public") == "staff"))
    return links


def staff_only_article_paths() -> set[str]:
    """URL paths of live staff-only articles: public replies may not link them."""
    model = _article_model()
    if model is None or not any(f.name == "audience" for f in model._meta.get_fields()):
        return set()
    return {
        link_path(page.url or "")
        for page in model.objects.live().filter(audience="staff")
        if page.url
    }
