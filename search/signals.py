from django.db.models.signals import post_delete, post_save, pre_delete
from modelsearch.index import remove_object
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.signals import page_published, page_unpublished

from records.deferral import defer
from records.registry import record_types, type_for, type_of
from records.signals import record_changed, records_changed

from .indexing import add_in_bulk, remove_page, sync_page, sync_pages
from .models import SearchEntry


def _resync(sender, instance, **kwargs):
    if not defer(instance.pk, follow_links=True):
        sync_page(instance)


def _remove(sender, instance, **kwargs):
    remove_page(instance)


def _unindex(sender, instance, **kwargs):
    remove_object(instance)


def _changed(sender, page, **kwargs):
    if not defer(page.pk):
        sync_page(page, follow_links=False)


def _index_record(sender, instance, **kwargs):
    """modelsearch's own index of a record page, document or image: once per bulk import rather than at
    each of its saves."""
    if kwargs.get("raw") or not defer(instance.pk, model=sender):
        post_save_signal_handler(instance, **kwargs)


def _bulk_changed(sender, pages, models, **kwargs):
    for model, ids in models.items():
        rows = model.objects.filter(pk__in=ids)
        if type_for(model) is not None:
            rows = rows.select_related("province", "municipality").prefetch_related("topics")
        else:  # an attachment: what its index holds besides its own fields
            rows = rows.select_related("collection").prefetch_related("tags")
        add_in_bulk(model, list(rows))
    if pages:
        sync_pages(pages)


def connect():
    post_delete.connect(_unindex, sender=SearchEntry, dispatch_uid="search-entry-unindex")
    record_changed.connect(_changed, dispatch_uid="search-record-changed")
    records_changed.connect(_bulk_changed, dispatch_uid="search-records-changed")
    for record_type in record_types():
        model = record_type.model
        page_published.connect(_resync, sender=model, dispatch_uid=f"search-publish-{model.__name__}")
        page_unpublished.connect(_remove, sender=model, dispatch_uid=f"search-unpublish-{model.__name__}")
        pre_delete.connect(_note_affected, sender=model, dispatch_uid=f"search-predelete-{model.__name__}")
        post_delete.connect(_refresh_affected, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
        _index_deferred(model)
    for model in (get_document_model(), get_image_model()):  # stored by the import, in its transactions too
        _index_deferred(model)


def _index_deferred(model):
    """modelsearch indexes ``model`` by ``_index_record``, which a bulk import defers."""
    if post_save.disconnect(post_save_signal_handler, sender=model):
        post_save.connect(_index_record, sender=model, dispatch_uid=f"search-index-{model.__name__}")


def _note_affected(sender, instance, **kwargs):
    record_type = type_of(instance)
    affected = record_type.affected_by(instance) if record_type.affected_by else []
    instance._affected_records = [record for record in affected if record.pk != instance.pk]


def _refresh_affected(sender, instance, **kwargs):
    """A deleted meeting's follow-ups no longer count for the resolutions it reviewed."""
    for record in getattr(instance, "_affected_records", []):
        sync_page(record, follow_links=False)
