"""The one search code path behind the search page and ``/api/search/``.

``parse_request`` validates the URL parameters (``InvalidSearch`` carries a Persian reason),
``run_search`` answers: matches through the configured Wagtail search backend, then filters, facets,
ordering and snippets in the database.
"""

from collections import Counter
from dataclasses import dataclass, field
from difflib import get_close_matches
import heapq

from django.db import connection
from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, Value, When
from wagtail.search.backends import get_search_backend

from agreements.status import LAPSING_STATUSES
from persian import jalali, params
from persian.analysis import AnalyzedQuery, analyze_query, fold_phrase
from persian.params import BadParameter
from persian.text import normalize
from places.models import Province, Topic

from . import cluster, related
from .backends.elasticsearch import PersianBackend
from .backends.terms import AnyTerm
from .engine import Match, best, document_frequencies_of, match, widen
from .expansion import Expansion, expand
from .highlight import snippet
from .models import EntryKind, SearchEntry
from .scans import scan_match as match_in_scan

MAX_QUERY_CHARS = 1000
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
SORTS = ("relevance", "newest")
RESOLUTION_STATUSES = ("pending", "in_progress", "done", "cancelled")
AGREEMENT_STATUSES = ("draft", "signed", "in_force", "expired", "terminated")
STATUS_LABELS = {
    "pending": "در انتظار اقدام",
    "in_progress": "در دست اقدام",
    "done": "انجام شد",
    "cancelled": "لغو شد",
    "draft": "پیش‌نویس",
    "signed": "امضا شده",
    "in_force": "در حال اجرا",
    "expired": "منقضی",
    "terminated": "فسخ شده",
}


NO_QUERY = AnalyzedQuery((), "", False)


class InvalidSearch(BadParameter):
    """An invalid parameter; the message is Persian and safe to show."""


@dataclass
class SearchRequest:
    q: str = ""
    types: list = field(default_factory=list)
    provinces: list = field(default_factory=list)  # Province objects
    topics: list = field(default_factory=list)  # Topic objects
    years: list = field(default_factory=list)
    statuses: list = field(default_factory=list)
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    exact: bool = False  # only the words typed: no thesaurus, no spelling correction


def clean_query(text):
    """Drop control characters and cap the length; the analyzer takes care of everything else."""
    text = "".join(ch if ch.isprintable() or ch in "\u200c" else " " for ch in text or "")
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def _by_name(model, names, label):
    found = []
    table = {normalize(obj.name): obj for obj in model.objects.all()}
    for name in names:
        obj = table.get(normalize(params.text(name, label)))
        if obj is None:
            raise InvalidSearch(f"{label} «{params.shown(name)}» شناخته نیست.")
        found.append(obj)
    return found


EXACT_VALUES = ("", "0", "1", "true", "false")


def parse_request(query):
    """A SearchRequest from a QueryDict; raises a BadParameter (Persian reason) for a bad parameter."""
    request = SearchRequest(q=clean_query(query.get("q", "")))
    request.types = [
        params.choice(value, EntryKind.values, "type", allow_blank=False) for value in query.getlist("type")
    ]
    request.provinces = _by_name(Province, query.getlist("province"), "استان")
    request.topics = _by_name(Topic, query.getlist("topic"), "موضوع")
    request.years = [params.jalali_year(value) for value in query.getlist("year")]
    statuses = RESOLUTION_STATUSES + AGREEMENT_STATUSES
    request.statuses = [
        params.choice(value, statuses, "status", allow_blank=False) for value in query.getlist("status")
    ]
    request.sort = params.choice(query.get("sort") or ("relevance" if request.q else "newest"), SORTS, "sort")
    request.page = params.page(query)
    if "page_size" in query:
        request.page_size = params.integer(query.get("page_size"), "page_size", 1, MAX_PAGE_SIZE)
    request.exact = params.choice((query.get("exact") or "").strip().lower(), EXACT_VALUES, "exact") in ("1", "true")
    return request


