"""How many published resolutions each province has per Jalali year and stored status, kept in
``ResolutionCount`` so that the admin dashboard and the open-resolutions page chart them from a few
hundred rows instead of grouping every resolution of the archive on each request.

A (province, year) bucket is recounted whole from the rows, in the transaction of the change, whenever
something it counts may have moved: ``meetings.stored_status`` calls ``recount`` with the buckets of the
meetings it touched, before and after the change (a status recomputed; a meeting published, unpublished,
deleted, moved, view-restricted or released, or its date or province changed; a resolution added or
removed). A recount reads one province's resolutions of one year, so its cost follows the bucket, not
the archive. ``drift()`` / ``manage.py check_resolution_counts`` compare the summary with a full recount.
"""

from django.db.models import Count, Q

from persian import jalali

from .models import MeetingPage, ResolutionCount
from .services import published_resolutions

# Past this many buckets one grouping of the whole archive is cheaper than a query per bucket.
WHOLE = 40


def buckets_of(meetings):
    """The (province id, Jalali year) buckets of ``meetings`` (ids, or a queryset of meeting ids)."""
    rows = MeetingPage.objects.filter(pk__in=meetings).values_list("province_id", "date").distinct()
    return {(province, jalali.jalali_year(date)) for province, date in rows}


def _grouped(resolutions):
    """{(province id, year, status): n} of ``resolutions`` (published ones), grouped in the database."""
    resolutions = resolutions.order_by()
    dates = resolutions.values_list("meeting__date", flat=True)
    first, last = dates.order_by("meeting__date").first(), dates.order_by("-meeting__date").first()
    if first is None:
        return {}
    year = jalali.year_of("meeting__date", jalali.jalali_year(first), jalali.jalali_year(last))
    rows = resolutions.annotate(year=year).values("meeting__province_id", "year", "current_status")
    rows = rows.annotate(n=Count("pk"))
    return {(row["meeting__province_id"], row["year"], row["current_status"]): row["n"] for row in rows}


def recounted(buckets=None):
    """What the resolutions say now: {(province id, year, status): n} in ``buckets`` (None: all)."""
    if buckets is None:
        return _grouped(published_resolutions())
    found = {}
    for province, year in buckets:
        start, end = jalali.year_range(year)
        rows = published_resolutions().filter(meeting__province_id=province, meeting__date__range=(start, end))
        for row in rows.order_by().values("current_status").annotate(n=Count("pk")):
            found[(province, year, row["current_status"])] = row["n"]
    return found


def stored():
    """What the summary says: {(province id, year, status): n}."""
    return {(r.province_id, r.year, r.status): r.count for r in ResolutionCount.objects.all()}


def _write(counts):
    ResolutionCount.objects.bulk_create(
        ResolutionCount(province_id=province, year=year, status=status, count=n)
        for (province, year, status), n in counts.items()
    )


def recount(buckets):
    """Rewrite the summary rows of ``buckets`` from the resolutions."""
    buckets = set(buckets)
    if len(buckets) > WHOLE:
        rebuild()
    elif buckets:
        inside = Q(pk__in=[])
        for province, year in buckets:
            inside |= Q(province_id=province, year=year)
        ResolutionCount.objects.filter(inside).delete()
        _write(recounted(buckets))


def rebuild():
    """The whole summary again, in one grouping (after a bulk load, or to repair it)."""
    ResolutionCount.objects.all().delete()
    _write(recounted())


def drift():
    """{(province id, year, status): (stored, recounted)} wherever the two differ."""
    kept, now = stored(), recounted()
    keys = kept.keys() | now.keys()
    return {key: (kept.get(key, 0), now.get(key, 0)) for key in keys if kept.get(key) != now.get(key)}
