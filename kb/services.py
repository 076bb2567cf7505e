"""Every write of the knowledge base: feedback votes, view counts, editorial setup, imports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from community.roles import Role
from kb.blocks import page_slug
from kb.models import (
    ArticleDailyViews,
    ArticleFeedback,
    ArticlePage,
    ArticleView,
    Audience,
    CategoryPage,
    KnowledgeBaseIndexPage,
)

VIEW_SEEN_TIMEOUT = 60 * 60 * 26  # a little over a day: the key includes the date anyway


# --- feedback -----------------------------------------------------------------------------


def feedback_submit(
    *,
    article: ArticlePage,
    user=None,
    session_key: str = "",
    is_helpful: bool,
    comment: str = "",
) -> ArticleFeedback:
    """Record (or change) the viewer's vote on an article; a member votes once, a session once."""
    member = user if user is not None and user.is_authenticated else None
    if member is None and not session_key:
        raise ValueError("an anonymous vote needs a session")
    lookup = {"article": article, "user": member}
    if member is None:
        lookup["session_key"] = session_key
    comment = comment.strip()
    ArticleFeedback(**lookup, is_helpful=is_helpful, comment=comment).full_clean(
        validate_constraints=False
    )
    with transaction.atomic():
        feedback = ArticleFeedback.objects.select_for_update().filter(**lookup).first()
        if feedback is None:
            try:
                # Two first votes at once (double click, two tabs): the unique constraint
                # lets one insert win; the other updates that row below.
                with transaction.atomic():
                    return ArticleFeedback.objects.create(
                        **lookup, is_helpful=is_helpful, comment=comment
                    )
            except IntegrityError:
                feedback = ArticleFeedback.objects.select_for_update().get(**lookup)
        feedback.is_helpful = is_helpful
        feedback.comment = comment
        feedback.save(update_fields=["is_helpful", "comment", "updated_at"])
    return feedback


# --- views --------------------------------------------------------------------------------


def article_view_record(*, article: ArticlePage, viewer: str) -> bool:
    """Count one view per viewer per article per day; later requests cost no database write.

    The cache remembers who was counted today; the unique row makes the count exact even when
    the cache is cold or per-process. Returns whether this view was counted.
    """
    today = timezone.localdate()
    seen_key = f"kb:seen:{article.pk}:{today.isoformat()}:{viewer}"
    if not cache.add(seen_key, 1, timeout=VIEW_SEEN_TIMEOUT):
        return False
    try:
        with transaction.atomic():
            ArticleView.objects.create(article=article, day=today, viewer=viewer)
    except IntegrityError:
        return False
    return True


def views_rollup(*, before: datetime.date | None = None) -> int:
    """Fold per-viewer rows of days before ``before`` (default today) into daily totals.

    Idempotent and safe to run at any time (cron or the ``kb_rollup_views`` task); returns how
    many (article, day) totals were written.
    """
    before = before or timezone.localdate()
    written = 0
    with transaction.atomic():
        totals = (
            ArticleView.objects.filter(day__lt=before)
            .values("article_id", "day")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in totals:
            daily, _ = ArticleDailyViews.objects.select_for_update().get_or_create(
                article_id=row["article_id"], day=row["day"]
            )
            daily.views += row["n"]
            daily.save(update_fields=["views"])
            written += 1
        ArticleView.objects.filter(day__lt=before).delete()
    return written


# --- editorial setup ----------------------------------------------------------------------

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]
WORKFLOW_NAME = "Knowledge base review"
TASK_NAME = "KB editor approval"


def kb_editorial_setup(*, kb_home: KnowledgeBaseIndexPage) -> Workflow:
    """Give the KB editor group page and image permissions on the KB, and the review workflow.

    Idempotent: safe on every ``seed_demo`` and when the KB home is created in the admin.
    """
    group, _ = Group.objects.get_or_create(name=Role.KB_EDITOR)
    for codename in EDITOR_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=kb_home, permission=permission)
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for codename in EDITOR_IMAGE_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtailimages", codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(group)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=kb_home, defaults={"workflow": workflow})
    return workflow


