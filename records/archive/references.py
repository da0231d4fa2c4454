"""Wagtail's reference index of the rows a batch wrote, brought up to date at each flush of the batch.

Indexing a record page reads every one of its child rows and links again (the documents, resolutions,
follow-ups, topics): done per file, that is half a dozen queries a record; here the pages of a model are
read with those rows in a few queries, and their references rewritten together: what
``ReferenceIndex.create_or_update_for_object`` does for one row (read its references, add the new ones,
delete those gone), with a query per model instead of two per row.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from modelcluster.models import get_all_child_relations
from wagtail.models import ReferenceIndex

# What makes a reference, as ``ReferenceIndex`` compares them (the order its extraction gives).
REFERENCE = ("to_content_type_id", "to_object_id", "model_path", "content_path")


def _hash(reference):
    return ReferenceIndex._get_content_path_hash(reference[-1])


def _related(model):
    children = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    return children + [field.name for field in model._meta.many_to_many]


def _index_rows(model, rows):
    """``create_or_update_for_object`` of every row of ``rows`` (instances of ``model``)."""
    models = [model, *model._meta.get_parent_list()]
    content_types = [ContentType.objects.get_for_model(each, for_concrete_model=False) for each in models]
    content_type, base_content_type = content_types[0], content_types[-1]
    known = {ct.id for ct in content_types}
    found = {str(row.pk): set(ReferenceIndex._extract_references_from_object(row)) for row in rows}
    existing = {}  # object id: {reference: (content type id, id)}
    stored = ReferenceIndex.objects.filter(base_content_type=base_content_type, object_id__in=list(found))
    for pk, object_id, type_id, *reference in stored.values_list("id", "object_id", "content_type_id", *REFERENCE):
        existing.setdefault(object_id, {})[tuple(reference)] = (type_id, pk)
    common = {"content_type": content_type, "base_content_type": base_content_type}
    new = [
        ReferenceIndex(
            **common,
            object_id=object_id,
            **dict(zip(REFERENCE, reference, strict=True)),
            content_path_hash=_hash(reference),
        )
        for object_id, references in found.items()
        for reference in references - existing.get(object_id, {}).keys()
    ]
    ReferenceIndex.objects.bulk_create(new, ignore_conflicts=connection.features.supports_ignore_conflicts)
    # A reference stored under a more specific model than this one is not seen from here: kept, as Wagtail does.
    gone = [
        pk
        for object_id, stored_references in existing.items()
        for reference, (type_id, pk) in stored_references.items()
        if reference not in found[object_id] and type_id in known
    ]
    if gone:
        ReferenceIndex.objects.filter(id__in=gone).delete()


def index_references(items):
    """Rewrite the reference index of ``items`` ({model: ids}), all committed rows."""
    with transaction.atomic():
        for model, ids in items.items():
            rows = list(model.objects.filter(pk__in=ids).prefetch_related(*_related(model)))
            if rows:
                _index_rows(model, rows)
