import datetime

import pytest

from meetings.models import Resolution
from meetings.services import current_status, resolution_history
from persian.jalali import parse_date
from tests.factories import QomMeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain():
    """Three meetings: the first adopts resolutions, the next two follow resolution 1 up."""
    first = QomMeetingFactory()
    adopted, second = first.resolutions.order_by("number")
    QomMeetingFactory(
        ref="QOM-1403-12",
        date=parse_date("1403/10/20"),
        town="قنوات",
        resolutions=[{"number": 1, "text": "گزارش پیشرفت ارائه شود."}],
        follow_ups=[{"resolution": adopted, "status": "in_progress", "note": "پیش‌نویس آماده شد"}],
    )
    QomMeetingFactory(
        ref="QOM-1404-02",
        date=parse_date("1404/02/15"),
        town="کهک",
        resolutions=[],
        follow_ups=[
            {"resolution": adopted, "status": "done", "note": "به استانداری ارسال شد"},
            {"resolution": second, "status": "cancelled", "note": "نیازی نبود"},
        ],
    )
    return Resolution.objects.get(meeting__ref="QOM-1403-11", number=1)


def test_history_lists_adoption_then_every_follow_up_in_date_order(chain):
    history = resolution_history(chain)
    assert [(e.status, e.is_follow_up) for e in history] == [
        ("in_progress", False),
        ("in_progress", True),
        ("done", True),
    ]
    assert [e.date for e in history] == sorted(e.date for e in history)
    assert history[2].note == "به استانداری ارسال شد"
    assert history[2].meeting.ref == "QOM-1404-02"


def test_current_status_comes_from_the_latest_follow_up(chain):
    assert chain.status == "in_progress"  # as adopted
    assert current_status(chain) == "done"
    annotated = Resolution.objects.filter(meeting__ref="QOM-1403-11").order_by("number")
    assert [r.current_status for r in annotated] == ["done", "cancelled"]


def test_a_resolution_never_followed_up_keeps_its_own_status(chain):
    fresh = Resolution.objects.filter(meeting__ref="QOM-1403-12").get()
    assert fresh.current_status == "pending"


def test_unpublished_follow_up_does_not_count(chain):
    from meetings.models import MeetingPage

    MeetingPage.objects.get(ref="QOM-1404-02").unpublish()
    chain.refresh_from_db()
    assert current_status(chain) == "in_progress"
    assert Resolution.objects.filter(pk=chain.pk).get().current_status == "in_progress"


def test_meeting_page_shows_history_and_navigation(client, chain):
    from meetings.models import MeetingPage

    first, second, third = MeetingPage.objects.order_by("date")
    html = client.get(first.url).content.decode()
    item = html.split('id="resolution-1"')[1].split("</li>\n</ol>")[0]
    assert "سابقه پیگیری" in item
    assert "انجام شد" in item and "به استانداری ارسال شد" in item
    assert third.url in item
    assert f'rel="next" href="{second.url}"' in html
    middle = client.get(second.url).content.decode()
    assert f'rel="prev" href="{first.url}"' in middle and f'rel="next" href="{third.url}"' in middle
    # the reviewing meeting lists what it followed up, linking back to the anchor
    assert f"{first.url}#resolution-1" in client.get(third.url).content.decode()


def test_deadline_dates_are_jalali_on_the_page(client, chain):
    html = client.get(chain.meeting.url).content.decode()
    assert chain.deadline == datetime.date(2024, 12, 20)
    assert "۳۰ آذر ۱۴۰۳" in html


def test_a_view_restricted_meetings_follow_ups_do_not_change_what_the_public_sees(chain, client):
    """«Published» means one thing: a live meeting behind a view restriction is not the public's, and
    neither is the status its follow-ups record (issue 11)."""
    from wagtail.models import PageViewRestriction

    from meetings.models import MeetingPage
    from search.models import SearchEntry

    closing = MeetingPage.objects.get(ref="QOM-1404-02")
    PageViewRestriction.objects.create(page=closing, restriction_type=PageViewRestriction.LOGIN)
    closing.save_revision().publish()  # live, but only for signed-in accounts

    assert current_status(chain) == "in_progress"
    annotated = Resolution.objects.filter(meeting__ref="QOM-1403-11").order_by("number")
    assert [r.current_status for r in annotated] == ["in_progress", "pending"]  # as adopted, or followed up in public
    entry = SearchEntry.objects.get(ref="QOM-1403-11#1")
    assert entry.status == "in_progress"
    page = client.get(chain.meeting.url).content.decode()
    assert "به استانداری ارسال شد" not in page and "در دست اقدام" in page
