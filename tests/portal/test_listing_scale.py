"""Every public listing costs the same number of SQL queries with 10 records of each type as with 200,
and the pages that show the latest of each type (topic, province, municipality) stay the same size.

One archive per module, grown in two steps: the query counts of every listing are taken at 10 records
of each type, then 190 more of each are added and the tests compare.
"""

import datetime
import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
import pytest

from meetings.models import MeetingIndexPage, Resolution
from persian.text import format_number
from places.models import Municipality, Topic
from records.listing import LATEST
from records.registry import record_models, record_types
from tests.conftest import demo_rows, remove_rows_added_since
from tests.factories import (
    AgreementPageFactory,
    BestPracticePageFactory,
    MeetingPageFactory,
    MunicipalityFactory,
    ProvinceFactory,
)

pytestmark = pytest.mark.django_db

SMALL, LARGE = 10, 200
TOPIC = "مدیریت پسماند"
TODAY = datetime.date(2025, 1, 10)


def add_records(count, start):
    """``count`` records of each type in Qom, Dastjerd, on one topic, three days apart from ``start`` back;
    meetings with a resolution due a month later (half of them overdue) attended by Qanavat."""
    dates = [datetime.date(2024, 11, 5) - datetime.timedelta(days=3 * (start + i)) for i in range(count)]
    common = {"town": "دستجرد", "topics": [TOPIC]}
    qanavat = MunicipalityFactory(province=ProvinceFactory(code="QOM"), name="قنوات")
    for i, date in enumerate(dates):
        deadline = date + datetime.timedelta(days=30 if i % 2 else 400)
        resolution = {"number": 1, "text": f"مصوبه آزمایشی {start + i}", "deadline": deadline}
        MeetingPageFactory.create_quickly(
            [date], resolutions=[resolution], participant_municipalities=[qanavat], **common
        )
    AgreementPageFactory.create_quickly(dates, parties=("قنوات", "کهک"), **common)
    BestPracticePageFactory.create_quickly(dates, **common)


def listing_urls():
    """(name, url) of every public listing, the section pages from the registry."""
    topic = Topic.objects.get(name=TOPIC)
    dastjerd = Municipality.objects.get(province__code="QOM", name="دستجرد")
    qanavat = Municipality.objects.get(province__code="QOM", name="قنوات")
    urls = [("home", "/")]
    for record_type in record_types():
        section = record_type.index_model.objects.live().get().url
        urls += [
            (record_type.section, section),
            (f"{record_type.section}-filtered", f"{section}?province=QOM&topic={topic.slug}&year=1403"),
            (f"{record_type.section}-last-page", f"{section}?page=10"),  # the last page at 200, clamped at 10
        ]
    return urls + [
        ("topic", topic.get_absolute_url()),
        ("province", "/provinces/qom/"),
        ("municipality", dastjerd.get_absolute_url()),
        ("municipality-involved", qanavat.get_absolute_url()),
        ("open-resolutions", "/provinces/qom/open-resolutions/"),
        ("open-resolutions-overdue", "/provinces/qom/open-resolutions/?overdue=1&page=2"),
        ("rss", "/feeds/rss/"),
        ("atom", "/feeds/atom/"),
    ]


def measure(client, url):
    """(query count, response) of a request, after one request that warms the per-process caches."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    """{name: (url, queries at SMALL, queries at LARGE, response at LARGE)}."""
    from records.site_tree import ensure_site_structure

    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setattr("persian.jalali.today", lambda: TODAY)
        before = demo_rows()
        ensure_site_structure()
        client = Client()
        add_records(SMALL, 0)
        urls = listing_urls()
        small = {name: measure(client, url)[0] for name, url in urls}
        add_records(LARGE - SMALL, SMALL)
        measured = {name: (url, small[name], *measure(client, url)) for name, url in urls}
        yield measured
        from wagtail.models import Page

        Page.objects.type(*record_models()).delete()
        remove_rows_added_since(before)


def test_the_archive_holds_what_the_tests_count(archive):
    for model in record_models():
        assert model.objects.live().count() == LARGE
    assert MeetingIndexPage.objects.live().count() == 1


@pytest.mark.parametrize(
    "name",
    [
        "home",
        *(rt for t in ("meetings", "agreements", "practices") for rt in (t, f"{t}-filtered", f"{t}-last-page")),
        "topic",
        "province",
        "municipality",
        "municipality-involved",
        "open-resolutions",
        "open-resolutions-overdue",
        "rss",
        "atom",
    ],
)
def test_query_count_does_not_grow_with_the_archive(archive, name):
    url, small, large, _ = archive[name]
    assert large == small, f"{url}: {small} queries with {SMALL} records of each type, {large} with {LARGE}"


def test_section_pages_are_paginated_to_the_last_page(archive):
    url, _, _, response = archive["meetings-last-page"]
    html = response.content.decode()
    assert html.count('class="card__title"') == 20  # 200 / 20: page 10 is full
    assert 'aria-current="page">۱۰<' in html and "صفحه ۱۰ از ۱۰" in html
    assert 'rel="next"' not in html and 'rel="prev" href="?page=9"' in html


@pytest.mark.parametrize("name", ["topic", "province", "municipality"])
def test_latest_sections_show_at_most_n_per_type_and_link_to_all(archive, name):
    url, _, _, response = archive[name]
    html = response.content.decode()
    assert html.count('class="card__title"') == LATEST * len(record_types())
    assert html.count("همه (۲۰۰)") == len(record_types())
    assert len(response.content) < 200_000


def test_all_link_opens_the_filtered_listing_with_the_same_count(archive, client):
    url, _, _, response = archive["topic"]
    links = re.findall(r'class="more-link" href="([^"]+)">همه \(۲۰۰\)', response.content.decode())
    assert len(links) == len(record_types())
    listing = client.get(links[0].replace("&amp;", "&"))
    html = listing.content.decode()
    assert "۲۰۰ مورد" in html and html.count('class="card__title"') == 20
    assert "صفحه ۱ از ۱۰" in html


def test_municipality_page_lists_what_it_attended_and_is_party_to(archive, client):
    url, _, _, response = archive["municipality-involved"]
    html = response.content.decode()
    assert "نشست‌هایی که در آن حاضر بود" in html and "تفاهم‌نامه‌هایی که طرف آن است" in html
    links = re.findall(r'class="more-link" href="([^"]+)">همه \(۲۰۰\)', html)
    assert len(links) == 2 and all("involved=QOM" in link for link in links)
    listing = client.get(links[0].replace("&amp;", "&")).content.decode()
    assert "۲۰۰ مورد" in listing and "با حضور یا طرفیت شهرداری قنوات" in listing


def test_open_resolutions_are_paginated_and_counted_in_sql(archive):
    url, _, _, response = archive["open-resolutions"]
    html = response.content.decode()
    overdue = Resolution.objects.filter(deadline__lt=TODAY).count()
    assert 0 < overdue < LARGE
    assert f"۲۰۰ مصوبه باز، <strong>{format_number(overdue)} مصوبه از مهلت گذشته" in html
    assert html.count('class="open-resolution ') == 25 and "صفحه ۱ از ۸" in html
    counts = re.findall(r'data-status="pending" data-count="(\d+)"', html)
    assert len(counts) > 1 and sum(int(n) for n in counts) == LARGE  # one bar per Jalali year
