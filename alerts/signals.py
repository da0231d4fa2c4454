from wagtail.signals import page_published

from records.registry import record_types
from records.signals import record_changed, records_changed

from .changes import match_after_flush, note_change


def _published(sender, instance, **kwargs):
    note_change(instance)


def _changed(sender, page, **kwargs):
    note_change(page)


def _flushed(sender, pages, **kwargs):
    match_after_flush(pages)


def connect():
    # Connected after the search app's handlers (INSTALLED_APPS order), so the entries are written first.
    record_changed.connect(_changed, dispatch_uid="alerts-record-changed")
    records_changed.connect(_flushed, dispatch_uid="alerts-records-changed")
    for record_type in record_types():
        model = record_type.model
        page_published.connect(_published, sender=model, dispatch_uid=f"alerts-publish-{model.__name__}")
