"""Back-office screens for the desk: groups, SLA policies, business hours, macros, settings,
per-category escalation rules and the record of inbound email."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from community.roles import is_agent, is_site_admin
from community.wagtail_permissions import ALL_ACTIONS, RolePermissionPolicy
from escalation.models import (
    BusinessHours,
    EscalationSettings,
    InboundEmail,
    Macro,
    SlaPolicy,
    SupportGroup,
)
from forum.models import Category


class SingleRowPolicy(RolePermissionPolicy):
    """Escalation settings are one row: "add" only while there is none."""

    def user_has_permission(self, user, action) -> bool:
        if action == "add" and EscalationSettings.objects.exists():
            return False
        return super().user_has_permission(user, action)


def _policy(model, check, actions=ALL_ACTIONS, policy=RolePermissionPolicy):
    register_permission_policy(model, policy(model, check=check, actions=actions))


# Admins configure the desk; agents may also maintain their macros.
_policy(SupportGroup, is_site_admin)
_policy(SlaPolicy, is_site_admin)
_policy(BusinessHours, is_site_admin)
_policy(EscalationSettings, is_site_admin, policy=SingleRowPolicy)
_policy(Macro, is_agent)
# Inbound email is a read-only record for agents (what arrived, and why it was refused).
_policy(InboundEmail, is_agent, actions={"view", "inspect"})
# Forum categories are created by the forum; here admins only edit their escalation rules.
_policy(Category, is_site_admin, actions={"change", "view"})


class SupportGroupViewSet(ModelViewSet):
    model = SupportGroup
    icon = "group"
    menu_label = _("Groups")
    form_fields = ["name", "description", "agents", "assignment_mode"]
    list_display = ["name", "assignment_mode"]
    search_fields = ["name"]


class SlaPolicyViewSet(ModelViewSet):
    model = SlaPolicy
    icon = "time"
    menu_label = _("SLA policies")
    form_fields = [
        "priority",
        "first_response_hours",
        "resolution_hours",
        "business_hours",
        "is_active",
    ]
    list_display = [
        "priority",
        "first_response_hours",
        "resolution_hours",
        "business_hours",
        "is_active",
    ]


class BusinessHoursViewSet(ModelViewSet):
    model = BusinessHours
    icon = "date"
    menu_label = _("Business hours")
    form_fields = ["name", "timezone", "working_days", "start_time", "end_time"]
    list_display = ["name", "timezone", "start_time", "end_time"]


class MacroViewSet(ModelViewSet):
    model = Macro
    icon = "openquote"
    menu_label = _("Macros")
    form_fields = ["title", "body", "set_status", "is_active", "position"]
    list_display = ["title", "set_status", "is_active"]
    search_fields = ["title", "body"]


class EscalationSettingsViewSet(ModelViewSet):
    model = EscalationSettings
    icon = "cog"
    menu_label = _("Escalation settings")
    form_fields = [
        "asker_min_wait_hours",
        "auto_close_solved_days",
        "default_group",
        "sweep_enabled",
    ]
    list_display = ["__str__", "asker_min_wait_hours", "auto_close_solved_days", "sweep_enabled"]


class CategoryEscalationViewSet(ModelViewSet):
    """Per forum category: escalate at all, and after how many hours (N and M of the sweep)."""

    model = Category
    icon = "time"
    menu_label = _("Escalation per category")
    url_prefix = "support-desk/category-escalation"
    form_fields = [
        "escalation_enabled",
        "escalate_unanswered_after_hours",
        "escalate_unaccepted_after_hours",
    ]
    list_display = [
        "name",
        "escalation_enabled",
        "escalate_unanswered_after_hours",
        "escalate_unaccepted_after_hours",
    ]
    search_fields = ["name"]
    copy_view_enabled = False


class InboundEmailViewSet(ModelViewSet):
    """Every email received, refused ones with the reason (read-only)."""

    model = InboundEmail
    icon = "mail"
    menu_label = _("Inbound email")
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]
    list_display = ["received_at", "status", "from_address", "subject", "ticket"]
    list_filter = ["status"]
    search_fields = ["from_address", "subject", "reason"]
    inspect_view_fields = [
        "received_at",
        "status",
        "reason",
        "from_address",
        "to_addresses",
        "subject",
        "message_id",
        "size",
        "ticket",
        "body_text",
    ]


class SupportDeskViewSetGroup(ViewSetGroup):
    menu_label = _("Support desk")
    menu_icon = "help"
    items = (
        SupportGroupViewSet("support_groups"),
        SlaPolicyViewSet("sla_policies"),
        BusinessHoursViewSet("business_hours"),
        MacroViewSet("macros"),
        EscalationSettingsViewSet("escalation_settings"),
        CategoryEscalationViewSet("category_escalation"),
        InboundEmailViewSet("inbound_emails"),
    )


@hooks.register("register_admin_viewset")
def register_support_desk_viewsets():
    return SupportDeskViewSetGroup()
