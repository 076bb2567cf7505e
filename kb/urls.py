"""URLs of the knowledge base."""

app_name = "kb"
urlpatterns: list = []
