"""URLs of the KB gap pages (mounted at /support/gaps/)."""

from django.urls import path

from escalation.gaps import views

app_name = "gaps"

urlpatterns = [
    path("", views.gap_list, name="list"),
    path("run/", views.run_now, name="run"),
    path("<int:gap_id>/", views.gap_detail, name="detail"),
    path("<int:gap_id>/plan/", views.plan, name="plan"),
    path("<int:gap_id>/dismiss/", views.dismiss, name="dismiss"),
    path("<int:gap_id>/reopen/", views.reopen, name="reopen"),
    path("<int:gap_id>/draft/", views.create_draft, name="draft"),
]
