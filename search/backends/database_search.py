"""Record search on a Wagtail database backend: the backend scores the match once per request, and
the ORM filters, counts the facets and picks the page from the matched ids.

``DatabaseRecords`` works with any Wagtail database backend through its public ``search``; the
SQLite and PostgreSQL backends (``search.backends.sqlite``, ``.postgres``) replace the scoring hooks
(``ranked``, ``scored``, ``best_records``, ``merged_ids``, ``grouped_rows``) with one statement each.
"""

from collections import Counter
from dataclasses import replace
import heapq

from django.db.models import Count, Exists, OuterRef
from modelsearch.query import PlainText

from persian.analysis import LENIENT_BELOW, analyze_query, lenient_groups
from records.freshness import per_version
from search.expansion import Expansion
from search.models import SearchEntry
from search.shared_topics import records_like
from search.statuses import effective_status, status_filter

from .records import Found, Match, RecordSearch
from .terms import AnyTerm, LenientText, TermTree, pruned, tree_terms

# The most records an expansion adds, the best by tier, then by the engine's score: a concept's labels
# can reach a third of a large archive, and scoring all of it into Python made a concept question
# several times slower than its words alone. The count and the facets are of what is added.
EXPANSION_LIMIT = 300


class DatabaseRecords(RecordSearch):
    def search_records(self, request, analyzed, expand):
        found = None
        entries = SearchEntry.objects.all()
        expansion = Expansion()
        if request.q:
            found = self.match(request.q, request.within)
            if found.total is not None:  # already kept to the records of ``within``
                request = replace(request, within=None)
            expansion = expand(found.matched)
            if expansion:
                found = self.widen(found, expansion.trees())
            entries = entries.filter(pk__in=found.ids)
        filtered = self.filtered(entries, request)
        match_ids = found.ids if found is not None and not request.narrowed else None
        everything = not request.q and not request.narrowed
        if not request.counted:
            page_ids = self.page(filtered, request, analyzed, found)
            return Found(
                len(page_ids),
                {name: {} for name in ("type", "province", "topic", "year", "status")},
                page_ids,
                found,
                expansion,
            )
        count, counts = self.facets(filtered, everything, match_ids, by_id=found is not None)
        page_ids = self.page(filtered, request, analyzed, found) if count else []
        return Found(count, counts, page_ids, found, expansion)

    def match(self, query_string, within=None):
        """Every word must match; a long question that finds too little may miss one word, and then the
        records that have every word still come first. With ``within`` (entry ids: the records an alert
        looks at), only those records are ranked, unless the archive holds too few matches, when the
        leniency and the expansion, which depend on the whole archive, are worked out as for the page."""
        if within is not None:
            kept = self.ranked_within(PlainText(query_string), within)
            if kept.total >= LENIENT_BELOW:
                return kept
        found = self.ranked(PlainText(query_string))
        analysed = analyze_query(query_string)
        if len(found.ranks) < LENIENT_BELOW and lenient_groups(len(analysed.groups)) < len(analysed.groups):
            relaxed = self.ranked(LenientText(query_string))
            relaxed.complete = frozenset(found.ranks)
            return relaxed
        return found

    def widen(self, found, trees, limit=None):
        """``found`` with the records each (tier, tree) of an expansion adds, never dropping one: the
        added ids are ranked after the query's own matches, tier by tier, each by the engine's score;
        all tiers together add at most ``limit`` (``EXPANSION_LIMIT``) records, and a weaker tier is
        asked only for the room the stronger ones left."""
        limit = EXPANSION_LIMIT if limit is None else limit
        tiers, ranks = {}, {}
        terms = frozenset().union(*(tree_terms(tree) for _, tree in trees))
        trees = pruned_trees(trees, _held_terms(type(self).__name__, terms, backend=self))
        for tier, tree in trees:
            room = limit - len(tiers)
            if room <= 0:
                break
            taken = len(found.ranks) + len(tiers)  # the best rows may be records already found
            for pk, rank in _tier_scores(type(self).__name__, tree, room + taken, backend=self):
                if len(tiers) == limit:
                    break
                if pk not in found.ranks and pk not in tiers:
                    tiers[pk], ranks[pk] = tier, rank
        if not tiers:
            return found
        merged = {**found.ranks, **ranks}
        return Match(merged, self.merged_ids(found, ranks, merged), found.complete, tiers)

    # Scoring hooks: what the SQLite and PostgreSQL backends do in one statement each.

    def ranked(self, query):
        """A ``Match`` of every record a query object matches."""
        results = self.search(query, SearchEntry.objects.all()).annotate_score("_score")
        ranks = {entry.pk: -(entry._score or 0.0) for entry in results}
        return Match(ranks, list(ranks))

    def ranked_within(self, query, within):
        """A ``Match`` of the records of ``within`` (entry ids) a query object matches, with ``total``:
        how many the whole archive holds (backends may stop counting at ``LENIENT_BELOW``)."""
        found = self.ranked(query)
        wanted = set(within)
        ranks = {pk: rank for pk, rank in found.ranks.items() if pk in wanted}
        return Match(ranks, list(ranks), total=len(found.ranks))

    def scored(self, query, limit):
        """[(id, rank)] of the ``limit`` best records a query object matches, best first, leaving the
        request's match alone."""
        results = self.search(query, SearchEntry.objects.all()).annotate_score("_score")[:limit]
        return [(entry.pk, -(entry._score or 0.0)) for entry in results]

    def best_records(self, query, limit, within):
        """The ids of the ``limit`` best records of ``within`` (a SearchEntry queryset) for a query
        object, best first, leaving the request's match alone."""
        raise ValueError(f"no ranked search within a queryset on {type(self).__name__}")

    def held_terms(self, terms):
        """The ``terms`` some record holds, to leave the others out of an expansion's trees (they
        neither match nor weigh in a score), or None to leave the trees whole."""
        return None

    def merged_ids(self, found, added, merged):
        """What ``pk__in=`` takes for ``merged``: ``found``'s ids with the ``added`` {id: rank}."""
        return list(merged)

    def grouped_rows(self, grouped, by_id):
        """The rows of the facets' grouped query; ``by_id``: the set is picked by id (a match)."""
        return list(grouped)

    # Filters, facets and the page, in the ORM.

    def filtered(self, queryset, request):
        if request.within is not None:
            queryset = queryset.filter(pk__in=request.within)
        if request.types:
            queryset = queryset.filter(kind__in=request.types)
        if request.provinces:
            queryset = queryset.filter(province__in=request.provinces)
        for topic in request.topics:  # every chosen topic must apply
            through = SearchEntry.topics.through
            queryset = queryset.filter(Exists(through.objects.filter(searchentry=OuterRef("pk"), topic=topic)))
        if request.years:
            queryset = queryset.filter(year__in=request.years)
        if request.statuses:
            queryset = queryset.filter(status_filter(request.statuses))
        return queryset

    def facets(self, queryset, everything=False, match_ids=None, by_id=False):
        """Count and facet counters of the whole result set: one grouped query, plus one for topics.

        ``everything``: the set is the whole table, so topics are counted from the link table alone;
        ``match_ids``: the set is exactly these ids (a match, unfiltered), so links are picked by them;
        ``by_id``: the set is picked by id (a match, perhaps filtered).
        """
        plain = queryset.order_by()
        counts = {"type": Counter(), "province": Counter(), "topic": Counter(), "year": Counter(), "status": Counter()}
        count = 0
        grouped = plain.annotate(effective=effective_status()).values_list("kind", "province_id", "year", "effective")
        for kind, province_id, year, status, n in self.grouped_rows(grouped.annotate(n=Count("pk")), by_id):
            count += n
            counts["type"][kind] += n
            counts["province"][province_id] += n
            counts["year"][str(year)] += n
            if status:
                counts["status"][status] += n
        if count:
            links = SearchEntry.topics.through.objects.all()
            if match_ids is not None:
                links = links.filter(searchentry_id__in=match_ids)
            elif not everything:
                links = links.filter(searchentry_id__in=plain.values("pk"))
            for row in links.values("topic_id").annotate(n=Count("pk")).order_by():
                counts["topic"][row["topic_id"]] += row["n"]
        return count, counts

    def page(self, filtered, request, analyzed, found):
        """The entries of the requested page, in order."""
        start = (request.page - 1) * request.page_size
        if found is None or request.sort == "newest":
            newest = filtered.order_by("-date", "-pk").values_list("pk", flat=True)
            return list(newest[start : start + request.page_size])
        ids = filtered.order_by().values_list("pk", flat=True) if request.narrowed else found.ranks
        pinned = set()
        if analyzed.refs and self.pins_exact_refs:
            pinned = set(filtered.filter(ref_key__in=analyzed.refs).values_list("pk", flat=True))
        ranks = found.ranks
        top = heapq.nsmallest(
            start + request.page_size, ids, key=lambda pk: (pk not in pinned, found.tier(pk), ranks[pk], -pk)
        )
        return top[start:]

    # Records like this.

    def records_like_terms(self, terms, request, exclude, limit):
        within = self.filtered(SearchEntry.objects.exclude(pk__in=exclude), request)
        return self.best_records(AnyTerm(terms), limit, within)

    def records_like_entry(self, entry, exclude, limit):
        """On the database: the records sharing the most topics with ``entry``, then the newest."""
        return records_like(entry, exclude, limit)


