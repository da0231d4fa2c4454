"""The database's «similar records»: the records sharing the most topics with a search entry, then the
newest (then the newest id), never a single resolution.

Exact, without grouping every record of the entry's topics (a common topic holds half the archive):

1. The newest ``WINDOW`` entries (a prefix of the order by date and id, read off its index) are ranked.
2. Say the last of the ``limit`` best of them shares ``floor`` topics (0 when fewer are found). An older
   entry comes before one of them only by sharing more than ``floor`` of the ``k`` topics, so, if
   ``floor < k``, the entries sharing at least ``floor + 1`` are ranked too: each holds one of the
   ``k - floor`` smallest topics (missing them all leaves at most ``floor``), so those are read, not all.
3. The best ``limit`` of both lists are the answer.

In the usual case the window alone settles it (its best share every topic); else step 2 reads the
records of the smallest topics. Four queries at most, whatever the archive's size.
"""

from django.db.models import Count, IntegerField, OuterRef, Subquery

from .models import EntryKind, SearchEntry

WINDOW = 2000


def _links():
    return SearchEntry.topics.through.objects.all()


def _shared(entry_ids, topics):
    """How many of ``topics`` each entry of ``entry_ids`` holds, counted on the topic links alone."""
    links = _links().filter(searchentry__in=entry_ids, topic__in=topics).order_by().values("searchentry")
    return links.annotate(n=Count("pk"))


def _ranked(holders, topics, exclude, limit, at_least=1):
    """[(id, shared, date)] of the ``limit`` best entries of ``holders`` (a subquery of entry ids) sharing at
    least ``at_least`` of ``topics``. Counted on the links, grouped by entry id alone: only the entries that
    share enough are read, and then only their kind and date."""
    enough = _shared(holders, topics).filter(n__gte=at_least).values("searchentry")
    shared = Subquery(_shared(OuterRef("pk"), topics).values("n"), output_field=IntegerField())
    rows = SearchEntry.objects.filter(pk__in=enough).exclude(pk__in=exclude).exclude(kind=EntryKind.RESOLUTION)
    rows = rows.annotate(shared=shared).order_by("-shared", "-date", "-pk")
    return list(rows.values_list("pk", "shared", "date")[:limit])


def _smallest(topics, count):
    """The ``count`` of ``topics`` (ids) held by the fewest entries."""
    if count >= len(topics):
        return topics
    sizes = dict.fromkeys(topics, 0)
    for row in _links().filter(topic__in=topics).values("topic").annotate(n=Count("pk")).order_by():
        sizes[row["topic"]] = row["n"]
    return sorted(topics, key=lambda topic: (sizes[topic], topic))[:count]


def _order(row):
    pk, shared, date = row
    return (-shared, -date.toordinal(), -pk)


def records_like(entry, exclude, limit):
    """The ids of up to ``limit`` entries (not resolutions, not in ``exclude``) sharing the most topics
    with ``entry``, then the newest, most alike first."""
    topics = sorted(entry.topics.values_list("pk", flat=True))
    if not topics or limit <= 0:
        return []
    newest = SearchEntry.objects.order_by("-date", "-pk").values("pk")[:WINDOW]
    best = _ranked(newest, topics, exclude, limit)
    floor = best[-1][1] if len(best) == limit else 0
    if floor < len(topics):
        holders = _links().filter(topic__in=_smallest(topics, len(topics) - floor)).values("searchentry")
        older = _ranked(holders, topics, exclude, limit, at_least=floor + 1)
        best = sorted({row[0]: row for row in best + older}.values(), key=_order)[:limit]
    return [pk for pk, _, _ in best]
