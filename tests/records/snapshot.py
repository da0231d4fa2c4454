"""A structural snapshot of what an archive import wrote: no primary keys, no timestamps, sorted by ref,
so two imports of the same files compare equal on any database however their rows were written."""

import json

from wagtail.search.models import IndexEntry

from places.models import Municipality, Topic
from records.registry import record_models
from search.models import AttachmentText, SearchEntry

# Revision content that differs between two identical imports (or between databases): ids and times.
VOLATILE = {
    "pk",
    "id",
    "translation_key",  # a random UUID per page
    "latest_revision",
    "live_revision",
    "locked_by",
    "owner",
    "content_type",
    "wagtail_admin_comments",
    "path",  # the tree position: after whatever siblings the section held before the import
    # Rows a revision points at by primary key, which depend on what the database held before: the
    # snapshot names them itself (a page's municipality, topics, documents, related records by ref).
    "province",
    "municipality",
    "topics",
    "document",
    "image",
    "related_agreements",
    "related_resolutions",
    "approved_by",
    "resolution",  # a follow-up's resolution (the snapshot lists follow-ups by resolution ref)
    "next_meeting_municipality",
    "participant_municipalities",
    "party_municipalities",
}


def _stable(value):
    if isinstance(value, dict):
        return {
            key: _stable(item)
            for key, item in sorted(value.items())
            if key not in VOLATILE and not key.endswith(("_at", "_id")) and key not in ("page", "meeting")
        }
    if isinstance(value, list):
        items = [_stable(item) for item in value]
        if items and all(isinstance(item, dict) for item in items):
            # child rows of equal sort order come back in the table's physical order, which PostgreSQL
            # changes on every UPDATE (the stored resolution status): compared as a set
            items.sort(key=lambda item: json.dumps(item, ensure_ascii=False, sort_keys=True))
        return items
    return value


def comparable(snapshot):
    """``snapshot`` with each page's revision read through today's ``VOLATILE`` (a stored snapshot too)."""
    pages = [{**page, "latest_revision": _stable(page["latest_revision"])} for page in snapshot["pages"]]
    return {**snapshot, "pages": pages}


def _names(queryset):
    return sorted(str(item) for item in queryset)


def _page(page):
    row = {
        "model": type(page).__name__,
        "ref": page.ref,
        "title": page.title,
        "slug": page.slug,
        "url_path": page.url_path,
        "depth": page.depth,
        "numchild": page.numchild,
        "live": page.live,
        "has_unpublished_changes": page.has_unpublished_changes,
        "date": str(page.date),
        "province": page.province.code,
        "municipality": page.municipality.name if page.municipality else None,
        "topics": _names(page.topics.all()),
        "summary": page.summary,
        "body": page.body,
        "source": page.source,
        "import_digest": page.import_digest,
        "documents": [
            {
                "title": d.document.title,
                "file_size": d.document.file_size,
                "file_hash": d.document.file_hash,
                "restricted": getattr(d, "restricted", None),
            }
            for d in page.documents.select_related("document").order_by("sort_order")
        ],
        "images": [i.image.title for i in page.images.select_related("image").order_by("sort_order")],
        "revisions": page.revisions.count(),
        "latest_revision": _stable(page.latest_revision.content),
        "live_is_latest": page.live_revision_id == page.latest_revision_id,
    }
    name = type(page).__name__
    if name == "MeetingPage":
        row["participants"] = page.participants
        row["participant_municipalities"] = _names(page.participant_municipalities.all())
        row["next_meeting"] = [
            page.next_meeting_municipality.name if page.next_meeting_municipality else None,
            str(page.next_meeting_date),
        ]
        row["resolutions"] = [
            [r.number, r.text, r.responsible, str(r.deadline), r.status, r.sort_order]
            for r in page.resolutions.order_by("number")
        ]
        row["follow_ups"] = [
            [f.resolution.ref, f.status, f.note, f.sort_order]
            for f in page.follow_ups.select_related("resolution__meeting").order_by("sort_order")
        ]
        row["follow_ups"].sort(key=lambda f: (f[3] or 0, f[0], f[1], f[2]))  # ties: any order the database gives
    elif name == "AgreementPage":
        row["parties"] = page.parties
        row["party_municipalities"] = _names(page.party_municipalities.all())
        row["valid_until"] = str(page.valid_until)
        row["status"] = page.status
        row["approved_by"] = page.approved_by.ref if page.approved_by else None
    else:
        row["results"] = page.results
        row["contact"] = page.contact
        row["featured"] = page.featured
        row["related_resolutions"] = sorted(r.ref for r in page.related_resolutions.select_related("meeting"))
        row["related_agreements"] = sorted(a.ref for a in page.related_agreements.all())
    return row


def _entry(entry):
    return {
        "kind": entry.kind,
        "ref": entry.ref,
        "page": entry.page.specific.ref,
        "resolution": entry.resolution.number if entry.resolution_id else None,
        "title": entry.title,
        "url": entry.url,
        "date": str(entry.date),
        "year": entry.year,
        "province": entry.province.code,
        "topics": _names(entry.topics.all()),
        "status": entry.status,
        "valid_until": str(entry.valid_until),
        "text": entry.text,
        "places": entry.places,
        "topic_names": entry.topic_names,
        "attachment_text": entry.attachment_text,
        "attachment_names": entry.attachment_names,
        "scan_text": entry.scan_text,
    }


def _index_entries():
    """How many rows the database search backend holds per model (its text columns differ by database)."""
    counts = {}
    for row in IndexEntry.objects.select_related("content_type"):
        counts[row.content_type.model] = counts.get(row.content_type.model, 0) + 1
    return dict(sorted(counts.items()))


def snapshot():
    pages = []
    for model in record_models():
        pages += [_page(page) for page in model.objects.select_related("province", "municipality")]
    return {
        "pages": sorted(pages, key=lambda row: row["ref"]),
        "search_entries": sorted(
            (_entry(e) for e in SearchEntry.objects.select_related("page", "province", "resolution")),
            key=lambda row: (row["ref"], row["kind"]),
        ),
        "attachment_texts": sorted(
            [a.document.title, a.file_hash, a.text, a.error] for a in AttachmentText.objects.all()
        ),
        "index_entries": _index_entries(),
        "municipalities": sorted(
            [m.province.code, m.name, m.slug] for m in Municipality.objects.select_related("province")
        ),
        "topics": sorted([t.name, t.slug] for t in Topic.objects.all()),
    }
