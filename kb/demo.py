"""Demo content of the knowledge base (Acme Cloud), called by ``seed_demo``; idempotent."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from community.demo import DemoContext
from kb import services
from kb.blocks import page_slug
from kb.demo_content import ARTICLES, CATEGORIES, FAQS, FEEDBACK, RELATED, VIEWS
from kb.models import (
    ArticleDailyViews,
    ArticleFeedback,
    ArticlePage,
    ArticleRelatedLink,
    CategoryPage,
    FAQPage,
    KnowledgeBaseIndexPage,
)

VIEW_DAYS = 7


def body_blocks(items: list[tuple]) -> list[dict]:
    """Turn the notation of ``kb.demo_content`` into StreamField raw data."""
    blocks = []
    for kind, *rest in items:
        if kind == "p":
            blocks.append({"type": "paragraph", "value": f"<p>{rest[0]}</p>"})
        elif kind in {"h", "h3"}:
            level = "h3" if kind == "h3" else "h2"
            blocks.append({"type": "heading", "value": {"text": rest[0], "level": level}})
        elif kind in {"note", "tip", "warning"}:
            blocks.append({"type": "callout", "value": {"kind": kind, "text": f"<p>{rest[0]}</p>"}})
        elif kind == "steps":
            steps = [{"title": "", "text": f"<p>{text}</p>"} for text in rest[0]]
            blocks.append({"type": "steps", "value": {"steps": steps}})
        elif kind == "code":
            blocks.append({"type": "code", "value": {"language": rest[0], "code": rest[1]}})
    return blocks


def _publish_child(parent, page) -> None:
    parent.add_child(instance=page)
    page.save_revision(user=page.owner).publish(user=page.owner)


def _kb_home(ctx: DemoContext) -> tuple[KnowledgeBaseIndexPage, int]:
    kb_home = KnowledgeBaseIndexPage.objects.first()
    if kb_home is not None:
        return kb_home, 0
    kb_home = KnowledgeBaseIndexPage(
        title=_("Knowledge base"),
        slug="kb",
        intro=_("Guides and answers for every part of Acme Cloud."),
    )
    _publish_child(ctx.home_page, kb_home)
    return kb_home, 1


def _categories(kb_home) -> tuple[dict[str, CategoryPage], int]:
    pages: dict[str, CategoryPage] = {}
    created = 0
    for key, parent_key, title, slug, icon, description in CATEGORIES:
        parent = pages[parent_key] if parent_key else kb_home
        page = CategoryPage.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = CategoryPage(title=title, slug=slug, icon=icon, description=description)
            _publish_child(parent, page)
            created += 1
        pages[key] = page
    return pages, created


def _articles(ctx: DemoContext, kb_home, categories) -> tuple[dict[str, ArticlePage], int]:
    existing = {a.slug: a for a in ArticlePage.objects.descendant_of(kb_home)}
    today = timezone.localdate()
    created = 0
    for key, raw_slug, title, summary, tags, audience, reviewed, body in ARTICLES:
        slug = page_slug(raw_slug)
        if slug not in existing:
            article = ArticlePage(
                title=title,
                slug=slug,
                summary=summary,
                audience=audience,
                owner=ctx.users["editor"],
                last_reviewed_at=today - datetime.timedelta(days=reviewed)
                if reviewed is not None
                else None,
            )
            article.body = body_blocks(body)
            article.tags.set(tags)
            _publish_child(categories[key], article)
            existing[slug] = article
            created += 1
        ctx.progress(1)
    return existing, created


def _related(articles: dict[str, ArticlePage]) -> None:
    for slug, targets in RELATED:
        article = articles[slug]
        if ArticleRelatedLink.objects.filter(article=article).exists():
            continue
        for order, target in enumerate(targets):
            ArticleRelatedLink.objects.create(
                article=article, target=articles[target], sort_order=order
            )


def _faqs(ctx: DemoContext, kb_home, categories) -> int:
    created = 0
    for key, slug, title, intro, pairs in FAQS:
        parent = categories[key] if key else kb_home
        slug = page_slug(slug)
        if FAQPage.objects.child_of(parent).filter(slug=slug).exists():
            continue
        faq = FAQPage(title=title, slug=slug, intro=intro, owner=ctx.users["editor"])
        faq.questions = [
            {"type": "qa", "value": {"question": q, "answer": a, "anchor": ""}} for q, a in pairs
        ]
        _publish_child(parent, faq)
        created += 1
    return created


def _feedback_and_views(articles: dict[str, ArticlePage]) -> None:
    for slug, yes, no, comments in FEEDBACK:
        article = articles[slug]
        for n in range(yes + no):
            is_helpful = n < yes
            comment = "" if is_helpful else (comments[n - yes] if n - yes < len(comments) else "")
            ArticleFeedback.objects.get_or_create(
                article=article,
                user=None,
                session_key=f"demo-{n}",
                defaults={"is_helpful": is_helpful, "comment": comment},
            )
    today = timezone.localdate()
    for slug, per_day in VIEWS.items():
        article = articles[slug]
        if ArticleDailyViews.objects.filter(article=article).exists():
            continue  # seeded once; the days stay put so a second run changes nothing
        ArticleDailyViews.objects.bulk_create(
            ArticleDailyViews(
                article=article, day=today - datetime.timedelta(days=d), views=max(1, per_day - d)
            )
            for d in range(1, VIEW_DAYS + 1)
        )


def seed(ctx: DemoContext) -> dict[str, int]:
    """The Acme Cloud KB: categories, articles (some staff-only, some Korean/Thai), FAQs, votes."""
    kb_home, created_home = _kb_home(ctx)
    ctx.pages["kb_home"] = kb_home
    services.kb_editorial_setup(kb_home=kb_home)
    categories, created_categories = _categories(kb_home)
    articles, created_articles = _articles(ctx, kb_home, categories)
    _related(articles)
    created_faqs = _faqs(ctx, kb_home, categories)
    _feedback_and_views(articles)
    ctx.progress(1)
    return {
        _("KB pages"): created_home + created_categories + created_faqs,
        _("KB articles"): created_articles,
    }
