"""What the API shows of a record type, read from its model rather than written out per type.

A record type's own fields (those its page model adds to ``ArchiveRecordPage``) fall in three kinds:
plain values, places (a province, municipality or topic: shown with name and code/slug) and other
records or parts of records (shown by their ref, and only when public). Its parts are the child rows
its own app hangs under the page (a meeting's resolutions and follow-ups; documents and images are
the attachments, shown apart). A part that later records refer to by a foreign key (a resolution
followed up by later meetings) carries that history, from public records only.
"""

from django.db.models import Prefetch
from modelcluster.fields import ParentalKey

from places.models import Municipality, Province, Topic
from records.pages import ArchiveRecordPage
from records.publication import published
from records.registry import record_models

PLACES = (Province, Municipality, Topic)
ATTACHMENTS = ("documents", "images")
SKIPPED = {"id", "sort_order", "page_ptr"}
SHARED = {field.name for field in ArchiveRecordPage._meta.local_fields + ArchiveRecordPage._meta.local_many_to_many}


def own_fields(model):
    """The fields ``model`` adds to the shared record fields (or, for a part, all but its keys)."""
    fields = model._meta.local_fields + model._meta.local_many_to_many
    return [f for f in fields if f.name not in SHARED | SKIPPED and not isinstance(f, ParentalKey)]


def is_place(field):
    return field.is_relation and field.related_model in PLACES


def is_reference(field):
    """A relation to another record or to a part of one (shown by its ref)."""
    return field.is_relation and (field.related_model in record_models() or parent_key(field.related_model) is not None)


def parent_key(model):
    """The ParentalKey by which ``model``'s rows hang under a record page, or None."""
    return next(
        (f for f in model._meta.local_fields if isinstance(f, ParentalKey) and f.related_model in record_models()),
        None,
    )


def parts(model):
    """(accessor, part model) of the child rows ``model``'s own app hangs under it, attachments aside."""
    return [
        (rel.get_accessor_name(), rel.related_model)
        for rel in model._meta.related_objects
        if isinstance(rel.field, ParentalKey)
        and rel.get_accessor_name() not in ATTACHMENTS
        and rel.related_model._meta.app_label == model._meta.app_label
    ]


def history(part_model):
    """(accessor, row model, its foreign key to the part) of the parts of records that refer to a part
    (the follow-ups later meetings make of a resolution)."""
    return [
        (rel.get_accessor_name(), rel.related_model, rel.field)
        for rel in part_model._meta.related_objects
        if not isinstance(rel.field, ParentalKey)
        and rel.field.many_to_one
        and parent_key(rel.related_model) is not None
    ]


def public_rows(model):
    """Rows of a record model or of a part model, restricted to public records."""
    if model in record_models():
        return published(model)
    key = parent_key(model)
    if key is not None:
        return model.objects.filter(**{f"{key.name}__in": published(key.related_model)}).select_related(key.name)
    return model.objects.all()


def has_current_status(model):
    """Whether a part keeps a current status (a resolution's, moved on by later follow-ups)."""
    return any(field.name == "current_status" for field in model._meta.concrete_fields)


def part_rows(part_model):
    """A part's rows with what the API shows of them: referenced records and its history."""
    rows = part_model.objects.select_related(parent_key(part_model).name)
    lookups = reference_prefetches(part_model)
    for accessor, row_model, _ in history(part_model):
        key = parent_key(row_model).name
        ordered = public_rows(row_model).order_by(f"{key}__date", f"{key}_id", "sort_order")
        lookups.append(Prefetch(accessor, queryset=ordered))
    return rows.prefetch_related(*lookups).order_by("sort_order", "pk")


def place_rows(model):
    """Places with what they are shown with (a municipality: its province's code)."""
    return model.objects.select_related("province") if model is Municipality else model.objects.all()


def reference_prefetches(model):
    return [Prefetch(f.name, queryset=public_rows(f.related_model)) for f in own_fields(model) if is_reference(f)]


def record_prefetches(model, document_rows):
    """Everything a page of ``model``'s records needs, fetched in a constant number of queries."""
    lookups = ["topics", Prefetch("documents", queryset=document_rows)]
    lookups += [Prefetch(f.name, queryset=place_rows(f.related_model)) for f in own_fields(model) if is_place(f)]
    lookups += reference_prefetches(model)
    lookups += [Prefetch(accessor, queryset=part_rows(part)) for accessor, part in parts(model)]
    return lookups
