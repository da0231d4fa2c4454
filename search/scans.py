"""Where a query's words were read in a record's scanned pages (OCR), for the result's snippet."""

from wagtail.models import Page

from ocr.records import indexed_pages, scan_url

from .highlight import snippet


def scan_match(page_id, terms):
    """(html snippet, {document, url, page}) of the first scanned page of the record whose words the
    query's terms match, or None."""
    record = Page.objects.filter(pk=page_id).first()
    if record is None or not terms:
        return None
    for row in indexed_pages(record.specific):
        html, matched = snippet(row.effective_text, terms)
        if matched:
            scan = row.scan
            where = {"document": scan.file.title, "url": scan_url(scan, row.number), "page": row.number}
            return html, where
    return None