def kb_home_ensure(*, home_page: Page, intro: str = "") -> tuple[KnowledgeBaseIndexPage, bool]:
    """The KB home under the site home, created and published when missing, editors set up.

    Used by ``site_setup`` (an empty site ready for ``import_articles``) and the demo.
    """
    from django.utils.translation import gettext as _

    kb_home = KnowledgeBaseIndexPage.objects.first()
    created = kb_home is None
    if created:
        kb_home = KnowledgeBaseIndexPage(title=_("Knowledge base"), slug="kb", intro=intro)
        home_page.add_child(instance=kb_home)
        kb_home.save_revision().publish()
    kb_editorial_setup(kb_home=kb_home)
    return kb_home, created


# --- import -------------------------------------------------------------------------------


@dataclass
class ArticleData:
    """What the importer (or any caller) gives to create or update an article."""

    title: str
    body: list[dict]
    slug: str = ""
    summary: str = ""
    category_path: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    audience: str = Audience.PUBLIC

    def clean_slug(self) -> str:
        return page_slug(self.slug or self.title)


def category_ensure(*, parent: Page, titles: list[str]) -> Page:
    """The category at ``parent``/titles…, creating (and publishing) the missing ones.

    Categories are published even for draft imports: they are containers, and an article an
    editor publishes later must be listed.
    """
    current = parent
    for title in titles:
        title = title.strip()
        if not title:
            continue
        slug = page_slug(title)
        found = (
            CategoryPage.objects.child_of(current).filter(slug=slug).first()
            or CategoryPage.objects.child_of(current).filter(title=title).first()
        )
        if found is None:
            found = CategoryPage(title=title, slug=slug)
            current.add_child(instance=found)
            found.save_revision().publish()
        current = found
    return current


def _article_fields(data: ArticleData) -> dict:
    return {
        "title": data.title.strip(),
        "summary": data.summary.strip()[:300],
        "audience": data.audience,
    }


def _is_unchanged(article: ArticlePage, data: ArticleData, parent: Page) -> bool:
    same_fields = all(getattr(article, k) == v for k, v in _article_fields(data).items())
    stored = [{"type": b["type"], "value": b["value"]} for b in article.body.raw_data]
    same_body = stored == data.body
    same_tags = sorted(t.name for t in article.tags.all()) == sorted(data.tags)
    return same_fields and same_body and same_tags and article.get_parent().pk == parent.pk


def article_import(
    *, kb_home: KnowledgeBaseIndexPage, data: ArticleData, publish: bool = True, actor=None
) -> str:
    """Create or update the article with ``data.slug`` under the KB; returns what happened.

    ``"created"``, ``"updated"`` or ``"unchanged"`` (running an import twice writes nothing).
    """
    slug = data.clean_slug()
    if not slug or not data.title.strip():
        raise ValueError("an article needs a title")
    with transaction.atomic():
        parent = category_ensure(parent=kb_home, titles=data.category_path)
        article = ArticlePage.objects.descendant_of(kb_home).filter(slug=slug).first()
        if article is not None and _is_unchanged(article, data, parent):
            return "unchanged"
        outcome = "updated" if article else "created"
        if article is None:
            article = ArticlePage(slug=slug, owner=actor, live=publish, **_article_fields(data))
            article.body = data.body
            article.tags.set(data.tags)
            parent.add_child(instance=article)
        else:
            if article.get_parent().pk != parent.pk:
                article.move(parent, pos="last-child")
                article.refresh_from_db()
            for name, value in _article_fields(data).items():
                setattr(article, name, value)
            article.body = data.body
            article.tags.set(data.tags)
        revision = article.save_revision(user=actor)
        if publish:
            revision.publish(user=actor)
        elif outcome == "created":
            article.live = False
            article.save(update_fields=["live"])
    return outcome
