"""iCalendar feeds of meetings, per province, per municipality and for all: held meetings as all-day
CONFIRMED events, announced next meetings as TENTATIVE, the Jalali date in the description."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar
import pytest
from wagtail.models import PageViewRestriction

from persian.jalali import format_long
from tests.factories import MeetingPageFactory, MunicipalityFactory, QazvinMeetingFactory, QomMeetingFactory

pytestmark = pytest.mark.django_db
NEXT_DATE = datetime.date.today() + datetime.timedelta(days=20)


def events(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def meetings():
    qom = QomMeetingFactory(town="دستجرد", summary="مکان‌یابی سایت دفن بهداشتی زباله.")
    qanavat = MunicipalityFactory(province=qom.province, name="قنوات")
    qom.next_meeting_municipality, qom.next_meeting_date = qanavat, NEXT_DATE
    qom.save_revision().publish()
    return qom, QazvinMeetingFactory(), qanavat


def test_a_province_calendar_has_its_meetings_and_the_announced_next_one(client, meetings):
    qom, qzv, qanavat = meetings
    found = events(client.get("/calendar/qom.ics"))
    assert set(found) == {f"meeting-{qom.ref_key}@hamandishi", f"next-meeting-{qom.ref_key}@hamandishi"}
    held = found[f"meeting-{qom.ref_key}@hamandishi"]
    assert str(held["SUMMARY"]) == qom.title
    assert held.decoded("DTSTART") == qom.date and held.decoded("DTEND") == qom.date + datetime.timedelta(days=1)
    assert held["DTSTART"].params.get("VALUE") == "DATE"
    assert str(held["STATUS"]) == "CONFIRMED"
    assert str(held["LOCATION"]) == "شهرداری دستجرد، استان قم"
    assert f"تاریخ: {format_long(qom.date)}" in str(held["DESCRIPTION"]) and "۱۴۰۳" in str(held["DESCRIPTION"])
    assert str(held["URL"]).endswith(qom.url)
    announced = found[f"next-meeting-{qom.ref_key}@hamandishi"]
    assert str(announced["STATUS"]) == "TENTATIVE"
    assert announced.decoded("DTSTART") == NEXT_DATE
    assert "قنوات" in str(announced["SUMMARY"]) and str(announced["LOCATION"]) == "شهرداری قنوات، استان قم"
    assert format_long(NEXT_DATE) in str(announced["DESCRIPTION"])


def test_the_calendar_is_folded_and_stable(client, meetings):
    body = client.get("/calendar/qom.ics").content
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))  # octets per line, RFC 5545 3.1
    assert body == client.get("/calendar/qom.ics").content


def test_a_municipality_calendar_has_what_is_held_there(client, meetings):
    qom, _, qanavat = meetings
    MeetingPageFactory(title="نشست در کهک", town="کهک")
    dastjerd = events(client.get(reverse("municipality_calendar", args=["qom", qom.municipality.slug])))
    assert list(dastjerd) == [f"meeting-{qom.ref_key}@hamandishi"]
    there = events(client.get(reverse("municipality_calendar", args=["qom", qanavat.slug])))
    assert list(there) == [f"next-meeting-{qom.ref_key}@hamandishi"]


def test_the_whole_calendar_leaves_out_drafts_private_pages_and_past_announcements(client, meetings):
    qom, qzv, _ = meetings
    draft = MeetingPageFactory(title="پیش‌نویس", draft=True)
    private = MeetingPageFactory(title="محرمانه")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    stale = MeetingPageFactory(title="نشست قدیمی", next_meeting_date=datetime.date(2020, 1, 1))
    found = events(client.get("/calendar/meetings.ics"))
    uids = set(found)
    assert f"meeting-{qzv.ref_key}@hamandishi" in uids and f"meeting-{qom.ref_key}@hamandishi" in uids
    assert f"meeting-{stale.ref_key}@hamandishi" in uids and f"next-meeting-{stale.ref_key}@hamandishi" not in uids
    assert not {f"meeting-{draft.ref_key}@hamandishi", f"meeting-{private.ref_key}@hamandishi"} & uids
    assert b"\xd9\xbe\xdb\x8c\xd8\xb4" not in client.get("/calendar/meetings.ics").content  # «پیش»


def test_unknown_places_are_404(client):
    assert client.get("/calendar/xyz.ics").status_code == 404
    assert client.get("/calendar/qom/nowhere.ics").status_code == 404


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_meetings(client, site_tree):
    for _ in range(10):
        MeetingPageFactory(town="دستجرد", next_meeting_date=NEXT_DATE)
    few = _queries(client, "/calendar/qom.ics")
    for _ in range(30):
        MeetingPageFactory(town="دستجرد", next_meeting_date=NEXT_DATE)
    assert _queries(client, "/calendar/qom.ics") == few
    assert len(events(client.get("/calendar/qom.ics"))) == 80
