"""A page of the API costs the same number of queries for 10 records as for 40: everything a record
shows (places, topics, parts, their history, documents) is fetched per page, not per record."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
import pytest

from records.registry import record_types
from tests.factories import AgreementPageFactory, BestPracticePageFactory, DocumentFactory, MeetingPageFactory

pytestmark = pytest.mark.django_db


def add_records(count, offset):
    for n in range(offset, offset + count):
        kind = n % 3
        if kind == 0:
            earlier = MeetingPageFactory._meta.model.objects.order_by("pk").first()
            follow_ups = [{"resolution": earlier.resolutions.first(), "status": "done"}] if earlier else []
            MeetingPageFactory(
                ref=f"QOM-1403-{n}",
                town="کهک",
                topics=["مدیریت پسماند", "حمل و نقل"],
                participants=("قم", "کهک"),
                resolutions=[{"number": 1, "text": "اجرا شود."}, {"number": 2, "text": "بررسی شود."}],
                follow_ups=follow_ups,
                documents=[DocumentFactory()],
            )
        elif kind == 1:
            AgreementPageFactory(ref=f"QOM-TN-{n}", topics=["مدیریت پسماند"], documents=[DocumentFactory()])
        else:
            BestPracticePageFactory(ref=f"BP-{n}", topics=["حمل و نقل"])


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"page_size": 100})
    assert response.status_code == 200
    return len(captured), response.json()["count"]


def test_a_page_costs_the_same_queries_for_10_records_as_for_40(client):
    urls = ["/api/v1/records/", *(f"/api/v1/{rt.section}/" for rt in record_types())]
    add_records(10, 0)
    small = {url: queries(client, url) for url in urls}
    add_records(30, 10)
    large = {url: queries(client, url) for url in urls}
    assert small["/api/v1/records/"][1] == 10 and large["/api/v1/records/"][1] == 40
    for url in urls:
        assert large[url][0] == small[url][0], url
    assert large["/api/v1/records/"][0] <= 30
