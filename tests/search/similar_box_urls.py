"""URLs for browser tests: the site's URLs plus a bare new-question form with the similar box."""

from django.http import HttpResponse
from django.template import RequestContext, Template
from django.urls import path

from community.urls import urlpatterns as site_urlpatterns

PAGE = Template(
    """{% extends "base.html" %}{% block title %}Ask{% endblock %}{% block content %}
<h1>Ask</h1>
<form method="post" action="/search/">{% csrf_token %}
  <label for="id_title">Title</label><input id="id_title" name="title">
  <label for="id_body">Body</label><textarea id="id_body" name="body"></textarea>
  <button type="submit">Post</button>
</form>
{% include "search/_similar_box.html" %}
{% endblock %}"""
)


def ask_page(request):
    return HttpResponse(PAGE.render(RequestContext(request, {})))


urlpatterns = [path("test-ask/", ask_page), *site_urlpatterns]
