"""Reads for the knowledge base pages, the home page and the health report (fixed query counts)."""

from __future__ import annotations

import datetime
import json
import re
from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Exists, F, FloatField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from community.roles import is_staff_member
from community.sanitizer import plain_text, render_markdown, sanitize_html
from kb.blocks import anchor_for
from kb.models import (
    ArticleDailyViews,
    ArticleFeedback,
    ArticlePage,
    ArticleRelatedLink,
    ArticleView,
    Audience,
    CategoryPage,
    FAQPage,
    KnowledgeBaseIndexPage,
)
from kb.permissions import visible_audiences
from kb.viewers import feedback_draft_pop

POPULAR_DAYS = 30
RELATED_LIMIT = 5

# --- querysets other apps (search, sitemap, feeds) reuse -----------------------------------


def public_articles():
    """Live articles everyone may read (search indexes and feeds start here)."""
    return ArticlePage.objects.live().public().filter(audience=Audience.PUBLIC)


def visible_articles(viewer):
    """Live articles ``viewer`` may read: public ones, plus staff-only ones for staff."""
    return ArticlePage.objects.live().public().filter(audience__in=visible_audiences(viewer))


def visible_faq_pages(viewer):
    return FAQPage.objects.live().public().filter(audience__in=visible_audiences(viewer))


def kb_home() -> KnowledgeBaseIndexPage | None:
    return KnowledgeBaseIndexPage.objects.live().first()


def with_view_counts(queryset, *, since: datetime.date | None = None):
    """Annotate ``views``: distinct viewers per day, summed (rolled-up days + today's rows)."""
    raw = ArticleView.objects.filter(article=OuterRef("pk"))
    daily = ArticleDailyViews.objects.filter(article=OuterRef("pk"))
    if since is not None:
        raw = raw.filter(day__gte=since)
        daily = daily.filter(day__gte=since)
    raw_count = raw.order_by().values("article").annotate(n=Count("id")).values("n")
    daily_sum = daily.order_by().values("article").annotate(n=Sum("views")).values("n")
    return queryset.annotate(
        views=Coalesce(Subquery(raw_count), 0) + Coalesce(Subquery(daily_sum), 0)
    )


def _listing(queryset):
    """Article lists show title, summary, dates and audience: never the StreamField body."""
    return queryset.defer_streamfields().order_by("path")


# --- shared pieces --------------------------------------------------------------------------


def breadcrumbs(page: Page) -> list[Page]:
    """Ancestors from the site home down to the parent (one query)."""
    return list(Page.objects.ancestor_of(page).filter(depth__gte=2).order_by("depth"))


def _article_counts(parent: Page, children: list[Page], viewer) -> dict[int, int]:
    """How many visible articles sit under each child category (one query)."""
    paths = visible_articles(viewer).descendant_of(parent).values_list("path", flat=True)
    counts: dict[int, int] = defaultdict(int)
    prefixes = {child.path: child.pk for child in children}
    for path in paths:
        for prefix, pk in prefixes.items():
            if path.startswith(prefix):
                counts[pk] += 1
    return counts


def _categories_with_counts(parent: Page, viewer, *, hide_empty: bool) -> list[CategoryPage]:
    categories = list(CategoryPage.objects.child_of(parent).live().public().order_by("path"))
    counts = _article_counts(parent, categories, viewer)
    for category in categories:
        category.article_count = counts.get(category.pk, 0)
    if hide_empty:
        # A category holding only staff-only articles says nothing useful to customers.
        categories = [c for c in categories if c.article_count]
    return categories


def popular_articles(viewer, *, limit: int = 5, since_days: int = POPULAR_DAYS):
    """Most viewed articles ``viewer`` may read over the last days, then recently updated."""
    since = timezone.localdate() - datetime.timedelta(days=since_days)
    return list(
        with_view_counts(visible_articles(viewer), since=since)
        .defer_streamfields()
        .order_by("-views", "-last_published_at")[:limit]
    )


def recently_updated(viewer, *, limit: int = 5):
    return list(
        visible_articles(viewer).defer_streamfields().order_by("-last_published_at")[:limit]
    )


# --- pages ----------------------------------------------------------------------------------


def kb_index_context(kb: KnowledgeBaseIndexPage, viewer) -> dict:
    staff = is_staff_member(viewer)
    return {
        "categories": _categories_with_counts(kb, viewer, hide_empty=not staff),
        "faq_pages": list(visible_faq_pages(viewer).descendant_of(kb).defer_streamfields()),
        "uncategorised_articles": list(_listing(visible_articles(viewer).child_of(kb))),
        "popular_articles": popular_articles(viewer),
        "recent_articles": recently_updated(viewer),
        "feed_url": kb.url + kb.reverse_subpage("feed"),
    }


