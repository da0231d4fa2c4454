"""Suggestions as someone types: record titles, municipalities and topics."""

from wagtail.search.backends import get_search_backend

from portal.models import Municipality, Topic

from .analysis import words
from .models import SearchEntry

MIN_CHARS = 2


def _folded(text):
    return " ".join(word.fused for word in words(text))


def suggestions(query, limit=8):
    typed = _folded(query)
    if len(typed.replace(" ", "")) < MIN_CHARS:
        return []
    found = []
    for topic in Topic.objects.all():
        if _folded(topic.name).startswith(typed) or f" {typed}" in f" {_folded(topic.name)}":
            found.append({"kind": "topic", "label": topic.name, "url": topic.get_absolute_url()})
    for municipality in Municipality.objects.select_related("province"):
        if _folded(municipality.name).startswith(typed):
            found.append(
                {
                    "kind": "municipality",
                    "label": f"{municipality.name} ({municipality.province.name})",
                    "url": municipality.get_absolute_url(),
                }
            )
    titles = get_search_backend().autocomplete(query, SearchEntry.objects.exclude(kind="resolution"))
    for entry in titles[:limit]:
        found.append({"kind": entry.kind, "label": entry.title, "url": entry.url})
    return found[:limit]
