"""Models of the knowledge base: Wagtail page types, feedback votes and view counts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kb.blocks import ArticleBodyBlock, FAQBodyBlock


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    STAFF = "staff", _("Staff only")


CATEGORY_ICONS = [
    ("book", _("Book")),
    ("user", _("Account")),
    ("card", _("Billing")),
    ("box", _("Shipping")),
    ("cart", _("Shop")),
    ("wrench", _("Troubleshooting")),
    ("lock", _("Security")),
    ("rocket", _("Getting started")),
    ("plug", _("Integrations")),
    ("headset", _("Support team")),
]
# Shown next to category titles (decorative: screen readers skip them).
ICON_SYMBOLS = {
    "book": "📘",
    "user": "👤",
    "card": "💳",
    "box": "📦",
    "cart": "🛒",
    "wrench": "🔧",
    "lock": "🔒",
    "rocket": "🚀",
    "plug": "🔌",
    "headset": "🎧",
}


class AudienceMixin(models.Model):
    """Pages that may be staff-only: hidden (404) from everyone without a staff role."""

    audience = models.CharField(
        _("audience"),
        max_length=8,
        choices=Audience.choices,
        default=Audience.PUBLIC,
        db_index=True,
        help_text=_("Staff-only pages are invisible to customers everywhere: pages, lists, feeds."),
    )

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.audience == Audience.PUBLIC

    def serve(self, request, *args, **kwargs):
        from kb.permissions import can_view_audience

        if not can_view_audience(request.user, self.audience):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.is_public else []


class KnowledgeBaseIndexPage(RoutablePageMixin, Page):
    """The KB home: lists the top-level categories, popular and recently updated articles."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["community.HomePage"]
    subpage_types = ["kb.CategoryPage", "kb.ArticlePage", "kb.FAQPage"]
    max_count = 1
    template = "kb/knowledge_base_index_page.html"

    class Meta:
        verbose_name = _("knowledge base home")

    def get_context(self, request, *args, **kwargs):
        from kb.selectors import kb_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(kb_index_context(self, request.user))
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from kb.feeds import RecentArticlesFeed

        return RecentArticlesFeed(self)(request)


class CategoryPage(Page):
    """A topic of the KB; categories nest (Billing → Refunds)."""

    description = models.TextField(_("description"), blank=True, max_length=500)
    icon = models.CharField(_("icon"), max_length=16, choices=CATEGORY_ICONS, default="book")

    content_panels = Page.content_panels + [FieldPanel("description"), FieldPanel("icon")]
    search_fields = Page.search_fields + [index.SearchField("description")]
    parent_page_types = ["kb.KnowledgeBaseIndexPage", "kb.CategoryPage"]
    subpage_types = ["kb.CategoryPage", "kb.ArticlePage", "kb.FAQPage"]
    template = "kb/category_page.html"

    class Meta:
        verbose_name = _("KB category")
        verbose_name_plural = _("KB categories")

    def serve(self, request, *args, **kwargs):
        from kb.permissions import can_view_category

        if not can_view_category(request.user, self):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        from kb.permissions import categories_hidden_from_public

        # Like the page itself: a category holding only staff-only pages is not public.
        if self.path in categories_hidden_from_public(request):
            return []
        return super().get_sitemap_urls(request)

    @property
    def icon_symbol(self) -> str:
        return ICON_SYMBOLS.get(self.icon, ICON_SYMBOLS["book"])

    def get_context(self, request, *args, **kwargs):
        from kb.selectors import category_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(category_page_context(self, request.user))
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "kb.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(AudienceMixin, Page):
    """A KB article. ``owner`` (Wagtail's page owner) is the person responsible for it."""

    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown in lists.")
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("tags"))
    last_reviewed_at = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When someone last checked this article is still right."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("tags"),
                InlinePanel("related_links", label=_("Related articles")),
            ],
            heading=_("Related"),
        ),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("owner"), FieldPanel("last_reviewed_at")],
            heading=_("Audience and freshness"),
        )
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["kb.KnowledgeBaseIndexPage", "kb.CategoryPage"]
    subpage_types: list[str] = []
    template = "kb/article_page.html"

    class Meta:
        verbose_name = _("KB article")
        verbose_name_plural = _("KB articles")

    def get_context(self, request, *args, **kwargs):
        from kb.selectors import article_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(article_page_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):
            from kb.services import article_view_record
            from kb.viewers import viewer_key

            article_view_record(article=self, viewer=viewer_key(request))
        return response


class ArticleRelatedLink(Orderable):
    """An article the editor chose to show under "Related articles"."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        ArticlePage,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")


class FAQPage(AudienceMixin, Page):
    """Questions and answers on one page, each question linkable by its anchor."""

    intro = models.TextField(_("introduction"), blank=True)
    questions = StreamField(FAQBodyBlock(), verbose_name=_("questions"))
    last_reviewed_at = models.DateField(_("last reviewed"), null=True, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("questions")]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("owner"), FieldPanel("last_reviewed_at")],
            heading=_("Audience and freshness"),
        )
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("questions"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["kb.KnowledgeBaseIndexPage", "kb.CategoryPage"]
    subpage_types: list[str] = []
    template = "kb/faq_page.html"

    class Meta:
        verbose_name = _("FAQ page")
        verbose_name_plural = _("FAQ pages")

    def get_context(self, request, *args, **kwargs):
        from kb.selectors import faq_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(faq_page_context(self, request.user))
        return context


class ArticleFeedback(models.Model):
    """One "Was this helpful?" vote, per signed-in member or per anonymous session; changeable."""

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE
    )
    session_key = models.CharField(max_length=64, blank=True, default="")
    is_helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("article feedback")
        verbose_name_plural = _("article feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "user"],
                condition=Q(user__isnull=False),
                name="kb_feedback_one_per_member",
            ),
            models.UniqueConstraint(
                fields=["article", "session_key"],
                condition=Q(user__isnull=True),
                name="kb_feedback_one_per_session",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(session_key=""),
                name="kb_feedback_has_voter",
            ),
        ]
        indexes = [models.Index(fields=["article", "is_helpful"])]

    def __str__(self) -> str:
        return f"{self.article_id}: {'+' if self.is_helpful else '-'}"


class ArticleView(models.Model):
    """One viewer saw one article on one day (a hash, never the IP or the user id in clear).

    Rows of past days are folded into ``ArticleDailyViews`` by ``manage.py kb_rollup_views``.
    """

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    viewer = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "day", "viewer"], name="kb_view_once_a_day")
        ]


class ArticleDailyViews(models.Model):
    """How many distinct viewers saw an article on a day (aggregated, kept for reports)."""

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="daily_views")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("daily article views")
        verbose_name_plural = _("daily article views")
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="kb_daily_views_unique")
        ]
