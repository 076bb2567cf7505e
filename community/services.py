"""Writes for members: joining, roles, profile settings."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from community.models import Profile, User
from community.roles import ROLE_PERMISSIONS, Role


def role_groups_ensure() -> dict[str, Group]:
    """Create any missing role group with its permissions (the migration does it once; a flushed
    test database or a hand-edited site may have lost them)."""
    from django.contrib.auth.models import Permission

    groups = {}
    for name, perms in ROLE_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            for dotted in perms:
                app_label, codename = dotted.split(".")
                permission = Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).first()
                if permission is not None:
                    group.permissions.add(permission)
        groups[name] = group
    return groups


def member_join(*, user: User) -> None:
    """Give a newly registered user the Member role."""
    group, _ = Group.objects.get_or_create(name=Role.MEMBER)
    user.groups.add(group)


def role_grant(*, user: User, role: str) -> None:
    """Add a role (a group name from ``community.roles.Role``) to a user."""
    group = Group.objects.get(name=role)
    user.groups.add(group)


def role_revoke(*, user: User, role: str) -> None:
    user.groups.remove(*Group.objects.filter(name=role))


@transaction.atomic
def profile_update(*, user: User, display_name: str, bio: str, email_notifications: str) -> Profile:
    """Save the settings page: public name, bio and notification preference."""
    user.display_name = display_name
    user.full_clean(exclude=["password", "username"])
    user.save(update_fields=["display_name"])
    profile, _ = Profile.objects.get_or_create(user=user)
    profile.bio = bio
    profile.email_notifications = email_notifications
    profile.full_clean()
    profile.save(update_fields=["bio", "email_notifications"])
    return profile
