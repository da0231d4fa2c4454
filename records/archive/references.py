"""Wagtail's reference index of the rows a batch wrote, brought up to date at each flush of the batch.

Indexing a record page reads every one of its child rows and links again (the documents, resolutions,
follow-ups, topics): done per file, that is half a dozen queries a record; here the pages of a model are
read with those rows in a few queries, then each is indexed as ``ReferenceIndex`` would index it.
"""

from django.db import transaction
from modelcluster.models import get_all_child_relations
from wagtail.models import ReferenceIndex


def _related(model):
    children = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    return children + [field.name for field in model._meta.many_to_many]


def index_references(items):
    """Rewrite the reference index of ``items`` ({model: ids}), all committed rows."""
    with transaction.atomic():
        for model, ids in items.items():
            for row in model.objects.filter(pk__in=ids).prefetch_related(*_related(model)):
                ReferenceIndex.create_or_update_for_object(row)
