"""What the home page shows: the newest of each kind and how much each province holds."""

from django.db.models import Count

from agreements.services import in_force
from meetings.models import MeetingPage
from meetings.services import latest_resolutions
from places.models import Province
from practices.models import BestPracticePage
from records.publication import published
from records.registry import record_types


def province_counts():
    """Published records of each type per province, keyed by the type's section («meetings»…);
    provinces with none are left out, the fullest first."""
    types = record_types()
    counts = {}
    for record_type in types:
        for row in published(record_type.model).values("province").annotate(n=Count("pk")).order_by():
            counts.setdefault(row["province"], dict.fromkeys((t.section for t in types), 0))
            counts[row["province"]][record_type.section] = row["n"]
    provinces = Province.objects.filter(pk__in=counts)
    rows = [{"province": p, **counts[p.pk]} for p in provinces]
    rows.sort(key=lambda row: -sum(row[t.section] for t in types))
    return rows


def home_sections(limit=5):
    practices = published(BestPracticePage).select_related("province", "municipality")
    featured = list(practices.filter(featured=True).order_by("-date")[:limit])
    if len(featured) < limit:
        featured += list(practices.exclude(pk__in=[p.pk for p in featured]).order_by("-date")[: limit - len(featured)])
    return {
        "latest_meetings": published(MeetingPage).select_related("province", "municipality").order_by("-date")[:limit],
        "latest_resolutions": latest_resolutions(limit * 2),
        "agreements_in_force": in_force().select_related("province").order_by("-date")[:limit],
        "featured_practices": featured,
        "province_counts": province_counts(),
    }
