"""App configuration for KB gap detection."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GapsConfig(AppConfig):
    name = "escalation.gaps"
    label = "gaps"
    verbose_name = _("KB gaps")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from escalation.gaps import signals

        signals.connect()
