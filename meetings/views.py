from django.shortcuts import get_object_or_404, render

from places.models import Province

from .open_resolutions import filter_choices, filtered_rows, read_filters, status_counts
from .status_chart import status_chart


def open_resolutions_page(request, slug):
    """/provinces/<code>/open-resolutions/: what the province's meetings decided and is still not done."""
    province = get_object_or_404(Province, code__iexact=slug)
    filters = read_filters(request.GET, province)
    rows = filtered_rows(province, filters)
    _, by_year = status_counts([province])
    chart = status_chart("chart-by-year", f"مصوبات استان {province.name} به تفکیک وضعیت و سال", by_year)
    context = {
        "province": province,
        "rows": rows,
        "overdue_count": sum(1 for row in rows if row.overdue),
        "filters": filters,
        "chart": chart,
        **filter_choices(province),
    }
    return render(request, "meetings/open_resolutions.html", context)
