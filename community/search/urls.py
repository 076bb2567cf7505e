"""URLs of site-wide search, mounted at /search/."""

from django.urls import path

from community.search import views

app_name = "search"
urlpatterns = [
    path("", views.search_page, name="search"),
    path("suggest/", views.typeahead, name="typeahead"),
    path("similar/", views.similar, name="similar"),
    path("go/<str:token>/", views.click, name="click"),
    path("deflections/", views.deflections, name="deflections"),
    path("report/", views.report, name="report"),
]
