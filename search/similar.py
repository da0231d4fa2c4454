"""Similar records for a record page: ``more_like_this`` on the search cluster; on the database,
records sharing the most topics. Records, not single resolutions; only public ones (``SearchEntry``
holds no other)."""

from django.db.models import Count

from . import cluster
from .backends.elasticsearch import is_resting, mark_down
from .models import EntryKind, SearchEntry

FIELDS = ["index_title", "text", "topic_names"]


def _more_like_this(engine, entry, exclude, limit):
    index = engine.get_index_for_model(SearchEntry).name
    body = {
        "query": {
            "bool": {
                "must": {
                    "more_like_this": {
                        "fields": FIELDS,
                        "like": [{"_index": index, "_id": str(entry.pk)}],
                        "min_term_freq": 1,
                        "min_doc_freq": 1,
                        "max_query_terms": 30,
                        "minimum_should_match": "10%",
                    }
                },
                "must_not": [{"terms": {"id_filter": exclude}}, {"term": {"kind_filter": EntryKind.RESOLUTION}}],
            }
        },
        "size": limit,
    }
    _, hits = engine.search_ids(SearchEntry, body)
    return [pk for pk, _ in hits]


def _sharing_topics(entry, exclude, limit):
    topics = entry.topics.all()
    candidates = (
        SearchEntry.objects.filter(topics__in=topics).exclude(pk__in=exclude).exclude(kind=EntryKind.RESOLUTION)
    )
    ranked = candidates.annotate(shared=Count("topics")).order_by("-shared", "-date", "-pk")
    return list(ranked.values_list("pk", flat=True)[:limit])


def similar_entries(page, limit=5):
    """Up to ``limit`` entries of other records like ``page``'s own entry, most alike first."""
    own = list(SearchEntry.objects.filter(page_id=page.pk).values_list("pk", "kind"))
    entry_id = next((pk for pk, kind in own if kind != EntryKind.RESOLUTION), None)
    if entry_id is None:
        return []
    entry = SearchEntry.objects.get(pk=entry_id)
    exclude = [pk for pk, _ in own]
    ids = None
    engine = cluster.backend()
    if engine is not None and not is_resting():
        try:
            ids = _more_like_this(engine, entry, exclude, limit)
        except engine.unavailable as error:
            mark_down(error)
    if ids is None:
        ids = _sharing_topics(entry, exclude, limit)
    found = SearchEntry.objects.select_related("province").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
