"""Back-office wiring of the KB: health report menu item, dashboard panel, editorial setup."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from kb import permissions, selectors, services
from kb.models import KnowledgeBaseIndexPage

DASHBOARD_ROWS = 5


class HealthReportMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_see_health_report(request.user)


@hooks.register("register_admin_menu_item")
def register_health_report_menu_item():
    return HealthReportMenuItem(
        _("KB health"),
        reverse("kb:health"),
        name="kb-health",
        icon_name="pick",
        order=350,
    )


class KnowledgeBaseHealthPanel(Component):
    name = "kb_health"
    order = 150
    template_name = "kb/admin/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        return {
            "due_for_review": selectors.articles_due_for_review(limit=DASHBOARD_ROWS),
            "least_helpful": selectors.least_helpful_articles(limit=DASHBOARD_ROWS),
            "review_days": selectors.settings.KB_REVIEW_DAYS,
        }


@hooks.register("construct_homepage_panels")
def add_kb_health_panel(request, panels):
    if permissions.can_see_health_report(request.user):
        panels.append(KnowledgeBaseHealthPanel())


@hooks.register("after_create_page")
def set_up_editing_of_new_kb(request, page):
    """A KB home created in the admin gets the editor permissions and the review workflow."""
    if isinstance(page.specific, KnowledgeBaseIndexPage):
        services.kb_editorial_setup(kb_home=page.specific)
