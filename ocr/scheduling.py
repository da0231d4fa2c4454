"""When a file is read: once per content, in the background, after the upload or import commits."""

from django.db import transaction

from .limits import limit
from .models import ScanStatus, ScanText
from .pages import kind_of
from .tasks import read_scan


def _owner(stored):
    from wagtail.documents import get_document_model

    return {"document": stored} if isinstance(stored, get_document_model()) else {"image": stored}


def is_scannable(stored):
    return stored is not None and bool(stored.file) and kind_of(stored.file.name) is not None


def request_reading(stored, force=False, enqueue=True):
    """Queue OCR of a document or image whose content was not read yet. Returns its ScanText, or None."""
    if not is_scannable(stored):
        return None
    file_hash = stored.file_hash or stored.get_file_hash()
    scan, created = ScanText.objects.get_or_create(**_owner(stored), defaults={"file_hash": file_hash})
    unchanged = not created and scan.file_hash == file_hash
    if unchanged and not force and scan.status != ScanStatus.UNAVAILABLE:
        return scan
    if not unchanged:
        scan.pages.all().delete()  # corrections of another file's pages do not apply to this one
    scan.file_hash, scan.status, scan.message = file_hash, ScanStatus.QUEUED, ""
    scan.save(update_fields=["file_hash", "status", "message", "updated_at"])
    if enqueue:
        transaction.on_commit(lambda: read_scan.enqueue(scan.pk))
    return scan


def on_file_saved(sender, instance, **kwargs):
    if limit("OCR_ON_UPLOAD"):
        request_reading(instance)
