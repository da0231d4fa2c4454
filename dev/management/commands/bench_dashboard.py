"""Figures, not a test: the admin dashboard for a superuser, whole and panel by panel.

Prints p50 in milliseconds and SQL queries of ``/admin/`` (Django's test client, signed in) and of each
panel Wagtail and the project put on it (``construct_homepage_panels``), and of Wagtail's site summary.
"""

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.admin.site_summary import SiteSummaryPanel
from wagtail.admin.views.home import HomeView

from dev.bench.grow import add_meetings
from meetings.models import Resolution


def _timed(render, requests):
    times, queries = [], 0
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            render()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(captured)
    return statistics.median(times), queries


class Command(BaseCommand):
    help = "p50 and queries of the admin dashboard and of each of its panels"

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=10)
        parser.add_argument("--records", type=int, default=0, help="first add this many meetings")

    def handle(self, *args, requests, records, **options):
        if records:
            add_meetings(records)
        self.stdout.write(f"{Resolution.objects.count()} resolutions")
        user = get_user_model().objects.filter(is_superuser=True).first()
        client = Client()
        client.force_login(user)
        client.get("/admin/")
        ms, queries = _timed(lambda: client.get("/admin/"), requests)
        self.stdout.write(f"{'/admin/ (whole page)':<40} {ms:8.1f} ms {queries:4d} queries")
        request = RequestFactory().get("/admin/")
        request.user = user
        context = {"request": request, "csrf_token": get_token(request)}
        view = HomeView()
        view.setup(request)
        for panel in [*view.get_panels(), SiteSummaryPanel(request)]:
            name = getattr(panel, "name", "") or type(panel).__name__
            ms, queries = _timed(lambda panel=panel: panel.render_html(context), requests)
            self.stdout.write(f"  {type(panel).__name__ + ' (' + name + ')':<38} {ms:8.1f} ms {queries:4d} queries")
