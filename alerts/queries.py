"""A saved search's parameters: the search page's own, kept as a query string and parsed the same way."""

from django.http import QueryDict

from persian.text import to_persian_digits
from search.models import EntryKind
from search.service import parse_request
from search.statuses import status_label

KEPT = ("q", "type", "province", "topic", "year", "status", "sort", "exact")


def kept_query(query_string):
    """The search parameters of a search page's query string (no page, page size or garbage), in a
    stable order; raises the search's ``InvalidSearch`` (Persian) when they do not parse."""
    given = QueryDict(query_string or "")
    kept = QueryDict(mutable=True)
    for name in KEPT:
        values = [value for value in given.getlist(name) if value != ""]
        if values:
            kept.setlist(name, values)
    parse_request(kept)
    return kept.urlencode()


def search_request(saved):
    """The ``SearchRequest`` a saved search stands for; raises ``InvalidSearch``."""
    return parse_request(QueryDict(saved.query))


def describe(saved):
    """What a saved search looks for, in words: «شهرداری» · مصوبه · قم."""
    given = QueryDict(saved.query)
    parts = [f"«{given['q']}»"] if given.get("q") else []
    labels = {
        "type": lambda value: EntryKind(value).label if value in EntryKind.values else value,
        "year": to_persian_digits,
        "status": status_label,
    }
    for name in ("type", "province", "topic", "year", "status"):
        parts.extend(labels.get(name, str)(value) for value in given.getlist(name))
    return " · ".join(parts) or "همه اسناد"
