"""Back office wiring: a "Moderation queue" item in the Wagtail admin menu, for moderators."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from community import roles


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_queue_menu_item():
    return ModeratorMenuItem(
        _("Moderation queue"),
        reverse("moderation:queue"),
        name="moderation-queue",
        icon_name="warning",
        order=250,
    )


@hooks.register("register_admin_menu_item")
def register_moderation_log_menu_item():
    return ModeratorMenuItem(
        _("Moderation log"),
        reverse("moderation:log"),
        name="moderation-log",
        icon_name="history",
        order=251,
    )
