"""Models of the knowledge base: Wagtail page types."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class KnowledgeBaseIndexPage(Page):
    """The KB home: lists the top-level categories."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["community.HomePage"]
    max_count = 1
    template = "kb/knowledge_base_index_page.html"

    class Meta:
        verbose_name = _("knowledge base home")
