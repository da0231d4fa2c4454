"""Turning a SearchOutcome into what the search page shows: labels, facet links, pages."""

from persian.text import to_persian_digits

from .models import EntryKind
from .statuses import status_label

FACET_PARAMS = (("type", "نوع"), ("province", "استان"), ("topic", "موضوع"), ("year", "سال"), ("status", "وضعیت"))
TYPE_LABELS = dict(EntryKind.choices)


def _label(param, value):
    if param == "type":
        return TYPE_LABELS.get(value, value)
    if param == "status":
        return status_label(value)
    if param == "year":
        return to_persian_digits(value)
    return value


def _url(params):
    return f"?{params.urlencode()}" if params else "?"


def toggle_url(query, param, value):
    params = query.copy()
    params.pop("page", None)
    values = params.getlist(param)
    params.setlist(param, [v for v in values if v != value] if value in values else [*values, value])
    return _url(params)


def page_url(query, number):
    params = query.copy()
    params["page"] = str(number)
    return _url(params)


def facet_groups(query, facets):
    groups = []
    for param, heading in FACET_PARAMS:
        chosen = query.getlist(param)
        items = [
            {
                "label": _label(param, str(value)),
                "count": count,
                "selected": str(value) in chosen,
                "url": toggle_url(query, param, str(value)),
            }
            for value, count in facets.get(param, {}).items()
        ]
        groups.append({"param": param, "heading": heading, "items": items})
    return groups


def active_filters(query):
    return [
        {"label": f"{heading}: {_label(param, value)}", "url": toggle_url(query, param, value)}
        for param, heading in FACET_PARAMS
        for value in query.getlist(param)
    ]


SHOWN_LABELS = 8


def exact_toggle(query, exact):
    params = query.copy()
    params.pop("page", None)
    params.pop("exact", None)
    if exact:
        params["exact"] = "1"
    return _url(params)


def page_context(request, outcome):
    query = request.GET
    labels = outcome.expansion.labels
    for row in outcome.results + outcome.related:
        row["type_label"] = TYPE_LABELS[row["type"]]
        row["status_label"] = status_label(row["status"]) if row["status"] else None
    search = outcome.request
    hidden = [(param, value) for param, _ in FACET_PARAMS for value in query.getlist(param)]
    return {
        "q": search.q,
        "outcome": outcome,
        "results": outcome.results,
        "facet_groups": facet_groups(query, outcome.facets),
        "active_filters": active_filters(query),
        "hidden_filters": hidden,
        "sort": search.sort,
        "sort_urls": {name: toggle_sort(query, name) for name in ("relevance", "newest")},
        "previous_url": page_url(query, search.page - 1) if search.page > 1 else None,
        "next_url": page_url(query, search.page + 1) if search.page < outcome.pages else None,
        "understood_labels": labels[:SHOWN_LABELS],
        "understood_more": len(labels) > SHOWN_LABELS,
        "exact_url": exact_toggle(query, True),
        "expanded_url": exact_toggle(query, False),
    }


def toggle_sort(query, name):
    params = query.copy()
    params.pop("page", None)
    params["sort"] = name
    return _url(params)
