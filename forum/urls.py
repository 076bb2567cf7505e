"""URLs of the community forum, mounted at /community/."""

from django.urls import path

from forum import views

app_name = "forum"

urlpatterns = [
    path("", views.thread_index, name="index"),
    path("ask/", views.ask, name="ask"),
    path("preview/", views.preview, name="preview"),
    path("mentions/", views.mention_lookup, name="mention_lookup"),
    path("leaderboard/", views.leaderboard, name="leaderboard"),
    path("c/<str:slug>/", views.category_detail, name="category"),
    path("c/<str:slug>/follow/", views.category_follow, name="category_follow"),
    path("t/<int:pk>/", views.thread_detail, name="thread_short"),
    path("t/<int:pk>/<str:slug>/", views.thread_detail, name="thread"),
    path("t/<int:pk>/-/answer/", views.answer_post, name="answer"),
    path("t/<int:pk>/-/follow/", views.thread_follow, name="follow"),
    path("t/<int:pk>/-/unaccept/", views.unaccept, name="unaccept"),
    path("p/<int:pk>/", views.post_redirect, name="post"),
    path("p/<int:pk>/vote/", views.vote, name="vote"),
    path("p/<int:pk>/accept/", views.accept, name="accept"),
    path("p/<int:pk>/comment/", views.comment_post, name="comment"),
    path("p/<int:pk>/edit/", views.post_edit, name="edit"),
]
