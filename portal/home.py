"""What the home page shows: the newest of each kind and how much each province holds."""

from django.db.models import Count

from agreements.models import AgreementPage
from agreements.services import in_force
from meetings.models import MeetingPage
from meetings.services import published_resolutions, with_current_status
from places.models import Province
from practices.models import BestPracticePage
from records.publication import published


def province_counts():
    """Published meetings, agreements and practices per province (provinces with none are left out)."""
    counts = {}
    for key, model in (("meetings", MeetingPage), ("agreements", AgreementPage), ("practices", BestPracticePage)):
        for row in published(model).values("province").annotate(n=Count("pk")).order_by():
            counts.setdefault(row["province"], {"meetings": 0, "agreements": 0, "practices": 0})[key] = row["n"]
    provinces = Province.objects.filter(pk__in=counts)
    rows = [{"province": p, **counts[p.pk]} for p in provinces]
    rows.sort(key=lambda row: -(row["meetings"] + row["agreements"] + row["practices"]))
    return rows


def home_sections(limit=5):
    practices = published(BestPracticePage).select_related("province", "municipality")
    featured = list(practices.filter(featured=True).order_by("-date")[:limit])
    if len(featured) < limit:
        featured += list(practices.exclude(pk__in=[p.pk for p in featured]).order_by("-date")[: limit - len(featured)])
    return {
        "latest_meetings": published(MeetingPage).select_related("province", "municipality").order_by("-date")[:limit],
        "latest_resolutions": with_current_status(published_resolutions())
        .select_related("meeting", "meeting__province")
        .order_by("-meeting__date", "number")[: limit * 2],
        "agreements_in_force": in_force().select_related("province").order_by("-date")[:limit],
        "featured_practices": featured,
        "province_counts": province_counts(),
    }
