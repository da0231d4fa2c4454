"""Serving a document: only to those ``agreements.access`` lets have it, every download counted."""

from collections import defaultdict

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef, Q
from wagtail.documents import get_document_model

from agreements.access import LOCKED, LOGIN, OPEN, access_to, link_models, may_have, public_ids
from portal.models import DocumentDownload
from records.freshness import per_version
from records.registry import record_models


def count_download(document):
    counted = DocumentDownload.objects.filter(document=document)
    if not counted.update(count=F("count") + 1):  # the first download: no row yet
        DocumentDownload.objects.get_or_create(document=document)
        counted.update(count=F("count") + 1)


@per_version
def _open_to_anyone():
    return frozenset(public_ids(get_document_model().objects.all()))


def open_to_anyone(document):
    """``access_to(anonymous, document) == OPEN``, from the ids of every document open to anyone, read
    once per process and archive version: an anonymous download costs no access query. The version is
    renewed by any change the rule reads (records, attachments, restrictions, view restrictions)."""
    return document.pk in _open_to_anyone()


def visitor_access(user, item):
    """``access_to(user, item)`` (a document or an attachment row); for an anonymous visitor from the ids
    of the documents open to anyone."""
    if getattr(user, "is_authenticated", False):
        return access_to(user, item)
    return OPEN if open_to_anyone(getattr(item, "document", item)) else LOGIN


def times_downloaded(document):
    """How many times ``document`` was served (0 before the first download)."""
    return DocumentDownload.objects.filter(document=document).values_list("count", flat=True).first() or 0


def most_downloaded(limit=10, provinces=None, user=None):
    """«پربازدیدترین اسناد»: the most downloaded documents, each with a record it is attached to.

    ``provinces`` (None: all) keeps documents attached to a record of one of those provinces; ``user``
    (when given) keeps only the documents the access rule lets that user have. Both narrow the rows in
    SQL, so only the ``limit`` rows shown look their records up."""
    rows = DocumentDownload.objects.filter(count__gt=0).filter(_attached_to_a_record(provinces))
    if user is not None and not user.is_superuser:
        # asked of each download row (not ``document__in`` the set of every visible document, which reads
        # the whole archive): the access rule's conditions are correlated with the document in hand
        rows = rows.filter(Exists(get_document_model().objects.filter(may_have(user), pk=OuterRef("document_id"))))
    rows = list(rows.select_related("document").order_by("-count", "document__title")[:limit])
    attaching = records_attaching([row.document_id for row in rows])
    return [
        {
            "document": row.document,
            "count": row.count,
            "record": next(r for r in attaching[row.document_id] if provinces is None or r.province_id in provinces),
        }
        for row in rows
    ]


def _attached_to_a_record(provinces=None):
    """The download's document is an attachment of some record (of ``provinces``): asked of each download
    row, most downloaded first, through the attachment rows' document index, so the cost follows the
    rows read and not the size of the archive."""
    condition = Q(pk__in=[])
    for link in link_models():
        rows = link.objects.filter(document=OuterRef("document"))
        if provinces is not None:
            rows = rows.filter(page__province__in=provinces)
        condition |= Exists(rows)
    return condition


def records_attaching(document_ids):
    """{document id: the record pages (any type) listing it among their attachments}: one query a type."""
    found = defaultdict(list)
    for model in record_models():
        link = model._meta.get_field("documents").related_model
        for item in link.objects.filter(document_id__in=document_ids).select_related("page"):
            found[item.document_id].append(item.page)
    return found


def check_and_count(document, request):
    """The ``before_serve_document`` hook: a login redirect, a 403, or None to serve (counted)."""
    access = visitor_access(request.user, document)
    if access == LOGIN:
        return redirect_to_login(request.get_full_path())
    if access == LOCKED:
        raise PermissionDenied("restricted or unpublished document")
    count_download(document)
    return None
