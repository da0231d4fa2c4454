"""Record search on the search cluster: one request gives the page, the count and every facet.

The text query comes from the Persian backend's compiler (``search.backends.elasticsearch``), so the
words match exactly as on the database backend; filters, facets (aggregations), ordering and paging
are the cluster's own, as the ORM's are the database's (``search.backends.database_search``). When
the cluster does not answer, ``Unavailable`` is raised, and for ``SEARCH_RETRY_AFTER`` seconds the
cluster is not asked again (``search.backends.resting``).
"""

from collections import Counter

from modelsearch.query import MatchAll, PlainText
from wagtail.search.backends import get_search_backend

from persian import jalali
from persian.analysis import LENIENT_BELOW, lenient_groups
from search.expansion import Expansion
from search.models import EntryKind, SearchEntry
from search.statuses import lapsing

from .grams import GRAMS_FIELD, character_grams
from .records import Found, Match, RecordSearch, TooBroad, Unavailable
from .resting import is_resting, mark_down, mark_up
from .terms import AnyTerm, LenientText, TermTree

SIMILAR_FIELDS = ["index_title", "text", "topic_names"]

# Tiers added to the BM25 score, which stays far below either: a typed ref's record first, then, in
# a lenient search, the records that have every word.
PIN_BOOST = 10_000_000.0
EXACT_BOOST = 1_000_000.0  # with a thesaurus expansion: the records with the query's own words first…
COMPLETE_BOOST = 10_000.0
# …then the expansion's tiers (search.expansion), each a constant above the scores of the one below:
# a record may match weaker tiers' filters too, so each boost exceeds the sum of those below it
TIER_BOOSTS = {2: 100_000.0, 3: 20_000.0, 4: 3_000.0, 5: 1_000.0, 6: 100.0}
MAX_WINDOW = 10_000  # the engine's default index.max_result_window
TOO_BROAD = ("too_many_nested_clauses", "too_many_clauses", "maxClauseCount")


def _too_broad(error):
    return any(reason in str(getattr(error, "info", "")) + str(error) for reason in TOO_BROAD)


GRAMS_SHOULD_MATCH = "80%"


def _term(field, value):
    return {"term": {f"{field}_filter": value}}


def _terms(field, values):
    return {"terms": {f"{field}_filter": list(values)}}


def _lapse_clause(kind, lapse, today):
    return {
        "bool": {
            "filter": [
                _term("kind", kind),
                _terms("status", lapse.statuses),
                {"range": {f"{lapse.date_field}_filter": {"lt": today.isoformat()}}},
            ]
        }
    }


def _lapsed(today, only=None):
    """Entries whose stored status has lapsed (``search.statuses.lapsing``), of the types ``only`` picks."""
    clauses = [_lapse_clause(kind, lapse, today) for kind, lapse in lapsing() if only is None or only(lapse)]
    return clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses, "minimum_should_match": 1}}


def _status_clause(status, today):
    if any(status == lapse.becomes for _, lapse in lapsing()):
        return {"bool": {"should": [_lapsed(today, lambda lapse: lapse.becomes == status), _term("status", status)]}}
    if any(status in lapse.statuses for _, lapse in lapsing()):
        lapsed = _lapsed(today, lambda lapse: status in lapse.statuses)
        return {"bool": {"filter": [_term("status", status)], "must_not": [lapsed]}}
    return _term("status", status)


def filters(request, today):
    clauses = []
    if request.within is not None:
        clauses.append(_terms("id", list(request.within)))
    if request.types:
        clauses.append(_terms("kind", request.types))
    if request.provinces:
        clauses.append(_terms("province_id", [p.pk for p in request.provinces]))
    clauses.extend(_term("topic_ids", topic.pk) for topic in request.topics)
    if request.years:
        clauses.append(_terms("year", request.years))
    if request.statuses:
        clauses.append({"bool": {"should": [_status_clause(s, today) for s in request.statuses]}})
    return {"bool": {"filter": clauses}}