def category_page_context(category: CategoryPage, viewer) -> dict:
    staff = is_staff_member(viewer)
    return {
        "breadcrumbs": breadcrumbs(category),
        "subcategories": _categories_with_counts(category, viewer, hide_empty=not staff),
        "articles": list(_listing(visible_articles(viewer).child_of(category))),
        "faq_pages": list(visible_faq_pages(viewer).child_of(category).defer_streamfields()),
    }


_HTML_HEADING_RE = re.compile(r"<h([23])(?:\s[^>]*)?>(.*?)</h\1>", re.DOTALL)


class _Anchors:
    """Unique anchors within one page (a second "Before you start" gets "-2")."""

    def __init__(self) -> None:
        self.used: dict[str, int] = {}

    def make(self, text: str, preferred: str = "") -> str:
        base = anchor_for(preferred or text)
        self.used[base] = self.used.get(base, 0) + 1
        return base if self.used[base] == 1 else f"{base}-{self.used[base]}"


def _html_with_heading_ids(html: str, anchors: _Anchors, toc: list[dict]) -> str:
    def add_id(match: re.Match) -> str:
        level, inner = match.group(1), match.group(2)
        text = strip_tags(inner).strip()
        anchor = anchors.make(text)
        toc.append({"anchor": anchor, "text": text, "level": int(level)})
        return f'<h{level} id="{anchor}">{inner}</h{level}>'

    return _HTML_HEADING_RE.sub(add_id, html)


def article_sections(article: ArticlePage) -> tuple[list[dict], list[dict]]:
    """The body as render-ready sections and the table of contents built from its headings."""
    anchors = _Anchors()
    sections: list[dict] = []
    toc: list[dict] = []
    for block in article.body:
        section = {"block": block, "type": block.block_type}
        if block.block_type == "heading":
            section["anchor"] = anchors.make(block.value["text"])
            level = 3 if block.value["level"] == "h3" else 2
            section["level"] = level
            toc.append({"anchor": section["anchor"], "text": block.value["text"], "level": level})
        elif block.block_type == "html":
            section["html"] = _html_with_heading_ids(sanitize_html(block.value), anchors, toc)
        sections.append(section)
    return sections, toc


def related_articles(article: ArticlePage, viewer, tags: list, *, limit: int = RELATED_LIMIT):
    """Editor-chosen related articles first, filled up with those sharing most tags (2 queries)."""
    audiences = visible_audiences(viewer)
    links = ArticleRelatedLink.objects.filter(article=article).select_related("target")
    chosen = [
        link.target
        for link in links.order_by("sort_order")
        if link.target.live and link.target.audience in audiences and link.target.pk != article.pk
    ][:limit]
    missing = limit - len(chosen)
    if missing <= 0 or not tags:
        return chosen
    by_tags = (
        visible_articles(viewer)
        .filter(tagged_items__tag__in=[tag.pk for tag in tags])
        .exclude(pk__in=[article.pk, *(a.pk for a in chosen)])
        .annotate(shared=Count("tagged_items"))
        .defer_streamfields()
        .order_by("-shared", "-last_published_at")[:missing]
    )
    return chosen + list(by_tags)


def feedback_summary(article: ArticlePage) -> dict:
    totals = ArticleFeedback.objects.filter(article=article).aggregate(
        yes=Count("id", filter=Q(is_helpful=True)), no=Count("id", filter=Q(is_helpful=False))
    )
    return totals


def viewer_feedback(article: ArticlePage, request) -> ArticleFeedback | None:
    """The vote this member (or this anonymous session) gave, to show and let them change it."""
    if request.user.is_authenticated:
        return ArticleFeedback.objects.filter(article=article, user=request.user).first()
    session_key = request.session.session_key
    if not session_key:
        return None
    return ArticleFeedback.objects.filter(
        article=article, user__isnull=True, session_key=session_key
    ).first()


