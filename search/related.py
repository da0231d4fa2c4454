"""Records like others, one feature in two places, built on the backend's "records like this"
(``search.backends.records``): the related records beneath a short result list, and the similar
records on a record page (``similar_entries``).

Related records: what a search that found only a few records offers beneath them.

A mayor who asks about «مکان‌یابی» wants the meeting that weighed three zones for the landfill too,
though it never says the word. Pseudo-relevance feedback, as a search engine's "more like these":
the terms that the first few matches share and the rest of the archive seldom uses make a query
for any of them, ranked by the backend's own scoring, and its best records that are not matches
already are offered beneath the results, marked as related, until the first page holds ten.

The terms are chosen here, once for every backend, from the pipeline's own terms
(``search.analysis.content_terms``); a backend gives only document frequencies and the ranked search.
Matches are never reordered or dropped for them, and ``count`` and the facets stay the matches'.

Similar records for a record page: ``more_like_this`` on the search cluster; on the database, records
sharing the most topics. Records, not single resolutions; only public ones (``SearchEntry`` holds no
other).
"""

from collections import Counter
import math

from persian.analysis import LENIENT_BELOW, content_terms

from .backends.configured import record_search
from .backends.records import Unavailable
from .models import EntryKind, SearchEntry

FEEDBACK_RECORDS = 3  # the first matches whose words are looked at
EXPANSION_TERMS = 12
LOOKED_UP = 3 * EXPANSION_TERMS  # the most frequent candidates whose document frequencies are read
MAX_SHARE = 0.25  # a term in more of the archive than this says little about a subject…
MAX_ROWS = 1000  # …nor in more records than this, which also bounds the query's cost at any size
FILL_TO = LENIENT_BELOW  # related records fill the first page up to this many records


def wanted(request, analyzed, count):
    """Related records accompany a relevance-ordered first page that holds every match, when there
    are a few (not none: there is nothing to be like); a typed ref asks for one record, not more."""
    return bool(
        request.q
        and not analyzed.refs
        and request.sort == "relevance"
        and request.page == 1
        and 0 < count < FILL_TO
        and count <= request.page_size
    )


def feedback_texts(entries):
    """Title and text of the first matches (the page's entries, in order)."""
    return [f"{entry.title} {entry.text}" for entry in entries[:FEEDBACK_RECORDS]]


def expansion_terms(texts, document_frequencies):
    """The terms that best say what ``texts`` are about, best first.

    A term must occur at least twice in them, and in two of them when there are two or more (as
    more-like-this asks of a term), and in no more than ``MAX_SHARE`` of the archive and ``MAX_ROWS``
    records; terms are scored by occurrences × idf. ``document_frequencies(terms, share, most)`` gives
    ``({term: rows}, rows)``, and need not count a term's rows past ``share`` of them or ``most``.
    """
    occurrences, holders = Counter(), Counter()
    for text in texts:
        terms = content_terms(text)
        occurrences.update(terms)
        holders.update(set(terms))
    shared = min(2, len(texts))
    candidates = [term for term, n in occurrences.items() if n >= 2 and holders[term] >= shared]
    candidates = sorted(candidates, key=lambda term: (-occurrences[term], term))[:LOOKED_UP]
    if not candidates:
        return []
    frequencies, total = document_frequencies(candidates, MAX_SHARE, MAX_ROWS)
    most = min(MAX_SHARE * total, MAX_ROWS)
    scored = [
        (occurrences[term] * math.log(total / frequencies[term]), term)
        for term in candidates
        if 0 < frequencies.get(term, 0) <= most
    ]
    return [term for _, term in sorted(scored, key=lambda pair: (-pair[0], pair[1]))[:EXPANSION_TERMS]]


def _terms_like(backend, texts):
    return expansion_terms(texts, backend.document_frequencies) if backend.analysed else []


def _like_matches(backend, request, texts, exclude, limit):
    terms = _terms_like(backend, texts)
    return backend.records_like_terms(terms, request, exclude, limit) if terms else []


def beneath(request, analyzed, count, entries, backend):
    """(ids of related records to offer beneath the matches ``entries`` of the page, whether the
    backend failed meanwhile and its database backend answered instead)."""
    if not wanted(request, analyzed, count):
        return [], False
    texts = feedback_texts(entries)
    exclude = [entry.pk for entry in entries]
    limit = FILL_TO - count
    try:
        return _like_matches(backend, request, texts, exclude, limit), False
    except Unavailable:
        return _like_matches(backend.database(), request, texts, exclude, limit), True


def similar_entries(page, limit=5):
    """Up to ``limit`` entries of other records like ``page``'s own entry, most alike first."""
    own = list(SearchEntry.objects.filter(page_id=page.pk).values_list("pk", "kind"))
    entry_id = next((pk for pk, kind in own if kind != EntryKind.RESOLUTION), None)
    if entry_id is None:
        return []
    entry = SearchEntry.objects.get(pk=entry_id)
    exclude = [pk for pk, _ in own]
    backend = record_search()
    try:
        ids = backend.records_like_entry(entry, exclude, limit)
    except Unavailable:
        ids = backend.database().records_like_entry(entry, exclude, limit)
    found = SearchEntry.objects.select_related("province").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
