"""Desk settings: Django settings give the defaults, the admin-edited EscalationSettings row wins."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class DeskConfig:
    asker_min_wait_hours: int
    auto_close_solved_days: int
    default_group_id: int | None
    sweep_enabled: bool


def desk_config() -> DeskConfig:
    """The effective desk settings (one query)."""
    from escalation.models import EscalationSettings

    row = EscalationSettings.objects.order_by("pk").first()
    if row is None:
        return DeskConfig(
            asker_min_wait_hours=settings.ESCALATION_ASKER_MIN_WAIT_HOURS,
            auto_close_solved_days=settings.SUPPORT_AUTO_CLOSE_DAYS,
            default_group_id=None,
            sweep_enabled=True,
        )
    return DeskConfig(
        asker_min_wait_hours=row.asker_min_wait_hours,
        auto_close_solved_days=row.auto_close_solved_days,
        default_group_id=row.default_group_id,
        sweep_enabled=row.sweep_enabled,
    )
