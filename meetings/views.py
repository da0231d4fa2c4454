from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from persian import jalali
from places.models import Municipality, Province
from records.pagination import paginate

from .ical import meetings_calendar
from .open_resolutions import (
    OpenResolution,
    filter_choices,
    filtered_resolutions,
    open_counts,
    read_filters,
    status_counts,
)
from .status_chart import status_chart

PAGE_SIZE = 25


def open_resolutions_page(request, slug):
    """/provinces/<code>/open-resolutions/: what the province's meetings decided and is still not done."""
    province = get_object_or_404(Province, code__iexact=slug)
    filters = read_filters(request.GET, province)
    today = jalali.today()
    resolutions = filtered_resolutions(province, filters, today)
    counts = open_counts(resolutions, today)
    page, pagination = paginate(resolutions, request.GET, PAGE_SIZE, count=counts["open"])
    _, by_year = status_counts([province])
    chart = status_chart("chart-by-year", f"مصوبات استان {province.name} به تفکیک وضعیت و سال", by_year)
    context = {
        "province": province,
        "rows": [OpenResolution(resolution, today) for resolution in page],
        "open_count": counts["open"],
        "overdue_count": counts["overdue"],
        "pagination": pagination,
        "filters": filters,
        "chart": chart,
        **filter_choices(province),
    }
    return render(request, "meetings/open_resolutions.html", context)


def _calendar_response(request, name, held_where, announced_where=None):
    calendar = meetings_calendar(name, held_where, announced_where or held_where, request.build_absolute_uri)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response


def calendar_all(request):
    """/calendar/meetings.ics: every published meeting, and the next meetings announced."""
    return _calendar_response(request, "نشست‌های شهرداران — هم‌اندیشی", Q())


def calendar_province(request, slug):
    province = get_object_or_404(Province, code__iexact=slug)
    return _calendar_response(request, f"نشست‌های استان {province.name} — هم‌اندیشی", Q(province=province))


def calendar_municipality(request, province_slug, slug):
    """Meetings held in the municipality, and next meetings announced to be held there."""
    municipality = get_object_or_404(Municipality, province__code__iexact=province_slug, slug=slug)
    return _calendar_response(
        request,
        f"نشست‌های شهرداری {municipality.name} — هم‌اندیشی",
        Q(municipality=municipality),
        Q(next_meeting_municipality=municipality),
    )
