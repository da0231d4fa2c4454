"""What a search answers: the outcome, and the rows of its results and related records as the API
gives them (snippets, effective statuses, topics), with the facets named."""

from collections import Counter
from dataclasses import dataclass, field
from difflib import get_close_matches

from persian import jalali
from persian.analysis import AnalyzedQuery, fold_phrase
from places.models import Province, Topic

from .expansion import Expansion
from .highlight import snippet
from .models import SearchEntry
from .request import SearchRequest
from .scans import scan_match as match_in_scan
from .statuses import effective_status, status_kinds

NO_QUERY = AnalyzedQuery((), "", False)


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


def entries(page_ids):
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


def named_facets(counts):
    """Facet counters keyed by province and topic ids → the API's facets: names, largest first."""
    counts = dict(counts)
    for name, model in (("province", Province), ("topic", Topic)):
        names = dict(model.objects.filter(pk__in=list(counts[name])).values_list("pk", "name"))
        counts[name] = Counter({names[pk]: n for pk, n in counts[name].items() if pk in names})
    ordered = {name: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for name, c in counts.items()}
    ordered["year"] = dict(sorted(counts["year"].items(), reverse=True))
    return ordered


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
    status = entry.effective if entry.kind in status_kinds() else None
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


def related_row(entry):
    """A related record's row: its opening lines, nothing marked (it lacks words of the query)."""
    row = result_row(entry, NO_QUERY, None)
    row["matched_in"] = "related"
    return row
