"""Index writes the search cluster missed while it was down, kept until it answers again.

A failed write leaves one row per object (``PendingIndexUpdate``), in the same transaction as the
edit. The next write that reaches the cluster enqueues the background task ``catch_up``, which replays
them outside the web request that made the write; ``manage.py search_catch_up`` does the same on
demand. A replay reads each object as it is now: present → indexed, gone → removed.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django_tasks import task
from modelsearch.index import get_indexed_instance

from records.background import BACKGROUND, already_queued

from .backends.configured import cluster_backend
from .models import PendingIndexUpdate

log = logging.getLogger("search.cluster")
BATCH = 500
_replaying = False


def remember(objs):
    for obj in objs:
        PendingIndexUpdate.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
    log.warning("search cluster unavailable: %d index write(s) kept for later", len(objs))


def pending():
    return PendingIndexUpdate.objects.count()


def replay_soon(backend):
    """Once the cluster has just taken a write: have what is pending replayed in the background (one
    queued ``catch_up`` at a time); never fails the caller."""
    if _replaying or not PendingIndexUpdate.objects.exists():
        return
    if not already_queued(catch_up):
        catch_up.enqueue()


@task(backend=BACKGROUND)
def catch_up():
    """Replay what is pending into the configured cluster. Returns how many writes were replayed."""
    global _replaying
    backend = cluster_backend()
    if backend is None or _replaying:
        return 0
    _replaying = True
    try:
        return replay(backend)
    except backend.unavailable:
        log.warning("search cluster still unavailable; %d index write(s) wait", pending())
        return 0
    finally:
        _replaying = False


def replay(backend):
    """Bring the cluster up to date with every pending object. Returns how many were replayed."""
    done = 0
    while rows := list(PendingIndexUpdate.objects.select_related("content_type").order_by("pk")[:BATCH]):
        for row in rows:
            model = row.content_type.model_class()
            if model is not None:
                obj = model._default_manager.filter(pk=row.object_id).first()
                indexed = get_indexed_instance(obj) if obj is not None else None
                index = backend.get_index_for_model(model)
                if indexed is not None:
                    index.add_item(indexed)
                else:
                    index.delete_item(model(pk=row.object_id))
            row.delete()
            done += 1
    if done:
        log.info("search cluster caught up: %d index write(s) replayed", done)
    return done
