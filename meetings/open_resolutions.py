"""Open resolutions (pending or in progress) with how late they are, and status counts for charts."""

from collections import Counter, defaultdict
from dataclasses import dataclass
import datetime

from django.db.models import Count, F, Q

from persian import jalali, params
from persian.text import format_number
from places.models import Municipality, Topic

from .models import ResolutionCount, ResolutionStatus
from .services import open_resolutions
from .status import OPEN_STATUSES
from .status_chart import status_chart


@dataclass(frozen=True)
class OpenResolution:
    resolution: object
    today: datetime.date

    @property
    def days_overdue(self):
        """Whole days past the deadline; 0 when not overdue or without a deadline."""
        deadline = self.resolution.deadline
        return max((self.today - deadline).days, 0) if deadline else 0

    @property
    def overdue(self):
        return self.days_overdue > 0

    @property
    def overdue_text(self):
        return f"از مهلت گذشته: {format_number(self.days_overdue)} روز" if self.overdue else ""

    @property
    def status(self):
        return self.resolution.current_status

    @property
    def status_label(self):
        return ResolutionStatus(self.status).label


def _sort_key(row):
    deadline = row.resolution.deadline
    return (-row.days_overdue, deadline is None, deadline or datetime.date.max, row.resolution.ref)


def open_resolution_rows(provinces=None, today=None, resolutions=None):
    """Open resolutions in a user's scope, most overdue first, then by deadline; none without one last."""
    today = today or jalali.today()
    resolutions = open_resolutions(provinces) if resolutions is None else resolutions
    return sorted((OpenResolution(r, today) for r in resolutions), key=_sort_key)


@dataclass
class OpenResolutionFilters:
    municipality: Municipality | None = None
    topic: Topic | None = None
    status: str = ""
    overdue_only: bool = False

    @property
    def active(self):
        return bool(self.municipality or self.topic or self.status or self.overdue_only)


def read_filters(query, province):
    """Filters from the query string: a municipality or topic nobody has (a stale link) is ignored,
    a malformed value or an unknown status raises ``BadParameter``."""
    return OpenResolutionFilters(
        municipality=province.municipalities.filter(
            slug=params.text(query.get("municipality"), "municipality")
        ).first(),
        topic=Topic.objects.filter(slug=params.text(query.get("topic"), "topic")).first(),
        status=params.choice(query.get("status"), OPEN_STATUSES, "status"),
        overdue_only=query.get("overdue") in ("1", "on", "true"),
    )


def filtered_resolutions(province, filters, today=None):
    """The province's open resolutions after ``filters`` (a municipality hosted the meeting or is
    responsible), most overdue first, then by deadline, those without one last: ordered in SQL."""
    resolutions = open_resolutions([province])
    if filters.municipality:
        name = filters.municipality.name
        resolutions = resolutions.filter(Q(meeting__municipality=filters.municipality) | Q(responsible__contains=name))
    if filters.topic:  # one topic: a meeting matches it once, no duplicate rows
        resolutions = resolutions.filter(meeting__topics=filters.topic)
    if filters.status:
        resolutions = resolutions.filter(current_status=filters.status)
    if filters.overdue_only:
        resolutions = resolutions.filter(deadline__lt=today or jalali.today())
    return resolutions.order_by(F("deadline").asc(nulls_last=True), "meeting__ref", "number")


def open_counts(resolutions, today=None):
    """{"open": n, "overdue": n} of ``resolutions`` in one aggregate query."""
    overdue = Q(deadline__lt=today or jalali.today())
    return resolutions.order_by().aggregate(open=Count("pk"), overdue=Count("pk", filter=overdue))


def filter_choices(province):
    """The province's municipalities, the topics of its open resolutions' meetings, the open statuses."""
    resolutions = open_resolutions([province])
    return {
        "municipalities": province.municipalities.all(),
        "topics": Topic.objects.filter(pk__in=resolutions.values("meeting__topics")),
        "statuses": [(status.value, status.label) for status in OPEN_STATUSES],
    }


# --- status counts for the charts -----------------------------------------------------------


def status_counts(provinces=None):
    """({province name: Counter(status)}, {Jalali year: Counter(status)}) over published resolutions, from
    their summary per province, year and stored status (``meetings.status_summary``): one query of a few
    hundred rows, whatever the archive's size."""
    counts = ResolutionCount.objects.all()
    if provinces is not None:
        counts = counts.filter(province__in=provinces)
    by_province, by_year = defaultdict(Counter), defaultdict(Counter)
    for row in counts.values("province__name", "year", "status", "count"):
        by_province[row["province__name"]][row["status"]] += row["count"]
        by_year[row["year"]][row["status"]] += row["count"]
    return dict(sorted(by_province.items())), dict(sorted(by_year.items()))


def most_overdue(resolutions, limit):
    """The first ``limit`` of open ``resolutions`` by deadline (then meeting ref and number), those without
    one last. Asked per status, those with a deadline walk the (status, deadline) index and stop at
    ``limit``; one query over both statuses, or with «NULLS LAST», would sort every open resolution."""
    first = []
    for status in OPEN_STATUSES:
        first += resolutions.filter(current_status=status, deadline__isnull=False).order_by(
            "deadline", "meeting__ref", "number"
        )[:limit]
    first = sorted(first, key=lambda r: (r.deadline, r.meeting.ref, r.number))
    first += resolutions.filter(deadline__isnull=True).order_by("meeting__ref", "number")[:limit]
    return first[:limit]  # three queries however many have a deadline


def dashboard_summary(provinces=None, today=None, limit=10):
    """What the admin dashboard shows for a user's provinces (``None``: all of them): counts in the
    database and only the ``limit`` most overdue rows read (most overdue is earliest deadline)."""
    today = today or jalali.today()
    resolutions = open_resolutions(provinces)
    first = most_overdue(resolutions, limit)
    by_province, by_year = status_counts(provinces)
    open_count = sum(by_province[name][status] for name in by_province for status in OPEN_STATUSES)
    # the open ones not overdue (a deadline to come, or none) are the recent few, however old the archive:
    # each count is a range of the (status, deadline) index
    not_overdue = resolutions.filter(deadline__gte=today).count() + resolutions.filter(deadline__isnull=True).count()
    return {
        "rows": open_resolution_rows(today=today, resolutions=first),
        "open_count": open_count,
        "overdue_count": open_count - not_overdue,
        "province_chart": status_chart("dashboard-by-province", "مصوبات به تفکیک وضعیت در هر استان", by_province),
        "year_chart": status_chart("dashboard-by-year", "مصوبات به تفکیک وضعیت در هر سال", by_year),
    }
