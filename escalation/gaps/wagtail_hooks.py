"""Wagtail back-office wiring: a dashboard panel with top gaps and cues, and a menu item."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from escalation.gaps.permissions import can_view_gaps


class GapsPanel(Component):
    name = "kb_gaps"
    order = 150
    template_name = "gaps/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        from escalation.gaps.selectors import dashboard_panel_context

        return dashboard_panel_context()


@hooks.register("construct_homepage_panels")
def add_gaps_panel(request, panels) -> None:
    if can_view_gaps(request.user):
        panels.append(GapsPanel())


class GapsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_view_gaps(request.user)


@hooks.register("register_admin_menu_item")
def register_gaps_menu_item():
    return GapsMenuItem(_("KB gaps"), reverse("gaps:list"), icon_name="warning", order=450)
