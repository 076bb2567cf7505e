"""Member pages: public profile, own profile redirect, settings; and the site's error pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from community import notifications, roles, selectors, services
from community.forms import ProfileSettingsForm
from community.sanitizer import render_markdown


def profile_detail(request, user_id: int):
    member = selectors.member_for_profile(user_id)
    context = {
        "member": member,
        "profile": member.profile,
        # Markdown, rendered like every other user-written text: through the sanitizer only.
        "bio_html": render_markdown(member.profile.bio) if member.profile.bio else "",
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


@login_required
def notification_list(request):
    page = selectors.notifications_page(request.user, request.GET.get("page"))
    return render(request, "community/notifications.html", {"page_obj": page})


@login_required
@require_http_methods(["POST"])
def notifications_read(request):
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()] or None
    notifications.notifications_mark_read(user=request.user, ids=ids)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("members:notifications")


@csrf_exempt  # RFC 8058 one-click: mail clients POST without our CSRF cookie; the token is the proof.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    user = notifications.user_for_unsubscribe_token(token)
    if user is None:
        return render(request, "community/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        notifications.notifications_unsubscribe(user=user)
        return render(request, "community/unsubscribe.html", {"done": True})
    return render(request, "community/unsubscribe.html", {"token": token})
