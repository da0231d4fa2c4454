"""What the page benchmark asks for on one database, and a signed-in admin's session to ask with.

Run in a configured Django process (``manage.py shell -c``); prints one JSON object: the pages
(label → path) and the admin's session cookie. Provinces, municipalities and topics are the ones
with the most records: each archive's worst case, so the ratio to the demo compares like with like.
"""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.test import Client

from places.models import Municipality, Province, Topic
from records.publication import published
from records.registry import record_types

ADMIN = "admin"  # the demo archive's superuser (load_demo)


def busiest(queryset, field):
    """The object of ``queryset`` with the most published records pointing at it by ``field``."""
    queryset_ids = set(queryset.values_list("pk", flat=True))
    counts = {}
    for record_type in record_types():
        for row in published(record_type.model).values(field).annotate(n=Count("pk")):
            if row[field] in queryset_ids:
                counts[row[field]] = counts.get(row[field], 0) + row["n"]
    return queryset.get(pk=max(counts, key=lambda pk: (counts[pk], -pk)))


def pages():
    province = busiest(Province.objects.all(), "province")
    municipality = busiest(Municipality.objects.filter(province=province), "municipality")
    topic = busiest(Topic.objects.all(), "topics")
    code = province.code.lower()
    meetings = record_types()[0]
    last = -(-published(meetings.model).count() // meetings.index_model.page_size)
    paths = {
        "/": "/",
        "/meetings/": "/meetings/",
        "/meetings/?page=500": "/meetings/?page=500",
        "/meetings/?page=<last>": f"/meetings/?page={last}",
        "/agreements/": "/agreements/",
        "/practices/": "/practices/",
    }
    for record_type in record_types():
        newest = published(record_type.model).order_by("-date", "-pk").first()
        paths[f"{record_type.name} page (newest)"] = newest.url
    paths.update(
        {
            "/topics/<slug>/": f"/topics/{topic.slug}/",
            "/provinces/<code>/": f"/provinces/{code}/",
            "/provinces/<code>/<municipality>/": f"/provinces/{code}/{municipality.slug}/",
            "/provinces/<code>/open-resolutions/": f"/provinces/{code}/open-resolutions/",
            "/sitemap.xml": "/sitemap.xml",
            "/feeds/atom/": "/feeds/atom/",
            "/search/?q=شهرداری": "/search/?q=شهرداری",
            "/api/search/?q=شهرداری": "/api/search/?q=شهرداری",
            "/admin/ (signed in)": "/admin/",
        }
    )
    return paths


def admin_cookie():
    client = Client()
    client.force_login(get_user_model().objects.get(username=ADMIN))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def main():
    print(json.dumps({"pages": pages(), "admin_cookie": admin_cookie()}, ensure_ascii=False))
