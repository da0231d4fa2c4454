"""Suggestions as someone types: record titles, municipalities and topics."""

from wagtail.search.backends import get_search_backend

from persian.analysis import fold_phrase
from places.models import Municipality, Topic

from .models import SearchEntry

MIN_CHARS = 2


def suggestions(query, limit=8):
    typed = fold_phrase(query)
    if len(typed.replace(" ", "")) < MIN_CHARS:
        return []
    candidates = SearchEntry.objects.exclude(kind="resolution")
    found = []
    for topic in Topic.objects.all():
        if fold_phrase(topic.name).startswith(typed) or f" {typed}" in f" {fold_phrase(topic.name)}":
            found.append({"kind": "topic", "label": topic.name, "url": topic.get_absolute_url()})
    for municipality in Municipality.objects.select_related("province"):
        if fold_phrase(municipality.name).startswith(typed):
            found.append(
                {
                    "kind": "municipality",
                    "label": f"{municipality.name} ({municipality.province.name})",
                    "url": municipality.get_absolute_url(),
                }
            )
    # On the search cluster the results fall back to the database by themselves when it is down.
    for entry in get_search_backend().autocomplete(query, candidates)[:limit]:
        found.append({"kind": entry.kind, "label": entry.title, "url": entry.url})
    return found[:limit]
