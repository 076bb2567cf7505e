"""URLs of the community forum."""

app_name = "forum"
urlpatterns: list = []