def _json_ld(data: dict) -> str:
    """JSON for a ``<script type="application/ld+json">``: "<", ">" and "&" escaped."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def article_json_ld(article: ArticlePage, request) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title,
        "description": article.summary,
        "url": article.get_full_url(request),
        "datePublished": (article.first_published_at or timezone.now()).isoformat(),
        "dateModified": (article.last_published_at or timezone.now()).isoformat(),
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
    }
    if article.owner_id:
        data["author"] = {"@type": "Person", "name": article.owner.public_name}
    return _json_ld(data)


def article_page_context(article: ArticlePage, request) -> dict:
    """Everything the article page shows, in a fixed number of queries."""
    tags = list(article.tags.all())
    sections, toc = article_sections(article)
    vote = viewer_feedback(article, request)
    draft = feedback_draft_pop(request, article.pk)
    return {
        "breadcrumbs": breadcrumbs(article),
        "sections": sections,
        "toc": toc,
        "tags": tags,
        "related_articles": related_articles(article, request.user, tags),
        "viewer_vote": vote,
        "feedback_error": draft["error"] if draft else "",
        "feedback_comment": draft["comment"] if draft else (vote.comment if vote else ""),
        "json_ld": article_json_ld(article, request),
    }


def faq_questions(faq: FAQPage) -> list[dict]:
    anchors = _Anchors()
    items = []
    for block in faq.questions:
        question = block.value["question"]
        items.append(
            {
                "question": question,
                "answer": block.value["answer"],
                "anchor": anchors.make(question, block.value.get("anchor") or ""),
            }
        )
    return items


def faq_page_context(faq: FAQPage, viewer) -> dict:
    questions = faq_questions(faq)
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "name": faq.title,
        "mainEntity": [
            {
                "@type": "Question",
                "name": item["question"],
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(str(item["answer"]))},
            }
            for item in questions
        ],
    }
    return {"breadcrumbs": breadcrumbs(faq), "questions": questions, "json_ld": _json_ld(data)}


# --- home page ------------------------------------------------------------------------------


def home_context(viewer) -> dict:
    """Popular categories and articles for the site home page (fixed number of queries)."""
    kb = kb_home()
    if kb is None:
        return {}
    categories = _categories_with_counts(kb, viewer, hide_empty=True)
    categories.sort(key=lambda c: -c.article_count)
    return {
        "kb_home": kb,
        "kb_popular_categories": categories[:6],
        "kb_popular_articles": popular_articles(viewer, limit=5),
    }


# --- health report (staff) ------------------------------------------------------------------


def review_due_before() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=settings.KB_REVIEW_DAYS)


def articles_due_for_review(*, limit: int | None = None):
    """Live articles not reviewed within ``KB_REVIEW_DAYS`` (never reviewed first)."""
    queryset = (
        ArticlePage.objects.live()
        .filter(Q(last_reviewed_at__isnull=True) | Q(last_reviewed_at__lt=review_due_before()))
        .select_related("owner")
        .defer_streamfields()
        .order_by(F("last_reviewed_at").asc(nulls_first=True), "title")
    )
    return list(queryset[:limit] if limit else queryset)


def least_helpful_articles(*, limit: int = 10, comments_per_article: int = 5) -> list:
    """Articles with "no" votes, worst helpful ratio first, each with its latest comments."""
    articles = list(
        ArticlePage.objects.live()
        .annotate(
            yes=Count("feedback", filter=Q(feedback__is_helpful=True)),
            no=Count("feedback", filter=Q(feedback__is_helpful=False)),
        )
        .filter(no__gt=0)
        .annotate(ratio=Cast(F("yes"), FloatField()) / (F("yes") + F("no")))
        .defer_streamfields()
        .order_by("ratio", "-no", "title")[:limit]
    )
    comments = defaultdict(list)
    rows = (
        ArticleFeedback.objects.filter(article__in=[a.pk for a in articles])
        .exclude(comment="")
        .order_by("-updated_at")
    )
    for row in rows:
        if len(comments[row.article_id]) < comments_per_article:
            row.comment_html = render_markdown(row.comment)
            comments[row.article_id].append(row)
    for article in articles:
        article.recent_comments = comments.get(article.pk, [])
    return articles


def most_viewed_articles(*, limit: int = 10, since_days: int = POPULAR_DAYS) -> list:
    since = timezone.localdate() - datetime.timedelta(days=since_days)
    return list(
        with_view_counts(ArticlePage.objects.live(), since=since)
        .filter(views__gt=0)
        .defer_streamfields()
        .order_by("-views", "title")[:limit]
    )


def never_viewed_articles(*, limit: int = 50) -> list:
    return list(
        ArticlePage.objects.live()
        .filter(
            ~Exists(ArticleView.objects.filter(article=OuterRef("pk"))),
            ~Exists(ArticleDailyViews.objects.filter(article=OuterRef("pk"))),
        )
        .defer_streamfields()
        .order_by("first_published_at")[:limit]
    )


def health_report() -> dict:
    return {
        "most_viewed": most_viewed_articles(),
        "least_helpful": least_helpful_articles(),
        "due_for_review": articles_due_for_review(),
        "never_viewed": never_viewed_articles(),
        "review_days": settings.KB_REVIEW_DAYS,
        "popular_days": POPULAR_DAYS,
    }
