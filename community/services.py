"""Writes for members: joining, roles, profile settings."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from community.models import Profile, User
from community.roles import Role


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
