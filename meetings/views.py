from django.shortcuts import get_object_or_404, render

from persian import jalali
from places.models import Province
from records.pagination import paginate

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
