"""URLs of member pages, mounted at /members/."""

from django.urls import path

from community import views

app_name = "members"

urlpatterns = [
    path("me/", views.profile_me, name="me"),
    path("settings/", views.profile_settings, name="settings"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<int:user_id>/", views.profile_detail, name="profile"),
]