def _facet_aggregations(today):
    return {
        "type": {"terms": {"field": "kind_filter", "size": 10}},
        "province": {"terms": {"field": "province_id_filter", "size": 100}},
        "year": {"terms": {"field": "year_filter", "size": 200}},
        "topic": {"terms": {"field": "topic_ids_filter", "size": 1000}},
        "status": {
            "filter": {"bool": {"must_not": [_lapsed(today)]}},
            "aggs": {"values": {"terms": {"field": "status_filter", "size": 20}}},
        },
        **{f"lapsed_{becomes}": {"filter": _lapsed_to(becomes, today)} for becomes in _becomes()},
    }


def _lapsed_to(becomes, today):
    return _lapsed(today, lambda lapse: lapse.becomes == becomes)


def _becomes():
    return sorted({lapse.becomes for _, lapse in lapsing()})


def _text_query(engine, request, lenient=False):
    text = (LenientText if lenient else PlainText)(request.q) if request.q else MatchAll()
    return _compiled(engine, text)


def _compiled(engine, query):
    return engine.query_compiler_class(SearchEntry.objects.all(), query).get_query()


def _query(engine, request, refs, lenient=False):
    """The text query, a typed ref's record pinned first; when ``lenient``, the records that have every
    word ahead of those that miss one (as ``Match.missed_a_word`` orders them on the database)."""
    query = _text_query(engine, request, lenient)
    tiers = []
    if refs:
        tiers.append({"terms": {"ref_key_filter": sorted(refs), "boost": PIN_BOOST}})
    if lenient:
        tiers.append({"constant_score": {"filter": _text_query(engine, request), "boost": COMPLETE_BOOST}})
    if tiers:
        query = {"bool": {"must": [query], "should": tiers}}
    return query


def _widened(engine, query, trees):
    """``query`` or any of the expansion's trees, the query's own matches first, then tier by tier."""
    shoulds = [{"constant_score": {"filter": query, "boost": EXACT_BOOST}}, query]
    for tier, tree in trees:
        compiled = _compiled(engine, TermTree(tree))
        shoulds += [{"constant_score": {"filter": compiled, "boost": TIER_BOOSTS[tier]}}, compiled]
    return {"bool": {"should": shoulds, "minimum_should_match": 1}}


def tier_of(score):
    """The expansion tier of a hit's score from ``_widened``: 0 for the query's own matches."""
    if score >= EXACT_BOOST:
        return 0
    return next((tier for tier, boost in sorted(TIER_BOOSTS.items()) if score >= boost), max(TIER_BOOSTS))


def _grams_query(analyzed):
    """What the cluster adds when no word matched: most of the query's character n-grams, so a
    compound fused or split in a way the pipeline cannot undo («آبرسانیسیار») still finds its record."""
    grams = character_grams(analyzed.understood)
    return {"match": {GRAMS_FIELD: {"query": grams, "minimum_should_match": GRAMS_SHOULD_MATCH}}}


def _facets(aggregations):
    counts = {name: Counter() for name in ("type", "province", "topic", "year", "status")}
    for name in ("type", "year"):
        for bucket in aggregations[name]["buckets"]:
            counts[name][str(bucket["key"])] = bucket["doc_count"]
    for name in ("province", "topic"):
        for bucket in aggregations[name]["buckets"]:
            counts[name][int(bucket["key"])] = bucket["doc_count"]
    for bucket in aggregations["status"]["values"]["buckets"]:
        if bucket["key"]:
            counts["status"][bucket["key"]] += bucket["doc_count"]
    for becomes in _becomes():
        if aggregations[f"lapsed_{becomes}"]["doc_count"]:
            counts["status"][becomes] += aggregations[f"lapsed_{becomes}"]["doc_count"]
    return counts


