"""Wagtail's page-types usage report, whose «last edited page» column would name any province's draft."""

from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView

from .scope import records_hidden_from


class ScopedPageTypesUsageReportView(PageTypesUsageReportView):
    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        shown = [item.last_edited_page for item in page_types if item.last_edited_page is not None]
        hidden = set(
            records_hidden_from(self.request.user).filter(pk__in=[p.pk for p in shown]).values_list("pk", flat=True)
        )
        for item in page_types:
            if item.last_edited_page is not None and item.last_edited_page.pk in hidden:
                item.last_edited_page = None
        return page_types


def report_urls():
    """Routed ahead of Wagtail's admin URLs (``portal/urls.py``) at the same addresses and names."""
    from django.urls import path

    return [
        path("admin/reports/page-types-usage/", ScopedPageTypesUsageReportView.as_view()),
        path("admin/reports/page-types-usage/results/", ScopedPageTypesUsageReportView.as_view(results_only=True)),
    ]