# Which of an expansion's terms records hold, asked once per archive version (the same question's
# next page, filters or repeat ask the same terms).
_held_terms = per_version(lambda kind, terms, backend: backend.held_terms(terms), most=2000)


# The best records of an expansion's tier, scored once per archive version: bm25 over every record a
# tier matches is most of what an expanded question costs (a tier may match a quarter of a large
# archive), and the same question's next page, another filter or a repeat asks the same tiers.
_tier_scores = per_version(lambda kind, tree, limit, backend: backend.scored(TermTree(tree), limit), most=500)


def pruned_trees(trees, held):
    """(tier, tree) pairs without the terms no record holds (``held`` None: as they are); a tree left
    unable to match anything is dropped."""
    if held is None:
        return list(trees)
    kept = [(tier, pruned(tree, held)) for tier, tree in trees]
    return [(tier, tree) for tier, tree in kept if tree is not None]


class StockAdapter:
    """Wagtail's own database backend, as Wagtail ships it (the benchmarks' baseline), with the
    record search beside it: none of the Persian pipeline's extras (expansions, related records,
    pinned refs)."""

    analysed = False
    pins_exact_refs = False

    def __init__(self, backend):
        self.backend = backend

    def __getattr__(self, name):
        return getattr(self.backend, name)


class StockRecords(StockAdapter, DatabaseRecords):
    pass
