"""Matching saved searches against the records changed since each last looked.

Each saved search runs through the search service (``search.service.matching_ids``) restricted to the
search entries of the changed records, never over the whole archive. Searches sharing the same
parameters and the same changes are run once. Only public records have search entries
(``search.indexing``), and their entries hold no restricted document's text, so a draft or a
restricted document can never match.
"""

from collections import defaultdict

from django.db.models import Max

from search.models import SearchEntry
from search.service import InvalidSearch, matching_ids

from .models import AlertItem, RecordChange, SavedSearch
from .queries import search_request


class Candidates:
    """The search entries of the records changed after one mark, with the latest version of each."""

    def __init__(self, after, upto):
        changes = RecordChange.objects.filter(pk__gt=after, pk__lte=upto)
        self.versions = dict(changes.values("page_id").annotate(v=Max("version")).values_list("page_id", "v"))
        rows = SearchEntry.objects.filter(page_id__in=list(self.versions)).values_list(
            "pk", "page_id", "kind", "province_id", "year"
        )
        self.entries = {pk: (page_id, kind, province_id, year) for pk, page_id, kind, province_id, year in rows}

    def narrowed(self, request):
        """The entry ids a request's cheap filters (type, province, year) leave: the search runs on these."""
        provinces = {p.pk for p in request.provinces}
        return [
            pk
            for pk, (_, kind, province_id, year) in self.entries.items()
            if (not request.types or kind in request.types)
            and (not provinces or province_id in provinces)
            and (not request.years or year in request.years)
        ]


def match_changes():
    """Queue an ``AlertItem`` for every new matching record version of every active saved search;
    returns the ids of the searches that got new items."""
    upto = RecordChange.objects.aggregate(m=Max("pk"))["m"]
    if upto is None:
        return set()
    searches = SavedSearch.objects.active().filter(seen_change__lt=upto)
    by_mark = defaultdict(list)
    for saved in searches:
        by_mark[saved.seen_change].append(saved)
    fed = set()
    for mark, group in by_mark.items():
        fed |= _match_group(Candidates(mark, upto), group)
        SavedSearch.objects.filter(pk__in=[s.pk for s in group]).update(seen_change=upto)
    return fed


def _match_group(candidates, searches):
    answers = {}  # the same parameters are searched once
    items = []
    for saved in searches:
        if saved.query not in answers:
            answers[saved.query] = _matches(saved, candidates)
        found = answers[saved.query]
        if isinstance(found, str):
            SavedSearch.objects.filter(pk=saved.pk).update(invalid=found)
            continue
        for page_id, entry_ids in found.items():
            items.append(
                AlertItem(search=saved, page_id=page_id, version=candidates.versions[page_id], entries=entry_ids)
            )
    created = AlertItem.objects.bulk_create(items, ignore_conflicts=True, batch_size=500)
    return {item.search_id for item in created}


def _matches(saved, candidates):
    """{page id: [entry ids]} of the candidates the saved search matches, or the Persian reason its
    parameters no longer parse."""
    try:
        request = search_request(saved)
    except InvalidSearch as error:
        return str(error)
    within = candidates.narrowed(request)
    if not within:
        return {}
    request.within = within
    found = defaultdict(list)
    for pk in matching_ids(request):
        found[candidates.entries[pk][0]].append(pk)
    return dict(found)
