"""Wagtail permission policies that ask ``community.roles`` instead of per-model permissions."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from wagtail.permission_policies.base import BasePermissionPolicy

# Every action a back-office ModelViewSet asks for.
ALL_ACTIONS = frozenset({"add", "change", "delete", "view", "inspect", "export", "copy"})


class RolePermissionPolicy(BasePermissionPolicy):
    """Grants ``actions`` on a model to users for whom ``check(user)`` is true (a roles function)."""

    def __init__(self, model, *, check: Callable, actions: Iterable[str] = ("view",)):
        super().__init__(model)
        self.check = check
        self.actions = set(actions)

    def user_has_permission(self, user, action) -> bool:
        return action in self.actions and bool(self.check(user))

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        allowed = [user.pk for user in users if self.user_has_any_permission(user, actions)]
        return get_user_model().objects.filter(pk__in=allowed)

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])
