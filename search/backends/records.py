"""What the search service asks of a search backend, the one interface every backend implements.

This project's backends (``search.backends.sqlite``, ``.postgres`` and the cluster's ``.elasticsearch``)
are ``RecordSearch`` classes, so the service above them (``search.service``) never asks which backend
it has: it asks for the matching records with their facets and page, for document frequencies, and
for records like some terms or like a record; when a backend does not answer (``Unavailable``) it asks
the database backend that ``database()`` names.
"""

from dataclasses import dataclass, field

from search.expansion import Expansion


class Unavailable(Exception):
    """The backend did not answer (the search cluster is down or resting after a failure)."""


class TooBroad(Unavailable):
    """The question holds more clauses than the cluster takes (``indices.query.bool.max_clause_count``,
    a wide thesaurus expansion): not a cluster that is down. The database backend answers this one
    request, the cluster is not rested, and the page does not say search is degraded."""


@dataclass
class Match:
    ranks: dict  # entry id → rank, lower is better
    ids: object  # what ``pk__in=`` takes: an SQL subquery or a list
    complete: frozenset = None  # of a lenient match: the ids that matched every word
    tiers: dict = None  # ids the query's words did not find, reached through ``search.expansion``
    total: int = None  # of a match kept to some records (``SearchRequest.within``): the archive's matches

    @property
    def matched(self):
        """How many records of the archive the query's words matched."""
        return len(self.ranks) if self.total is None else self.total

    def score(self, entry_id):
        """The rank as the API shows it: higher is better."""
        return -self.ranks[entry_id]

    def missed_a_word(self, entry_id):
        """Whether the entry came only through leniency; such entries follow the complete matches."""
        return self.complete is not None and entry_id not in self.complete

    def tier(self, entry_id):
        """0: every word of the query; 1: all but one; then the expansion's tiers (``search.expansion``)."""
        if self.tiers and entry_id in self.tiers:
            return self.tiers[entry_id]
        return 1 if self.missed_a_word(entry_id) else 0

    def expanded(self, entry_id):
        return bool(self.tiers) and entry_id in self.tiers


@dataclass
class Found:
    """A backend's answer to a search request: the whole result set's count and facet counters
    (keyed by kind, province id, topic id, year and effective status), the requested page's entry ids
    in order, the match (None without a query) and what the query was understood to include."""

    count: int
    counts: dict
    page_ids: list
    match: Match = None
    expansion: Expansion = field(default_factory=Expansion)


class RecordSearch:
    """The record search of a backend: implemented by the database backends and by the cluster's."""

    analysed = True  # it holds the Persian pipeline's terms: document frequencies, expansions, related records
    pins_exact_refs = True  # a record whose ref was typed is listed first

    def search_records(self, request, analyzed, expand):
        """``Found`` for a ``SearchRequest`` whose query (if any) has searchable words (``analyzed``):
        matching (scored, in tiers), filters, facets and the requested page; ``expand(matched)`` gives
        the query's ``Expansion`` once the backend knows how many records its own words matched.
        Raises ``Unavailable``."""
        raise NotImplementedError

    def document_frequencies(self, terms, share=1.0, most=None):
        """``({term: search entries holding it}, search entries)``; a term need not be counted past
        ``share`` of the entries or ``most`` entries. Raises ``Unavailable``."""
        raise NotImplementedError

    def records_like_terms(self, terms, request, exclude, limit):
        """The ids of the ``limit`` best records holding any of ``terms`` (analysed terms), within the
        request's filters, without the ids in ``exclude``, best first. Raises ``Unavailable``."""
        raise NotImplementedError

    def records_like_entry(self, entry, exclude, limit):
        """The ids of up to ``limit`` records (never single resolutions) most like the search entry
        ``entry``, without the ids in ``exclude``, most alike first. Raises ``Unavailable``."""
        raise NotImplementedError

    def database(self):
        """The database backend's record search, which answers when this one is ``Unavailable``."""
        return self
