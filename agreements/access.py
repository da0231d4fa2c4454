"""Who may have a document — the one rule every channel asks: the document URL, the record pages,
the admin's document choosers and listings, search indexing and export.

- A document that was ever restricted (``RestrictedDocument``, until the office releases it) goes
  only to the office of its province (and of any agreement restricting it), to signed-in staff of the
  party municipalities of a published agreement it is attached to, and to superusers.
- Any other document goes to everyone when a published, public record lists it; otherwise only to
  its editors: the uploader, the office of a record's province that lists it, the owner of such a
  record (a staff member's proposed practice), and superusers.

Attached, detached, re-imported or deleted: only these facts count, so removing a record never
opens its files.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q

from desk.scope import OFFICE_GROUPS, STAFF, in_groups, municipality_of, province_of
from records.publication import public_through
from records.registry import record_types

from .models import AgreementDocument, RestrictedDocument

OPEN, LOGIN, LOCKED = "open", "login", "locked"
RESTRICTED_NOTE = "این سند محرمانه است: فقط کارکنان شهرداری‌های طرف تفاهم‌نامه و دفتر امور شهری استان آن را می‌بینند."


def link_models():
    """The attachment-row model of every record type (meetings, agreements, practices)."""
    return [rt.document_link_model for rt in record_types()]


def attached_by(narrow, links=None):
    """Documents listed as an attachment by a record that ``narrow`` (attachment rows → those of the records
    meant) keeps, asked of each document through the rows' document index: correlated, so the cost follows
    the documents asked about, not the archive's records."""
    condition = Q(pk__in=[])
    for link in links or link_models():
        condition |= Exists(narrow(link.objects.filter(document=OuterRef("pk"))))
    return condition


def _restricted_ids():
    return RestrictedDocument.objects.filter(released_at__isnull=True).values("document")


def _restricted():
    """Restricted now, asked of each document through the restrictions' document index."""
    return Exists(RestrictedDocument.objects.filter(document=OuterRef("pk"), released_at__isnull=True))


def _narrowed(documents, condition):
    """``documents`` with ``condition`` as a ``pk__in`` of themselves: Wagtail's search backends (the
    admin's document search) take field lookups, not EXISTS, and the condition stays asked of the
    documents of ``documents`` only."""
    return documents.filter(pk__in=documents.filter(condition).values("pk"))


def visible_documents(user, documents):
    """The documents of the queryset ``documents`` that ``user`` may have (the whole rule)."""
    condition = may_have(user)
    return documents if condition is None else _narrowed(documents, condition)


def may_have(user):
    """The rule as a condition on a document row, correlated with it (``None``: every document, for a
    superuser): asked of the documents in hand, it reads their attachment rows, not the archive."""
    if getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser:
        return None
    restricted = _restricted()
    visible = attached_by(lambda rows: public_through(rows, "page")) & ~restricted
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return visible
    editable = Q(page__owner=user)
    province = province_of(user)
    if province is not None and in_groups(user, OFFICE_GROUPS):
        editable |= Q(page__province=province)
        own_restrictions = RestrictedDocument.objects.filter(released_at__isnull=True, province=province)
        restricting_here = attached_by(
            lambda rows: rows.filter(restricted=True, page__province=province), [AgreementDocument]
        )
        visible |= restricted & (Q(pk__in=own_restrictions.values("document")) | restricting_here)
    visible |= (Q(uploaded_by_user=user) | attached_by(lambda rows: rows.filter(editable))) & ~restricted
    municipality = municipality_of(user)
    if municipality is not None and in_groups(user, (STAFF,)):
        party = Q(page__party_municipalities=municipality)  # only an agreement's attachment rows have parties
        party_rows = attached_by(lambda rows: public_through(rows.filter(party), "page"), [AgreementDocument])
        visible |= restricted & party_rows
    return visible


def access_to(user, item):
    """``OPEN``, ``LOGIN`` (anonymous, must sign in) or ``LOCKED`` for a document or an attachment row."""
    document = getattr(item, "document", item)
    if visible_documents(user, type(document).objects.filter(pk=document.pk)).exists():
        return OPEN
    return LOGIN if not getattr(user, "is_authenticated", False) else LOCKED


def open_attachment_rows(link_model):
    """The attachment rows (``link_model``: a record type's document link) anyone may download when the
    record listing them is public: by the rule above, the rows whose document is not restricted. A
    narrowing for callers that show public records only (the records API), cheaper than asking
    ``visible_documents`` over every record type."""
    rows = link_model.objects.exclude(document__in=_restricted_ids())
    if any(field.name == "restricted" for field in link_model._meta.local_fields):
        rows = rows.exclude(restricted=True)
    return rows


def is_public(document):
    """Open to anyone, anonymous visitors included: what search may index and an export may carry."""
    return access_to(AnonymousUser(), document) == OPEN


def public_ids(documents):
    """The ids of the documents of the queryset ``documents`` that ``is_public`` says yes to, in one query."""
    return set(visible_documents(AnonymousUser(), documents).values_list("pk", flat=True))


def is_restricted(document):
    """Restricted now: marked so once and not released since."""
    return RestrictedDocument.objects.filter(document=document, released_at__isnull=True).exists()
