"""Keeping SearchEntry rows in step with what is published: each record type says what the index keeps
of a record (``RecordType.search_items``), this module writes it.

A web request never reads a file: entries are written with the attachment text already read, and a
file not read yet is read by the background task ``search.tasks.read_attachment_text``, which then
has the entries of the records using it written again.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from modelsearch.backends import get_search_backends_with_name
from modelsearch.index import insert_or_update_object
from wagtail.models import Page

from agreements.access import is_public as anyone_may_have
from agreements.access import public_ids
from ocr.records import scan_text_of
from persian import jalali
from persian.analysis import compact_ref
from records.background import already_queued
from records.publication import is_published, public, published
from records.registry import record_types, type_for, type_of
from records.related import DOCUMENTS, IMAGES

from .attachments import cached_text, text_of
from .models import SearchEntry
from .tasks import read_attachment_text

log = logging.getLogger(__name__)


def _public_documents(page):
    # Only what anyone may download enters the public index: never a restricted document's text or name.
    documents = [item.document for item in page.documents.select_related("document")]
    return [d for d in documents if anyone_may_have(d)]


def _public_documents_of(pages):
    """``_public_documents`` of many pages ({page id: documents}), in a query per record type and one."""
    found = {}
    for model in {type(page) for page in pages}:
        link = model.documents.rel.related_model
        rows = link.objects.filter(page__in=[p for p in pages if type(p) is model]).select_related("document")
        for row in rows.order_by("sort_order"):
            found.setdefault(row.page_id, []).append(row.document)
    documents = [document for listed in found.values() for document in listed]
    public = public_ids(type(documents[0]).objects.filter(pk__in={d.pk for d in documents})) if documents else set()
    return {pk: [d for d in listed if d.pk in public] for pk, listed in found.items()}


def _attachments(page, documents=None):
    documents = _public_documents(page) if documents is None else documents
    return {
        "attachment_text": "\n".join(filter(None, (text_or_queued(d) for d in documents))),
        "attachment_names": "، ".join(d.title for d in documents)[:500],
        "scan_text": scan_text_of(page),
    }


def text_or_queued(document):
    """The document's text if it was read already; else its reading is queued (the task refreshes the
    entries of the records using it) and the entry goes without it until then."""
    text = cached_text(document)
    if text is None and not already_queued(read_attachment_text, document.pk):
        read_attachment_text.enqueue(document.pk)
        text = cached_text(document)  # an inline task backend (the tests') has read it already
    return text or ""


def entries_for(page, documents=None):
    """Unsaved SearchEntry rows for one published record page (its parts, such as resolutions, included);
    ``documents``: its public documents when the caller has them already."""
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
            **(_attachments(page, documents) if item.whole else {}),
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


def _save_bulk(pages_entries):
    """Write the entries of many pages in a few statements: rows, their topics, then the index backends."""
    entries, links = [], []
    for entries_of_page, topics in pages_entries:
        names = "، ".join(t.name for t in topics)
        for entry in entries_of_page:
            entry.topic_names = names if getattr(entry, "whole", True) else ""
            entry._topic_ids = [t.pk for t in topics]
            entry.ref_key = compact_ref(entry.ref)
            entries.append(entry)
    SearchEntry.objects.bulk_create(entries)
    Link = SearchEntry.topics.through  # noqa: N806 - a model class
    links = [Link(searchentry_id=entry.pk, topic_id=pk) for entry in entries for pk in entry._topic_ids]
    Link.objects.bulk_create(links)
    add_in_bulk(SearchEntry, entries)


def add_in_bulk(model, objects):
    """What ``insert_or_update_object`` does for each object, for all of them at once."""
    if not objects:
        return
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(model, objects)
        except Exception:
            if not backend.catch_indexing_errors:
                raise
            log.exception("Exception raised while adding %d %s into the '%s' search backend", len(objects), model, name)


def _search_related(model):
    """What the search entries of a ``model`` page read of its child rows."""
    names = {field.name for field in model._meta.get_fields()}
    attachments = [related for related in (DOCUMENTS, IMAGES) if related.name in names]
    return [*attachments, *type_for(model).search_related]


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
    # Signals hand over the instance as it was in memory (an unpublished page may still say live).
    fresh = model.objects.filter(pk=page.pk).first()
    # Built before the old entries go: reading a file inline (the tests' task backend) writes them too.
    entries = entries_for(fresh) if fresh is not None and is_published(fresh) else None
    for entry in SearchEntry.objects.filter(page_id=page.pk):
        entry.delete()
    page = fresh
    if entries is not None:
        _save(entries, list(page.topics.all()))
    if follow_links and page is not None:
        # Follow-ups recorded here change the current status of earlier meetings' resolutions.
        for meeting in _affected_records(page):
            if meeting.pk != page.pk:
                sync_page(meeting, follow_links=False)


def _read_for_search(ids):
    """{page id: record page} of ``ids`` ({model: ids}), with every row their entries read (a few queries a
    model)."""
    fresh = {}
    for model, pks in ids.items():
        rows = model.objects.filter(pk__in=pks).select_related("province", "municipality")
        rows = rows.prefetch_related("topics", *(related.prefetch(model) for related in _search_related(model)))
        fresh.update({page.pk: page for page in rows})
    return fresh


@transaction.atomic
def sync_pages(pages):
    """``sync_page`` for many pages at once ({page id: follow_links}), in bulk: the entries of each page,
    and of the records those with follow_links affect, rewritten from the database as it is now."""
    targets, ids = [], {}
    for pk, content_type_id in Page.objects.filter(pk__in=list(pages)).values_list("pk", "content_type_id"):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and type_for(model) is not None:
            targets.append(pk)
            ids.setdefault(model, []).append(pk)
    fresh = _read_for_search(ids)
    affected = {}
    for pk in targets:
        if pages.get(pk) and pk in fresh:
            for meeting in _affected_records(fresh[pk]):
                if meeting.pk not in fresh and meeting.pk not in affected:
                    affected[meeting.pk] = type(meeting)
    if not targets:
        return
    targets += list(affected)
    ids = {}
    for pk, model in affected.items():
        ids.setdefault(model, []).append(pk)
    fresh.update(_read_for_search(ids))
    public_ids = set(public(Page.objects.filter(pk__in=list(fresh))).values_list("pk", flat=True))
    shown = [page for pk in targets if (page := fresh.get(pk)) is not None and pk in public_ids]
    documents = _public_documents_of(shown)
    pages_entries = [(entries_for(page, documents.get(page.pk, [])), list(page.topics.all())) for page in shown]
    for entry in SearchEntry.objects.filter(page_id__in=targets):
        entry.delete()
    _save_bulk(pages_entries)


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
