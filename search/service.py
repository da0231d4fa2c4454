"""The one search code path behind the search page and ``/api/search/``.

``parse_request`` validates the URL parameters (``InvalidSearch`` carries a Persian reason),
``run_search`` answers: matches through the configured Wagtail search backend, then filters, facets,
ordering and snippets in the database.
"""

from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Value, When
from wagtail.search.backends import get_search_backend

from portal import jalali
from portal.models import Province, Topic
from portal.persian import normalize, to_latin_digits

from .analysis import AnalyzedQuery, analyze_query
from .highlight import snippet
from .models import EntryKind, SearchEntry

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


class InvalidSearch(ValueError):
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


def clean_query(text):
    """Drop control characters and cap the length; the analyzer takes care of everything else."""
    text = "".join(ch if ch.isprintable() or ch in "\u200c" else " " for ch in text or "")
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def _positive_int(value, name, upper=None):
    text = to_latin_digits(value or "").strip()
    if not text.isdigit() or int(text) < 1 or (upper and int(text) > upper):
        limit = f" و حداکثر {upper}" if upper else ""
        raise InvalidSearch(f"پارامتر {name} باید عددی صحیح از ۱{limit} باشد، نه «{value}».")
    return int(text)


def _by_name(model, names, label):
    found = []
    table = {normalize(obj.name): obj for obj in model.objects.all()}
    for name in names:
        obj = table.get(normalize(name))
        if obj is None:
            raise InvalidSearch(f"{label} «{name}» شناخته نیست.")
        found.append(obj)
    return found


def parse_request(params):
    """A SearchRequest from a QueryDict; raises InvalidSearch for a bad parameter."""
    request = SearchRequest(q=clean_query(params.get("q", "")))
    request.types = params.getlist("type")
    for value in request.types:
        if value not in EntryKind.values:
            raise InvalidSearch(f"نوع «{value}» شناخته نیست؛ یکی از {', '.join(EntryKind.values)}.")
    request.provinces = _by_name(Province, params.getlist("province"), "استان")
    request.topics = _by_name(Topic, params.getlist("topic"), "موضوع")
    for value in params.getlist("year"):
        year = to_latin_digits(value).strip()
        if not (year.isdigit() and len(year) == 4 and 1300 <= int(year) <= 1500):
            raise InvalidSearch(f"سال «{value}» باید سال شمسی چهاررقمی باشد، مانند ۱۴۰۳.")
        request.years.append(int(year))
    request.statuses = params.getlist("status")
    for value in request.statuses:
        if value not in RESOLUTION_STATUSES + AGREEMENT_STATUSES:
            raise InvalidSearch(f"وضعیت «{value}» شناخته نیست.")
    request.sort = params.get("sort") or ("relevance" if request.q else "newest")
    if request.sort not in SORTS:
        raise InvalidSearch("ترتیب باید relevance یا newest باشد.")
    if "page" in params:
        request.page = _positive_int(params.get("page"), "page")
    if "page_size" in params:
        request.page_size = _positive_int(params.get("page_size"), "page_size", MAX_PAGE_SIZE)
    return request


def effective_status():
    """An agreement past its term is expired, whatever its stored status says."""
    today = jalali.today()
    return Case(
        When(
            kind=EntryKind.AGREEMENT,
            status__in=("signed", "in_force"),
            valid_until__lt=today,
            then=Value("expired"),
        ),
        default=F("status"),
        output_field=CharField(),
    )


@dataclass
class SearchOutcome:
    request: SearchRequest
    analyzed: AnalyzedQuery
    count: int
    results: list
    facets: dict
    nearest_topics: list = field(default_factory=list)

    @property
    def pages(self):
        return max(1, -(-self.count // self.request.page_size))


def _matches(request, analyzed):
    """Entries matching the text query (ordered by relevance with ``score``), or all entries."""
    entries = SearchEntry.objects.all()
    if not request.q:
        return entries, False
    if not analyzed:
        return entries.none(), False
    results = get_search_backend().search(request.q, entries, order_by_relevance=True).annotate_score("_score")
    return results.get_queryset(), True


def _filtered(queryset, request):
    queryset = queryset.annotate(effective=effective_status())
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
        queryset = queryset.filter(effective__in=request.statuses)
    return queryset


def _facets(queryset):
    plain = queryset.order_by()
    through = SearchEntry.topics.through
    topic_rows = (
        through.objects.filter(searchentry__in=plain.values("pk"))
        .values("topic__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "topic__name")
    )
    return {
        "type": _count(plain, "kind"),
        "province": _count(plain, "province__name"),
        "topic": {row["topic__name"]: row["n"] for row in topic_rows},
        "year": {str(k): v for k, v in sorted(_count(plain, "year").items(), reverse=True)},
        "status": {k: v for k, v in _count(plain, "effective").items() if k},
    }


def _count(queryset, field_name):
    rows = queryset.values(field_name).annotate(n=Count("pk")).order_by("-n", field_name)
    return {row[field_name]: row["n"] for row in rows}


def _ordered(queryset, request, analyzed, scored):
    if scored and request.sort == "relevance":
        if analyzed.refs and getattr(get_search_backend(), "pins_exact_refs", False):
            exact_ref = Case(When(ref_key__in=analyzed.refs, then=Value(0)), default=Value(1))
            return queryset.order_by(exact_ref, "_score", "-date", "-pk")
        return queryset.order_by("_score", "-date", "-pk")
    return queryset.order_by("-date", "-pk")


def result_row(entry, analyzed, scored):
    terms = analyzed.terms
    html, matched = snippet(entry.text, terms)
    matched_in = "text" if matched else None
    if not matched and entry.attachment_text:
        attachment_html, in_attachment = snippet(entry.attachment_text, terms)
        if in_attachment:
            html, matched_in = attachment_html, "attachment"
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
        "score": round(-entry._score, 4) if scored and entry._score is not None else None,
        "matched_in": matched_in,
        "attachment": entry.attachment_names if matched_in == "attachment" else None,
        "topics": [t.name for t in entry.topics.all()],
    }


def nearest_topics(analyzed, limit=5):
    """Topics sharing a word with the query, for the page that found nothing."""
    from difflib import get_close_matches

    from .analysis import words

    names = {topic.name: topic for topic in Topic.objects.all()}
    folded = {" ".join(w.fused for w in words(name)): name for name in names}
    picks = []
    for term in analyzed.understood.split():
        for key in get_close_matches(term, list(folded), n=limit, cutoff=0.5) + [
            key for key in folded if term and term in key
        ]:
            if folded[key] not in picks:
                picks.append(folded[key])
    return [names[name] for name in picks[:limit]]


def run_search(request):
    analyzed = analyze_query(request.q) if request.q else AnalyzedQuery((), "", False)
    matched, scored = _matches(request, analyzed)
    filtered = _filtered(matched, request)
    count = filtered.order_by().count()
    facets = _facets(filtered) if count else {"type": {}, "province": {}, "topic": {}, "year": {}, "status": {}}
    start = (request.page - 1) * request.page_size
    rows = (
        _ordered(filtered, request, analyzed, scored)
        .select_related("province")
        .prefetch_related("topics")[start : start + request.page_size]
    )
    results = [result_row(entry, analyzed, scored) for entry in rows]
    outcome = SearchOutcome(request, analyzed, count, results, facets)
    if not count and request.q:
        outcome.nearest_topics = nearest_topics(analyzed)
    return outcome
