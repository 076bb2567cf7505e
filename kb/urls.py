"""URLs of the knowledge base outside the Wagtail page tree (mounted at /kb-tools/)."""

from django.urls import path

from kb import views

app_name = "kb"
urlpatterns = [
    path("articles/<int:article_id>/feedback/", views.article_feedback, name="feedback"),
    path("health/", views.health_report, name="health"),
]
