"""Member pages: public profile, own profile redirect, settings; and the site's error pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from community import roles, selectors, services
from community.forms import ProfileSettingsForm


def profile_detail(request, user_id: int):
    member = selectors.member_for_profile(user_id)
    context = {
        "member": member,
        "profile": member.profile,
        "member_roles": roles.role_names(member),
        "is_own_profile": request.user == member,
    }
    context.update(selectors.profile_activity(member, request.user))
    return render(request, "community/profile_detail.html", context)


@login_required
def profile_me(request):
    return redirect("members:profile", user_id=request.user.pk)


@login_required
@require_http_methods(["GET", "POST"])
def profile_settings(request):
    user = request.user
    initial = {
        "display_name": user.display_name,
        "bio": user.profile.bio,
        "email_notifications": user.profile.email_notifications,
    }
    form = ProfileSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=user, **form.cleaned_data)
        messages.success(request, _("Your settings were saved."))
        return redirect("members:settings")
    return render(request, "community/profile_settings.html", {"form": form})


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_500(request):
    # Rendered without a request context: the template must not need the database.
    return render(request, "500.html", status=500)
