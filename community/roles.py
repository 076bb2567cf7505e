"""The one place that answers role questions; views, templates (via the ``roles`` tags) and APIs ask here."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class Role:
    """Names of the groups created by ``community/migrations/0002_roles.py``."""

    MEMBER = "Member"
    TRUSTED = "Trusted member"
    MODERATOR = "Moderator"
    AGENT = "Agent"
    KB_EDITOR = "KB editor"
    ADMIN = "Admin"


ROLE_LABELS = {
    Role.MEMBER: _("Member"),
    Role.TRUSTED: _("Trusted member"),
    Role.MODERATOR: _("Moderator"),
    Role.AGENT: _("Agent"),
    Role.KB_EDITOR: _("KB editor"),
    Role.ADMIN: _("Admin"),
}

# Which permissions each role's group holds (app_label.codename).
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.MEMBER: [],
    Role.TRUSTED: ["community.trusted_actions"],
    Role.MODERATOR: [
        "community.trusted_actions",
        "community.moderate",
        "community.view_staff_content",
        "wagtailadmin.access_admin",
    ],
    Role.AGENT: [
        "community.work_tickets",
        "community.view_staff_content",
        "wagtailadmin.access_admin",
    ],
    Role.KB_EDITOR: [
        "community.edit_kb",
        "community.view_staff_content",
        "wagtailadmin.access_admin",
    ],
    Role.ADMIN: [
        "community.trusted_actions",
        "community.moderate",
        "community.work_tickets",
        "community.edit_kb",
        "community.view_staff_content",
        "community.manage_site",
        "wagtailadmin.access_admin",
    ],
}

# Reputation that makes a member trusted (Stack Overflow-style trust level).
TRUSTED_REPUTATION = 200


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_member(user) -> bool:
    """Signed in with an active account."""
    return _active(user)


def is_trusted(user) -> bool:
    """Trusted members may edit others' posts and retag: by role or by reputation."""
    if not _active(user):
        return False
    if user.has_perm("community.trusted_actions"):
        return True
    profile = getattr(user, "profile", None)
    return bool(profile is not None and profile.reputation >= TRUSTED_REPUTATION)


def can_moderate(user) -> bool:
    """Moderators and admins act on flags, hide, lock, move and suspend."""
    return _active(user) and user.has_perm("community.moderate")


def is_agent(user) -> bool:
    """Agents (and admins) work support tickets."""
    return _active(user) and user.has_perm("community.work_tickets")


def is_kb_editor(user) -> bool:
    """KB editors (and admins) write and publish knowledge base articles."""
    return _active(user) and user.has_perm("community.edit_kb")


def is_site_admin(user) -> bool:
    """Admins configure the help center."""
    return _active(user) and user.has_perm("community.manage_site")


def is_staff_member(user) -> bool:
    """Any staff role: sees staff-only articles, internal notes and hidden posts."""
    return _active(user) and user.has_perm("community.view_staff_content")


def role_names(user) -> list[str]:
    """Display labels of the roles a user holds, strongest first."""
    if not _active(user):
        return []
    held = set(user.groups.values_list("name", flat=True))
    if user.is_superuser:
        held.add(Role.ADMIN)
    order = [Role.ADMIN, Role.MODERATOR, Role.AGENT, Role.KB_EDITOR, Role.TRUSTED, Role.MEMBER]
    return [str(ROLE_LABELS[name]) for name in order if name in held]
