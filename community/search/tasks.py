"""Background entry points of search: keep one object's index entry in step with the database."""

from __future__ import annotations

from django_tasks import task

from community.search import services


@task()
def index_object(model_label: str, pk: str) -> str:
    """Update (or remove, when gone or no longer indexable) one object in the search index."""
    return services.index_object_sync(model_label=model_label, pk=pk)
