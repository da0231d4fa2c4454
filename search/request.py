"""A search request: the URL parameters of the search page and ``/api/search/``, validated.

``parse_request`` raises ``InvalidSearch`` (a ``BadParameter``) with a Persian reason safe to show.
"""

from dataclasses import dataclass, field

from persian import params
from persian.params import BadParameter
from persian.text import normalize
from places.models import Province, Topic

from .models import EntryKind
from .statuses import status_values

MAX_QUERY_CHARS = 1000
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
SORTS = ("relevance", "newest")
EXACT_VALUES = ("", "0", "1", "true", "false")


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
    within: list = None  # entry ids the search is restricted to (alerts: the records changed); never from a URL
    counted: bool = True  # whether the facets are counted (alerts need only the matching ids)

    @property
    def narrowed(self):
        """Whether any filter is chosen."""
        return self.within is not None or any((self.types, self.provinces, self.topics, self.years, self.statuses))


def clean_query(text):
    """Drop control characters and cap the length; the analyzer takes care of everything else."""
    text = "".join(ch if ch.isprintable() or ch in "\u200c" else " " for ch in text or "")
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def _by_name(model, names, label):
    if not names:
        return []
    found = []
    table = {normalize(obj.name): obj for obj in model.objects.all()}
    for name in names:
        obj = table.get(normalize(params.text(name, label)))
        if obj is None:
            raise InvalidSearch(f"{label} «{params.shown(name)}» شناخته نیست.")
        found.append(obj)
    return found


def parse_request(query):
    """A SearchRequest from a QueryDict; raises a BadParameter (Persian reason) for a bad parameter."""
    request = SearchRequest(q=clean_query(query.get("q", "")))
    request.types = [
        params.choice(value, EntryKind.values, "type", allow_blank=False) for value in query.getlist("type")
    ]
    request.provinces = _by_name(Province, query.getlist("province"), "استان")
    request.topics = _by_name(Topic, query.getlist("topic"), "موضوع")
    request.years = [params.jalali_year(value) for value in query.getlist("year")]
    statuses = status_values()
    request.statuses = [
        params.choice(value, statuses, "status", allow_blank=False) for value in query.getlist("status")
    ]
    request.sort = params.choice(query.get("sort") or ("relevance" if request.q else "newest"), SORTS, "sort")
    request.page = params.page(query)
    if "page_size" in query:
        request.page_size = params.integer(query.get("page_size"), "page_size", 1, MAX_PAGE_SIZE)
    request.exact = params.choice((query.get("exact") or "").strip().lower(), EXACT_VALUES, "exact") in ("1", "true")
    return request
