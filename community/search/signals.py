"""Keep the search index fresh: model changes enqueue a background re-index after commit.

``QueuedSignalProcessor`` (``HAYSTACK_SIGNAL_PROCESSOR``) listens to saves and deletes of
indexed models and of the rows they are built from (a post changes its thread), collects
the affected objects per transaction and, once the transaction commits, enqueues one
``community.search.tasks.index_object`` task per object. With the immediate task backend
(dev, tests) the index is updated at commit; with ``TASKS_BACKEND=database`` a worker does
it and the request does not wait for the search backend.
"""

from __future__ import annotations

import logging

from django.db import models, transaction
from haystack.exceptions import NotHandled
from haystack.signals import BaseSignalProcessor

logger = logging.getLogger(__name__)

# Rows that are not indexed themselves but feed an indexed object: label -> (target, fk attr).
DEPENDENCIES = {
    "forum.post": ("forum.thread", "thread_id"),
    "forum.threadtag": ("forum.thread", "content_object_id"),
    "kb.articlepagetag": ("kb.articlepage", "content_object_id"),
}


def _label(model) -> str:
    return model._meta.label_lower


class _Enqueue:
    """An on-commit callback that enqueues one re-index; comparable so repeats are skipped."""

    def __init__(self, label: str, pk: str):
        self.key = (label, pk)

    def __call__(self) -> None:
        from community.search.tasks import index_object

        try:
            index_object.enqueue(*self.key)
        except Exception:  # the search index must never break a write
            logger.exception("could not enqueue search update for %s %s", *self.key)


def schedule(label: str, pk) -> None:
    """Re-index ``label``/``pk`` once the current transaction commits (once per transaction)."""
    callback = _Enqueue(label, str(pk))
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        # Django drops the callbacks of rolled-back savepoints itself, so looking at the
        # pending list is both a deduplication and safe after a rollback.
        for _sids, func, _robust in connection.run_on_commit:
            if isinstance(func, _Enqueue) and func.key == callback.key:
                return
    transaction.on_commit(callback)


class QueuedSignalProcessor(BaseSignalProcessor):
    """Haystack signal processor that defers index updates to a django-tasks task."""

    def setup(self):
        models.signals.post_save.connect(self.handle_save)
        models.signals.post_delete.connect(self.handle_delete)

    def teardown(self):
        models.signals.post_save.disconnect(self.handle_save)
        models.signals.post_delete.disconnect(self.handle_delete)

    def _target(self, sender, instance) -> tuple[str, object] | None:
        label = _label(sender)
        if label in DEPENDENCIES:
            target, attr = DEPENDENCIES[label]
            pk = getattr(instance, attr, None)
            return (target, pk) if pk else None
        model = sender
        specific = getattr(instance, "specific_class", None)
        if specific is not None and specific is not sender:
            model = specific  # a Wagtail Page saved through its base class
        try:
            self.connections["default"].get_unified_index().get_index(model)
        except NotHandled:
            return None
        return _label(model), instance.pk

    def handle_save(self, sender, instance, **kwargs):
        target = self._target(sender, instance)
        if target:
            schedule(*target)

    def handle_delete(self, sender, instance, **kwargs):
        self.handle_save(sender, instance, **kwargs)