class ClusterRecords(RecordSearch):
    """Record search on OpenSearch / Elasticsearch, mixed into the Persian engine backends."""

    def search_records(self, request, analyzed, expand):
        expansion = Expansion()

        def expander(matched):
            nonlocal expansion
            expansion = expand(matched)
            return expansion.trees() if expansion else []

        count, counts, hits = self._hits(request, analyzed, expander)
        found = None
        if request.q:
            tiers = {pk: tier_of(score) for pk, score in hits if expansion and tier_of(score)}
            found = Match({pk: -score for pk, score in hits}, [pk for pk, _ in hits], tiers=tiers)
        return Found(count, counts, [pk for pk, _ in hits], found, expansion)

    def _hits(self, request, analyzed, expander):
        """``(count, facet counters, [(entry id, score)] of the page)``; ``expander(matched)`` gives
        the (tier, tree) pairs of the query's expansion (``search.expansion``)."""
        today = jalali.today()
        start = (request.page - 1) * request.page_size
        size = max(0, min(request.page_size, MAX_WINDOW - start))
        body = {
            "post_filter": filters(request, today),
            "aggs": {
                "matched": {"value_count": {"field": "id_filter"}},
                "filtered": {"filter": filters(request, today), "aggs": _facet_aggregations(today)},
            },
            "track_total_hits": True,
            "from": start if size else 0,
            "size": size,
        }
        if request.sort == "newest" or not request.q:
            body["sort"] = [{"date_filter": "desc"}, {"id_filter": "desc"}]
        else:
            body["sort"] = ["_score", {"id_filter": "desc"}]
        query = _query(self, request, analyzed.refs)
        response, page = self._asking({**body, "query": query})
        groups = len(analyzed.groups)
        matched = response["aggregations"]["matched"]["value"]
        few = request.q and matched < LENIENT_BELOW
        if few and lenient_groups(groups) < groups:  # as on the database: a long question may miss one word
            query = _query(self, request, analyzed.refs, lenient=True)
            response, page = self._asking({**body, "query": query})
        if request.q and not response["aggregations"]["matched"]["value"]:
            query = _grams_query(analyzed)
            response, page = self._asking({**body, "query": query})
        trees = expander(response["aggregations"]["matched"]["value"]) if request.q else []
        if trees:
            response, page = self._asking({**body, "query": _widened(self, query, trees)})
        return response["hits"]["total"]["value"], _facets(response["aggregations"]["filtered"]), page

    def _asking(self, body):
        """``search_ids``, with a failure marked and raised as ``Unavailable``."""
        if is_resting():
            raise Unavailable("the search cluster is resting after a failure")
        try:
            answer = self.search_ids(SearchEntry, body)
        except self.unavailable as error:
            if _too_broad(error):
                raise TooBroad(str(error)) from error
            mark_down(error)
            raise Unavailable(str(error)) from error
        mark_up()
        return answer

    def document_frequencies(self, terms, share=1.0, most=None):
        """In one request: a filter aggregation per term, each counted to the end."""
        terms = sorted(terms)
        per_term = {str(n): {"term": {"_all_text": term}} for n, term in enumerate(terms)}
        body = {"size": 0, "track_total_hits": True, "aggs": {"terms": {"filters": {"filters": per_term}}}}
        response, _ = self._asking(body)
        buckets = response["aggregations"]["terms"]["buckets"]
        frequencies = {term: buckets[str(n)]["doc_count"] for n, term in enumerate(terms)}
        return frequencies, response["hits"]["total"]["value"]

    def records_like_terms(self, terms, request, exclude, limit):
        query = {
            "bool": {
                "must": [_compiled(self, AnyTerm(terms))],
                "filter": [filters(request, jalali.today())],
                "must_not": [{"terms": {"id_filter": list(exclude)}}],
            }
        }
        _, hits = self._asking({"query": query, "size": limit, "sort": ["_score", {"id_filter": "desc"}]})
        return [pk for pk, _ in hits]

    def records_like_entry(self, entry, exclude, limit):
        """The engine's ``more_like_this`` of the entry's indexed document."""
        index = self.get_index_for_model(SearchEntry).name
        like = {
            "fields": SIMILAR_FIELDS,
            "like": [{"_index": index, "_id": str(entry.pk)}],
            "min_term_freq": 1,
            "min_doc_freq": 1,
            "max_query_terms": 30,
            "minimum_should_match": "10%",
        }
        unwanted = [{"terms": {"id_filter": list(exclude)}}, {"term": {"kind_filter": EntryKind.RESOLUTION}}]
        body = {"query": {"bool": {"must": {"more_like_this": like}, "must_not": unwanted}}, "size": limit}
        _, hits = self._asking(body)
        return [pk for pk, _ in hits]

    def database(self):
        return get_search_backend("database")
