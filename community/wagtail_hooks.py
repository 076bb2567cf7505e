"""Back-office wiring for members: the outgoing email log (failed emails are visible and retried)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from community import roles
from community.models import OutboundEmail
from community.wagtail_permissions import RolePermissionPolicy


class OutboundEmailViewSet(ModelViewSet):
    model = OutboundEmail
    icon = "mail"
    menu_label = _("Email log")
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["subject", "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["subject"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "kind", "to", "subject", "status", "attempts", "last_error", "created_at",
        "next_attempt_at", "sent_at", "body_text",
    ]  # fmt: skip
    form_fields = ["status"]


register_permission_policy(
    OutboundEmail,
    RolePermissionPolicy(OutboundEmail, check=roles.is_site_admin, actions={"view", "inspect"}),
)


@hooks.register("register_admin_viewset")
def register_outbound_email_viewset():
    return OutboundEmailViewSet("outbound_email")
