"""URLs of site-wide search, mounted at /search/."""

from django.urls import path

from community.search import views

app_name = "search"
urlpatterns = [path("", views.search_page, name="search")]