def _lapsed(today):
    """Agreements whose term has run out: expired, whatever their stored status says."""
    return Q(kind=EntryKind.AGREEMENT, status__in=LAPSING_STATUSES, valid_until__lt=today)


def effective_status():
    """The status the public sees, as an SQL expression (for the result rows)."""
    return Case(When(_lapsed(jalali.today()), then=Value("expired")), default=F("status"), output_field=CharField())


def status_filter(statuses):
    """Rows whose effective status is one of ``statuses``, as conditions indexes can serve."""
    lapsed = _lapsed(jalali.today())
    condition = Q(pk__in=[])
    for status in statuses:
        if status == "expired":
            condition |= lapsed | Q(status="expired")
        elif status in LAPSING_STATUSES:
            condition |= Q(status=status) & ~lapsed
        else:
            condition |= Q(status=status)
    return condition


@dataclass
class SearchOutcome:
    request: SearchRequest
    analyzed: AnalyzedQuery
    count: int
    results: list
    facets: dict
    nearest_topics: list = field(default_factory=list)
    degraded: bool = False  # the search cluster did not answer; the database backend did
    expansion: Expansion = field(default_factory=Expansion)  # what the query was understood to include
    related: list = field(default_factory=list)  # rows of records like the first matches (search.related)

    @property
    def pages(self):
        return max(1, -(-self.count // self.request.page_size))


def _filtered(queryset, request):
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


def _facets(queryset, everything=False, match_ids=None, by_id=False):
    """Count and facet counters of the whole result set: one grouped query, plus one for topics.

    ``everything``: the set is the whole table, so topics are counted from the link table alone;
    ``match_ids``: the set is exactly these ids (a match, unfiltered), so links are picked by them;
    ``by_id``: the set is picked by id (a match, perhaps filtered).
    """
    plain = queryset.order_by()
    counts = {"type": Counter(), "province": Counter(), "topic": Counter(), "year": Counter(), "status": Counter()}
    count = 0
    for kind, province_id, year, status, n in _grouped(plain, by_id):
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


def _grouped(plain, by_id=False):
    """(kind, province id, year, effective status, count) rows of the set.

    ``by_id``: the set is picked by id (a match). On SQLite the rows are then read through the
    covering index ``searchentry_facets_by_id``, which the planner passes over without statistics.
    """
    grouped = plain.annotate(effective=effective_status()).values_list("kind", "province_id", "year", "effective")
    grouped = grouped.annotate(n=Count("pk"))
    if not (by_id and connection.vendor == "sqlite"):
        return list(grouped)
    from .backends.sqlite import indexed_by

    sql, params = grouped.query.sql_with_params()
    table = f'FROM "{SearchEntry._meta.db_table}" '
    with connection.cursor() as cursor:
        cursor.execute(indexed_by(sql, table, f"{table}INDEXED BY searchentry_facets_by_id "), params)
        return cursor.fetchall()


def named_facets(counts):
    """Facet counters keyed by province and topic ids → the API's facets: names, largest first."""
    counts = dict(counts)
    for name, model in (("province", Province), ("topic", Topic)):
        names = dict(model.objects.filter(pk__in=list(counts[name])).values_list("pk", "name"))
        counts[name] = Counter({names[pk]: n for pk, n in counts[name].items() if pk in names})
    ordered = {name: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for name, c in counts.items()}
    ordered["year"] = dict(sorted(counts["year"].items(), reverse=True))
    return ordered


def _page(filtered, request, analyzed, found, narrowed, backend):
    """The entries of the requested page, in order."""
    start = (request.page - 1) * request.page_size
    if found is None or request.sort == "newest":
        return list(filtered.order_by("-date", "-pk").values_list("pk", flat=True)[start : start + request.page_size])
    ids = filtered.order_by().values_list("pk", flat=True) if narrowed else found.ranks
    pinned = set()
    if analyzed.refs and getattr(backend, "pins_exact_refs", False):
        pinned = set(filtered.filter(ref_key__in=analyzed.refs).values_list("pk", flat=True))
    ranks = found.ranks
    top = heapq.nsmallest(
        start + request.page_size, ids, key=lambda pk: (pk not in pinned, found.tier(pk), ranks[pk], -pk)
    )
    return top[start:]


def _entries(page_ids):
    """The page's entries, in order, each with its effective status and its topics' names."""
    rows = SearchEntry.objects.annotate(effective=effective_status()).select_related("province")
    by_id = rows.in_bulk(page_ids)
    page = [by_id[pk] for pk in page_ids if pk in by_id]
    for entry in page:
        entry.topic_list = []
    links = SearchEntry.topics.through.objects.filter(searchentry__in=[e.pk for e in page]).select_related("topic")
    by_entry = {e.pk: e for e in page}
    for link in links:
        by_entry[link.searchentry_id].topic_list.append(link.topic.name)
    return page


def result_row(entry, analyzed, found, expansion=None):
    terms = analyzed.terms | (expansion.terms if expansion else frozenset())
    html, matched = snippet(entry.text, terms)
    matched_in = "text" if matched else None
    if not matched and entry.attachment_text:
        attachment_html, in_attachment = snippet(entry.attachment_text, terms)
        if in_attachment:
            html, matched_in = attachment_html, "attachment"
    scan = None
    if matched_in is None and entry.scan_text and terms:
        scan_match = match_in_scan(entry.page_id, terms)
        if scan_match is not None:
            (html, scan), matched_in = scan_match, "scan"
    if matched_in is None and terms:
        title_html, in_title = snippet(entry.title, terms)
        matched_in = "title" if in_title else None
    status = entry.effective if entry.kind in (EntryKind.RESOLUTION, EntryKind.AGREEMENT) else None
    return {
        "type": entry.kind,
        "ref": entry.ref,
        "title": entry.title,
        "url": entry.url,
        "date": entry.date.isoformat(),
        "date_jalali": jalali.format_numeric(entry.date, persian_digits=False),
        "province": entry.province.name,
        "status": status or None,
        "snippet": html,
        "score": round(found.score(entry.pk), 4) if found is not None else None,
        "matched_in": matched_in,
        "attachment": entry.attachment_names if matched_in == "attachment" else None,
        "scan": scan,
        "topics": entry.topic_list,
        "expanded": bool(found is not None and found.expanded(entry.pk)),
    }


def nearest_topics(analyzed, limit=5):
    """Topics sharing a word with the query, for the page that found nothing."""
    names = {topic.name: topic for topic in Topic.objects.all()}
    folded = {fold_phrase(name): name for name in names}
    picks = []
    for term in analyzed.understood.split():
        for key in get_close_matches(term, list(folded), n=limit, cutoff=0.5) + [
            key for key in folded if term and term in key
        ]:
            if folded[key] not in picks:
                picks.append(folded[key])
    return [names[name] for name in picks[:limit]]


def understood(request, analyzed, matched, frequencies):
    """The thesaurus expansion of the query (``search.expansion``), unless exact words were asked for;
    ``frequencies(terms)`` tells which spellings records hold."""
    if not request.q or not analyzed or request.exact or request.sort != "relevance":
        return Expansion()
    return expand(request.q, frequencies, matched)


def _database_frequencies(backend):
    counted = document_frequencies_of(backend)
    return (lambda terms: counted(terms, 1.0, 1)[0]) if counted else None


def _database_search(request, analyzed, backend):
    found, expansion = None, Expansion()
    entries = SearchEntry.objects.all()
    if request.q:
        if analyzed:
            found = match(request.q, backend)
            frequencies = _database_frequencies(backend)  # None on stock Wagtail: it stays stock
            expansion = understood(request, analyzed, len(found.ranks), frequencies) if frequencies else Expansion()
            if expansion:
                found = widen(found, expansion.trees(), backend)
            entries = entries.filter(pk__in=found.ids)
        else:
            entries = entries.none()
    filtered = _filtered(entries, request)
    narrowed = any((request.types, request.provinces, request.topics, request.years, request.statuses))
    match_ids = found.ids if found is not None and not narrowed else None
    everything = not request.q and not narrowed
    count, counts = _facets(filtered, everything, match_ids, by_id=found is not None)
    page_ids = _page(filtered, request, analyzed, found, narrowed, backend) if count else []
    return count, counts, page_ids, found, expansion


def _cluster_search(engine, request, analyzed):
    expansion = Expansion()

    def expander(matched):
        nonlocal expansion
        frequencies = lambda terms: cluster.document_frequencies(engine, terms)[0]  # noqa: E731
        expansion = understood(request, analyzed, matched, frequencies)
        return expansion.trees() if expansion else []

    count, counts, hits = cluster.search(engine, request, analyzed, expander)
    found = None
    if request.q:
        tiers = {pk: cluster.tier_of(score) for pk, score in hits if expansion and cluster.tier_of(score)}
        found = Match({pk: -score for pk, score in hits}, [pk for pk, _ in hits], tiers=tiers)
    return count, counts, [pk for pk, _ in hits], found, expansion


def _database_of(backend):
    """The database backend: the configured one, or the one kept beside the search cluster."""
    return get_search_backend("database") if isinstance(backend, PersianBackend) else backend


def _related_on_cluster(engine, request, texts, page_ids, limit):
    terms = related.expansion_terms(texts, lambda terms, *_: cluster.document_frequencies(engine, terms))
    return cluster.related_ids(engine, request, terms, page_ids, limit) if terms else []


def _related_on_database(database, request, texts, page_ids, limit):
    frequencies = document_frequencies_of(database)
    terms = related.expansion_terms(texts, frequencies) if frequencies else []
    if not terms:
        return []
    within = _filtered(SearchEntry.objects.exclude(pk__in=page_ids), request)
    return best(AnyTerm(terms), database, limit, within)


def _related(request, analyzed, count, entries, backend, on_cluster):
    """(ids of related records to offer beneath the matches, whether the cluster failed meanwhile):
    on the cluster when it answered the matches, else on the database backend."""
    if not related.wanted(request, analyzed, count):
        return [], False
    texts = related.feedback_texts(entries)
    page_ids = [entry.pk for entry in entries]
    limit = related.FILL_TO - count
    if on_cluster:
        try:
            return _related_on_cluster(backend, request, texts, page_ids, limit), False
        except cluster.Unavailable:
            pass
    return _related_on_database(_database_of(backend), request, texts, page_ids, limit), on_cluster


def related_row(entry):
    """A related record's row: its opening lines, nothing marked (it lacks words of the query)."""
    row = result_row(entry, NO_QUERY, None)
    row["matched_in"] = "related"
    return row


def run_search(request):
    analyzed = analyze_query(request.q) if request.q else NO_QUERY
    degraded = False
    backend = get_search_backend()
    on_cluster = isinstance(backend, PersianBackend) and (analyzed or not request.q)
    if on_cluster:
        try:
            count, counts, page_ids, found, expansion = _cluster_search(backend, request, analyzed)
        except cluster.Unavailable:
            degraded, on_cluster = True, False
            count, counts, page_ids, found, expansion = _database_search(request, analyzed, _database_of(backend))
    else:
        count, counts, page_ids, found, expansion = _database_search(request, analyzed, backend)
    entries = _entries(page_ids)
    results = [result_row(entry, analyzed, found, expansion) for entry in entries]
    outcome = SearchOutcome(
        request, analyzed, count, results, named_facets(counts), degraded=degraded, expansion=expansion
    )
    if not count and request.q:
        outcome.nearest_topics = nearest_topics(analyzed)
    related_ids, failed = _related(request, analyzed, count, entries, backend, on_cluster)
    outcome.related = [related_row(entry) for entry in _entries(related_ids)]
    outcome.degraded = outcome.degraded or failed
    return outcome
