"""allauth adapter: sign-up fills the display name and puts the new user in the Member role."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from community import services


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.display_name = form.cleaned_data.get("display_name", "") or user.display_name
        if commit:
            user.save()
            services.member_join(user=user)
        return user

    def get_from_email(self) -> str:
        return settings.DEFAULT_FROM_EMAIL
