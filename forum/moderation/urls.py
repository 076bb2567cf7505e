"""URLs of forum moderation, mounted at /community/moderation/."""

from django.urls import path

from forum.moderation import views

app_name = "moderation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("log/", views.audit_log, name="log"),
    path("posts/<int:pk>/flag/", views.flag_post, name="flag"),
    path("posts/<int:pk>/edit/", views.edit_post, name="edit"),
    path("posts/<int:pk>/history/", views.post_history, name="history"),
    path("posts/<int:pk>/<slug:action>/", views.post_action, name="post_action"),
    path("comments/<int:pk>/<slug:action>/", views.comment_action, name="comment_action"),
    path("threads/<int:pk>/manage/", views.manage_thread, name="manage_thread"),
    path("threads/<int:pk>/move/", views.move_thread, name="move"),
    path("threads/<int:pk>/duplicate/", views.close_duplicate, name="duplicate"),
    path("threads/<int:pk>/<slug:action>/", views.thread_action, name="thread_action"),
    path("members/<int:pk>/suspend/", views.suspend_member, name="suspend"),
    path("suspensions/<int:pk>/lift/", views.lift_suspension, name="lift"),
]
