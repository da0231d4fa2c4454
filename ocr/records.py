"""Between scans and records: which records use a file, and the OCR text a record's search entry carries."""

from django.db.models import Q

from agreements.access import is_restricted
from records.registry import record_models
from records.related import DOCUMENTS, IMAGES
from records.signals import record_changed

from .limits import limit
from .models import ScanPage

PAGE_BREAK = "\n\f\n"


def records_using(scan):
    """The record pages (any type, any state) that attach the scan's file."""
    found = []
    for model in record_models():
        if scan.document_id:
            pages = model.objects.filter(documents__document_id=scan.document_id)
        else:
            pages = model.objects.filter(images__image_id=scan.image_id)
        found.extend(pages.distinct())
    return found


def reindex_records_using(scan):
    """Whatever copies a record's text (the search index) takes the scan's new text."""
    for page in records_using(scan):
        record_changed.send(sender=type(page), page=page)


def indexed_pages(page):
    """The scanned pages a record's search entry holds: of its public documents and its images; a page
    read with low confidence only once an editor corrected it. In document order, then page order."""
    documents = [item.document for item in DOCUMENTS.of(page)]
    document_ids = [d.pk for d in documents if not is_restricted(d)]
    image_ids = [item.image_id for item in IMAGES.of(page)] if hasattr(page, "images") else []
    if not document_ids and not image_ids:
        return []
    rows = (
        ScanPage.objects.filter(Q(scan__document_id__in=document_ids) | Q(scan__image_id__in=image_ids))
        .filter(Q(confidence__gte=limit("OCR_MIN_CONFIDENCE")) | ~Q(corrected_text=""))
        .select_related("scan__document", "scan__image")
    )
    order = {("d", pk): i for i, pk in enumerate(document_ids)} | {("i", pk): 100 + i for i, pk in enumerate(image_ids)}

    def position(row):
        key = ("d", row.scan.document_id) if row.scan.document_id else ("i", row.scan.image_id)
        return order[key], row.number

    return sorted((row for row in rows if row.effective_text.strip()), key=position)


def scan_text_of(page):
    return PAGE_BREAK.join(row.effective_text for row in indexed_pages(page))


def scan_url(scan, number):
    """The file's address, opened at the page for a PDF (``#page=N`` is understood by PDF viewers)."""
    url = scan.file_url
    if scan.document_id and scan.document.file_extension.lower() == "pdf":
        return f"{url}#page={number}"
    return url
