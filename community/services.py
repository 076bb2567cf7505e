"""Writes for members: joining, roles, profile settings."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction

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


def member_for_email(*, email: str, name: str = "") -> User:
    """The account of the person with this address, created for them when they have none.

    Used when someone who never signed up writes to the support desk by email: they get a
    member account without a password (they can set one with "Forgot password?" later) and an
    unverified address, and their name from the email's From header as display name, unless it
    looks like an address (the email address is never shown to others).
    """
    from allauth.account.models import EmailAddress

    address = email.strip().lower()
    existing = User.objects.filter(email__iexact=address).order_by("pk").first()
    if existing is not None:
        return existing
    display_name = " ".join(name.split())[:80]
    if "@" in display_name:
        display_name = ""
    digest = hashlib.blake2b(address.encode("utf-8"), digest_size=8).hexdigest()
    try:
        with transaction.atomic():
            user = User(username=f"mail-{digest}", email=address, display_name=display_name)
            user.set_unusable_password()
            user.save()
            EmailAddress.objects.create(user=user, email=address, primary=True, verified=False)
            member_join(user=user)
    except IntegrityError:  # the same new person's second email, at the same moment
        return User.objects.get(username=f"mail-{digest}")
    return user


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
