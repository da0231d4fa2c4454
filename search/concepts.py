"""The records indexed under a concept: those holding any of its labels or its narrower concepts'
labels, ranked by the database search backend (kept beside the cluster), live and public only."""

from persian.analysis import analyze_query
from search.backends.configured import record_search
from search.backends.terms import AllOf, AnyOf, TermTree
from search.models import SearchEntry

LIMIT = 30


def concept_tree(concept):
    labels = list(concept.labels)
    for child in concept.narrower.all():
        labels += child.labels
    options = tuple(
        AllOf(groups) for groups in dict.fromkeys(analyze_query(label).groups for label in labels) if groups
    )
    return AnyOf(options) if options else None


def records_under(concept, limit=LIMIT):
    """Search entries (with their province) for ``concept``, best first."""
    tree = concept_tree(concept)
    if tree is None:
        return []
    ids = record_search().database().best_records(TermTree(tree), limit, SearchEntry.objects.all())
    by_id = SearchEntry.objects.select_related("province").in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]
