"""URLs of the support desk."""

app_name = "escalation"
urlpatterns: list = []
