from django.db.models.signals import post_delete, pre_delete
from modelsearch.index import remove_object
from wagtail.signals import page_published, page_unpublished

from records.registry import record_types, type_of
from records.signals import record_changed

from .indexing import remove_page, sync_page
from .models import SearchEntry


def _resync(sender, instance, **kwargs):
    sync_page(instance)


def _remove(sender, instance, **kwargs):
    remove_page(instance)


def _unindex(sender, instance, **kwargs):
    remove_object(instance)


def _changed(sender, page, **kwargs):
    sync_page(page, follow_links=False)


def connect():
    post_delete.connect(_unindex, sender=SearchEntry, dispatch_uid="search-entry-unindex")
    record_changed.connect(_changed, dispatch_uid="search-record-changed")
    for record_type in record_types():
        model = record_type.model
        page_published.connect(_resync, sender=model, dispatch_uid=f"search-publish-{model.__name__}")
        page_unpublished.connect(_remove, sender=model, dispatch_uid=f"search-unpublish-{model.__name__}")
        pre_delete.connect(_note_affected, sender=model, dispatch_uid=f"search-predelete-{model.__name__}")
        post_delete.connect(_refresh_affected, sender=model, dispatch_uid=f"search-delete-{model.__name__}")


def _note_affected(sender, instance, **kwargs):
    record_type = type_of(instance)
    affected = record_type.affected_by(instance) if record_type.affected_by else []
    instance._affected_records = [record for record in affected if record.pk != instance.pk]


def _refresh_affected(sender, instance, **kwargs):
    """A deleted meeting's follow-ups no longer count for the resolutions it reviewed."""
    for record in getattr(instance, "_affected_records", []):
        sync_page(record, follow_links=False)
