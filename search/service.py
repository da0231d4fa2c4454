"""The one search code path behind the search page and ``/api/search/``.

``parse_request`` (``search.request``) validates the URL parameters; ``run_search`` answers: the
configured backend's record search (``search.backends.records``) matches, filters, counts the facets
and picks the page, the database backend answering when the search cluster does not; the rows, their
snippets and the related records beneath them are made here the same way whichever backend answered.
"""

from persian.analysis import LENIENT_BELOW, analyze_query
from records.freshness import per_version

from .backends.configured import record_search
from .backends.records import Found, TooBroad, Unavailable
from .expansion import Expansion, expand
from .outcome import NO_QUERY, SearchOutcome, entries, named_facets, nearest_topics, related_row, result_row
from .related import beneath
from .request import InvalidSearch, SearchRequest, clean_query, parse_request

__all__ = ["InvalidSearch", "SearchRequest", "clean_query", "matching_ids", "parse_request", "run_search"]

FACETS = ("type", "province", "topic", "year", "status")


EXPANSIONS_KEPT = 2000


def expands(request, analyzed):
    """Whether the query is expanded at all: words to expand, ranked by relevance, exact words not asked."""
    return bool(request.q and analyzed) and not request.exact and request.sort == "relevance"


def understood(request, analyzed, matched, frequencies):
    """The thesaurus expansion of the query (``search.expansion``), unless exact words were asked for;
    ``frequencies(terms)`` tells which spellings records hold."""
    if not expands(request, analyzed):
        return Expansion()
    return expand(request.q, frequencies, matched)


def _held_spellings(backend):
    return lambda terms: backend.document_frequencies(terms, 1.0, 1)[0]


# A query's expansion depends only on the archive (its records' spellings, the thesaurus) and on the
# kind of backend asked: on the database, whose index is written with the records, it is worked out
# once per archive version, not again for the next page, a filter or the same question asked again.
_expansions = per_version(
    lambda kind, q, few, request, analyzed, backend: understood(
        request, analyzed, 0 if few else LENIENT_BELOW, _held_spellings(backend)
    ),
    most=EXPANSIONS_KEPT,
)


def _expander(backend, request, analyzed):
    """``expand(matched)`` for the backend: the query's expansion, with the spellings its records hold;
    none on a backend without the Persian pipeline."""

    def expanded(matched):
        if not backend.analysed or not expands(request, analyzed):
            return Expansion()
        few = matched < LENIENT_BELOW
        if backend.database() is not backend:  # a cluster shows a write only after its refresh: not kept
            return understood(request, analyzed, matched, _held_spellings(backend))
        return _expansions(type(backend).__name__, request.q, few, request=request, analyzed=analyzed, backend=backend)

    return expanded


def _found(backend, request, analyzed):
    if request.q and not analyzed:  # no searchable word at all («***», «؟»): nothing can match
        return Found(0, {name: {} for name in FACETS}, [])
    return backend.search_records(request, analyzed, _expander(backend, request, analyzed))


def run_search(request):
    analyzed = analyze_query(request.q) if request.q else NO_QUERY
    backend, degraded = record_search(), False
    try:
        found = _found(backend, request, analyzed)
    except Unavailable as error:
        backend, degraded = backend.database(), not isinstance(error, TooBroad)
        found = _found(backend, request, analyzed)
    page = entries(found.page_ids)
    results = [result_row(entry, analyzed, found.match, found.expansion) for entry in page]
    outcome = SearchOutcome(request, analyzed, found.count, results, named_facets(found.counts), degraded=degraded)
    outcome.expansion = found.expansion
    if not found.count and request.q:
        outcome.nearest_topics = nearest_topics(analyzed)
    related_ids, failed = beneath(request, analyzed, found.count, page, backend)
    outcome.related = [related_row(entry) for entry in entries(related_ids)]
    outcome.degraded = outcome.degraded or failed
    return outcome


def matching_ids(request):
    """Every entry id ``request`` matches, best first, without the page's rows, facets' names or related
    records: what alerts ask, with ``request.within`` restricting the search to the records changed."""
    analyzed = analyze_query(request.q) if request.q else NO_QUERY
    request.counted = False
    if request.within is not None:
        request.page, request.page_size = 1, max(1, len(request.within))
    backend = record_search()
    try:
        found = _found(backend, request, analyzed)
    except Unavailable:
        found = _found(backend.database(), request, analyzed)
    return found.page_ids
