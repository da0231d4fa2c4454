"""Keeping SearchEntry rows in step with what is published: each record type says what the index keeps
of a record (``RecordType.search_items``), this module writes it.

Publishing writes the entries at once with the attachment text already read; a file not read yet is
read by the background task ``read_attachments``, which then writes the record's entries again.
"""

from django.db import transaction
from django_tasks import task
from modelsearch.index import insert_or_update_object
from wagtail.models import Page

from agreements.access import is_public as anyone_may_have
from ocr.records import scan_text_of
from persian import jalali
from records.background import BACKGROUND, already_queued
from records.publication import is_published, published
from records.registry import record_types, type_of

from .attachments import cached_text, text_of
from .models import SearchEntry


def _public_documents(page):
    # Only what anyone may download enters the public index: never a restricted document's text or name.
    documents = [item.document for item in page.documents.select_related("document")]
    return [d for d in documents if anyone_may_have(d)]


def _attachments(page):
    documents = _public_documents(page)
    return {
        "attachment_text": "\n".join(filter(None, (cached_text(d) for d in documents))),
        "attachment_names": "، ".join(d.title for d in documents)[:500],
        "scan_text": scan_text_of(page),
    }


def entries_for(page):
    """Unsaved SearchEntry rows for one published record page (its parts, such as resolutions, included)."""
    common = {"page": page, "date": page.date, "year": jalali.jalali_year(page.date), "province": page.province}
    entries = []
    for item in type_of(page).search_items(page):
        entry = SearchEntry(
            kind=item.kind,
            resolution=item.part,
            ref=item.ref,
            title=item.title,
            url=item.url,
            text=item.text,
            places="\n".join(item.places),
            status=item.status,
            valid_until=item.valid_until,
            **common,
            **(_attachments(page) if item.whole else {}),
        )
        entry.whole = item.whole
        entries.append(entry)
    return entries


def _save(entries, topics):
    """Save entries with the record's topics: every entry can be filtered by them, but a resolution
    is matched by its own words, not by its meeting's topics."""
    names = "، ".join(t.name for t in topics)
    for entry in entries:
        entry.topic_names = names if getattr(entry, "whole", True) else ""
        entry._topic_ids = [t.pk for t in topics]
        entry.save()
        entry.topics.set(topics)
        insert_or_update_object(entry)


def _affected_records(page):
    """Other records whose entries change with this one (the meetings whose resolutions it follows up)."""
    record_type = type_of(page)
    return record_type.affected_by(page) if record_type and record_type.affected_by else []


@transaction.atomic
def remove_page(page):
    """Drop the entries of a page that is no longer public, and undo its follow-ups' effect."""
    for entry in SearchEntry.objects.filter(page_id=page.pk):
        entry.delete()
    for meeting in _affected_records(page.specific):
        if meeting.pk != page.pk:
            sync_page(meeting, follow_links=False)


@transaction.atomic
def sync_page(page, follow_links=True):
    """Rewrite the search entries of ``page``: present when it is published and public, else none."""
    model = type(page.specific)
    if type_of(page) is None:
        return
    for entry in SearchEntry.objects.filter(page_id=page.pk):
        entry.delete()
    # Signals hand over the instance as it was in memory (an unpublished page may still say live).
    page = model.objects.filter(pk=page.pk).first()
    if page is not None and is_published(page):
        _save(entries_for(page), list(page.topics.all()))
        unread = any(cached_text(d) is None for d in _public_documents(page))
        if unread and not already_queued(read_attachments, page.pk):
            read_attachments.enqueue(page.pk)
    if follow_links and page is not None:
        # Follow-ups recorded here change the current status of earlier meetings' resolutions.
        for meeting in _affected_records(page):
            if meeting.pk != page.pk:
                sync_page(meeting, follow_links=False)


@task(backend=BACKGROUND)
def read_attachments(page_id):
    """Read the text of a record's files not read yet, then write its entries again with it."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None or type_of(page) is None:
        return 0
    page = page.specific
    documents = [d for d in _public_documents(page) if cached_text(d) is None]
    for document in documents:
        text_of(document)
    sync_page(page, follow_links=False)
    return len(documents)


def rebuild(out=None):
    """Recreate every entry from the published records. Returns how many were written."""
    SearchEntry.objects.all().delete()
    count = 0
    for record_type in record_types():
        for page in published(record_type.model).select_related("province", "municipality"):
            for document in _public_documents(page):  # a command: it reads the files itself
                text_of(document)
            sync_page(page, follow_links=False)
            count += 1
            if out and count % 100 == 0:
                out(f"{count} records")
    return count
