"""Keeping SearchEntry rows in step with what is published."""

from html import unescape

from django.db import transaction
from django.utils.html import strip_tags
from modelsearch.index import insert_or_update_object

from ocr.records import scan_text_of
from portal import jalali
from portal.markdown import render_markdown
from portal.persian import to_persian_digits
from portal.records import record_models

from .attachments import text_of
from .models import EntryKind, SearchEntry


def plain_text(markdown_text):
    return unescape(strip_tags(render_markdown(markdown_text)))


def is_public(page):
    return page.live and not page.get_view_restrictions().exists()


def _common(page):
    return {
        "page": page,
        "date": page.date,
        "year": jalali.jalali_year(page.date),
        "province": page.province,
    }


def _places(page, *more):
    names = [page.province.name, page.municipality.name if page.municipality else ""]
    return "\n".join(n for n in [*names, *more] if n)


def _attachments(page):
    from agreements.access import is_public

    # Only what anyone may download enters the public index: never a restricted document's text or name.
    documents = [item.document for item in page.documents.select_related("document")]
    documents = [d for d in documents if is_public(d)]
    return {
        "attachment_text": "\n".join(filter(None, (text_of(d) for d in documents))),
        "attachment_names": "، ".join(d.title for d in documents)[:500],
        "scan_text": scan_text_of(page),
    }


def _follow_up_text(page):
    from meetings.models import ResolutionStatus

    return "\n".join(
        f"پیگیری مصوبه {f.resolution.ref}: {ResolutionStatus(f.status).label}. {f.note}"
        for f in page.follow_ups.select_related("resolution__meeting")
    )


def entries_for(page):
    """Unsaved SearchEntry rows for one published record page (its resolutions included)."""
    from meetings.services import with_current_status

    common = _common(page)
    kind = page.record_type
    body = "\n".join(filter(None, [page.summary, plain_text(page.body)]))
    entry = SearchEntry(
        kind=kind, ref=page.ref, title=page.title, url=page.url, text=body, **common, **_attachments(page)
    )
    if kind == EntryKind.MEETING:
        entry.places = _places(page, page.participants)
        entry.text = "\n".join(filter(None, [body, _follow_up_text(page)]))
    elif kind == EntryKind.AGREEMENT:
        entry.places = _places(page, page.parties)
        entry.status, entry.valid_until = page.status, page.valid_until
    else:
        entry.places = _places(page)
        entry.text = "\n".join(filter(None, [body, page.results, page.contact]))
    entries = [entry]
    if kind == EntryKind.MEETING:
        for resolution in with_current_status(page.resolutions.all()).order_by("number"):
            entries.append(
                SearchEntry(
                    kind=EntryKind.RESOLUTION,
                    resolution=resolution,
                    ref=f"{page.ref}#{resolution.number}",
                    title=f"مصوبه {to_persian_digits(resolution.number)} — {page.title}",
                    url=f"{page.url}#{resolution.anchor}",
                    text=resolution.text,
                    places=_places(page, resolution.responsible, page.ref),
                    status=resolution.current_status,
                    **common,
                )
            )
    return entries


def _save(entries, topics):
    """Save entries with the record's topics: every entry can be filtered by them, but a resolution
    is matched by its own words, not by its meeting's topics."""
    names = "، ".join(t.name for t in topics)
    for entry in entries:
        entry.topic_names = "" if entry.kind == EntryKind.RESOLUTION else names
        entry._topic_ids = [t.pk for t in topics]
        entry.save()
        entry.topics.set(topics)
        insert_or_update_object(entry)


def _followed_up_meetings(page):
    if getattr(page, "record_type", None) != EntryKind.MEETING:
        return []
    return list({f.resolution.meeting for f in page.follow_ups.select_related("resolution__meeting")})


@transaction.atomic
def remove_page(page):
    """Drop the entries of a page that is no longer public, and undo its follow-ups' effect."""
    for entry in SearchEntry.objects.filter(page_id=page.pk):
        entry.delete()
    for meeting in _followed_up_meetings(page.specific):
        if meeting.pk != page.pk:
            sync_page(meeting, follow_links=False)


@transaction.atomic
def sync_page(page, follow_links=True):
    """Rewrite the search entries of ``page``: present when it is published and public, else none."""
    model = type(page.specific)
    if getattr(model, "record_type", None) is None:
        return
    for entry in SearchEntry.objects.filter(page_id=page.pk):
        entry.delete()
    # Signals hand over the instance as it was in memory (an unpublished page may still say live).
    page = model.objects.filter(pk=page.pk).first()
    if page is not None and is_public(page):
        _save(entries_for(page), list(page.topics.all()))
    if follow_links and page is not None:
        # Follow-ups recorded here change the current status of earlier meetings' resolutions.
        for meeting in _followed_up_meetings(page):
            if meeting.pk != page.pk:
                sync_page(meeting, follow_links=False)


def rebuild(out=None):
    """Recreate every entry from the published records. Returns how many were written."""
    from portal.listing import published

    SearchEntry.objects.all().delete()
    count = 0
    for model in record_models():
        for page in published(model).select_related("province", "municipality"):
            sync_page(page, follow_links=False)
            count += 1
            if out and count % 100 == 0:
                out(f"{count} records")
    return count
