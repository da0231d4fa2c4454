"""Figures, not a test: public pages with the page cache off and on (portal/page_cache.py).

Serves each page in process through the whole middleware stack (Django's test client, anonymous),
``--requests`` times with PAGE_CACHE_SECONDS=0 and then with the cache on (the first request, a miss,
is left out), and prints p50/p95 in milliseconds and SQL queries per request. ``--records N`` first
adds N published meetings (copies of the archive's, new refs) so the archive is larger. The cache is
the configured one: files under PAGE_CACHE_DIR, or Redis when CACHE_URL is set.
"""

import statistics
import time

from django.core.cache import caches
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from dev.bench.grow import add_meetings
from meetings.models import MeetingPage
from places.models import Topic
from records.publication import published
from records.registry import record_types


def _pages():
    meeting = published(MeetingPage).order_by("-date").first()
    topic = Topic.objects.order_by("pk").first()
    return [
        "/",
        "/meetings/",
        meeting.url,
        f"/provinces/{meeting.province.code.lower()}/",
        f"/topics/{topic.slug}/",
        "/feeds/atom/",
        "/sitemap.xml",
        f"/sitemap-meetings-{meeting.jalali_year}.xml",
    ]


def _measure(client, path, requests):
    times, queries = [], []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries.append(len(captured))
    times.sort()
    return statistics.median(times), times[max(0, round(len(times) * 0.95) - 1)], max(queries)


class Command(BaseCommand):
    help = "p50/p95 of public pages with the page cache off and on"

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=20)
        parser.add_argument("--records", type=int, default=0)

    def handle(self, *args, requests, records, **options):
        if records:
            self.stdout.write(f"adding {records} meetings…")
            add_meetings(records)
        total = sum(published(rt.model).count() for rt in record_types())
        backend = caches["pages"].__class__.__name__
        self.stdout.write(f"{total} published records; page cache: {backend}; {requests} requests a page\n")
        self.stdout.write(f"{'page':<40} {'off p50':>8} {'off p95':>8} {'q':>4} {'on p50':>8} {'on p95':>8} {'q':>4}")
        client = Client()
        for path in _pages():
            with override_settings(PAGE_CACHE_SECONDS=0):
                off = _measure(client, path, requests)
            with override_settings(PAGE_CACHE_SECONDS=600):
                caches["pages"].clear()
                client.get(path)  # the miss that stores it
                on = _measure(client, path, requests)
            self.stdout.write(
                f"{path[:40]:<40} {off[0]:8.1f} {off[1]:8.1f} {off[2]:4d} {on[0]:8.1f} {on[1]:8.1f} {on[2]:4d}"
            )
