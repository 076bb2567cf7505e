"""Back-office screens for the desk: groups, SLA policies, business hours, macros, settings,
per-category escalation rules and the record of inbound email."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from community.models import User
from community.roles import is_agent, is_site_admin
from escalation.models import (
    BusinessHours,
    EscalationSettings,
    InboundEmail,
    Macro,
    SlaPolicy,
    SupportGroup,
)
from forum.models import Category


class RolePermissionPolicy(BasePermissionPolicy):
    """Back-office access by our roles (not Django model permissions)."""

    def __init__(self, model, check, codename: str):
        super().__init__(model)
        self.check = check
        self.codename = codename

    def user_has_permission(self, user, action):
        return self.check(user)

    def user_has_any_permission(self, user, actions):
        return self.check(user)

    def users_with_any_permission(self, actions):
        return User.objects.filter(
            pk__in=[u.pk for u in User.objects.filter(is_active=True) if self.check(u)]
        )


class LimitedActionsPolicy(RolePermissionPolicy):
    """A role check limited to some actions (e.g. view only, or change but never add/delete)."""

    def __init__(self, model, check, codename: str, actions: set[str]):
        super().__init__(model, check, codename)
        self.actions = actions

    def user_has_permission(self, user, action):
        return action in self.actions and self.check(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class SingleRowPolicy(RolePermissionPolicy):
    """Escalation settings are one row: "add" only while there is none."""

    def user_has_permission(self, user, action):
        if action == "add" and EscalationSettings.objects.exists():
            return False
        return self.check(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


# Admins configure the desk; agents may also maintain their macros.
register_permission_policy(
    SupportGroup, RolePermissionPolicy(SupportGroup, is_site_admin, "manage_site")
)
register_permission_policy(SlaPolicy, RolePermissionPolicy(SlaPolicy, is_site_admin, "manage_site"))
register_permission_policy(
    BusinessHours, RolePermissionPolicy(BusinessHours, is_site_admin, "manage_site")
)
register_permission_policy(
    EscalationSettings, SingleRowPolicy(EscalationSettings, is_site_admin, "manage_site")
)
register_permission_policy(Macro, RolePermissionPolicy(Macro, is_agent, "work_tickets"))
# Inbound email is a read-only record for agents (what arrived, and why it was refused).
register_permission_policy(
    InboundEmail, LimitedActionsPolicy(InboundEmail, is_agent, "work_tickets", {"view"})
)
# Forum categories are created by the forum; here admins only edit their escalation rules.
register_permission_policy(
    Category, LimitedActionsPolicy(Category, is_site_admin, "manage_site", {"change", "view"})
)


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
