"""Background entry points of the knowledge base."""

from __future__ import annotations

from django_tasks import task

from kb import services


@task()
def rollup_views() -> int:
    """Fold past days' per-viewer view rows into daily totals (see ``kb_rollup_views``)."""
    return services.views_rollup()
