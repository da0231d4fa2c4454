import re

from django.contrib.auth import get_user_model
import pytest

from meetings.models import MeetingPage, Resolution
from meetings.services import followable_resolutions
from persian.jalali import parse_date
from tests.factories import QomMeetingFactory
from tests.forms import dict_of_lists, form_data, replace

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive_with_follow_ups():
    """Qom: 1403-07 (two resolutions), 1403-11 (closes 07#2, adopts two), 1404-02 (closes 11#1).
    Qazvin has an open resolution too; QOM-1404-05 comes later than everything."""
    earlier = QomMeetingFactory(
        ref="QOM-1403-07",
        date=parse_date("1403/05/01"),
        resolutions=[
            {"number": 1, "text": "آمار ماهانه پسماند از شهرداری‌ها گرفته شود."},
            {"number": 2, "text": "نیازسنجی آموزشی انجام شود."},
        ],
    )
    adopting = QomMeetingFactory(follow_ups=[{"resolution": earlier.resolutions.get(number=2), "status": "done"}])
    QomMeetingFactory(
        ref="QOM-1404-02",
        date=parse_date("1404/02/15"),
        resolutions=[],
        follow_ups=[{"resolution": adopting.resolutions.get(number=1), "status": "done"}],
    )
    QomMeetingFactory(ref="QOM-1404-05", date=parse_date("1404/05/01"), resolutions=[{"number": 1, "text": "بعدی."}])
    QomMeetingFactory(ref="QZV-1403-09", province_code="QZV", town="قزوین")
    return {page.ref: page for page in MeetingPage.objects.all()}


def refs(resolutions):
    return sorted(r.ref for r in resolutions)


def test_only_earlier_open_resolutions_of_the_province(archive_with_follow_ups):
    meeting = archive_with_follow_ups["QOM-1403-11"]
    # 07#2 is done (by this very meeting) but stays choosable because this meeting follows it up
    assert refs(followable_resolutions(meeting)) == ["QOM-1403-07#1", "QOM-1403-07#2"]
    later = archive_with_follow_ups["QOM-1404-02"]
    assert refs(followable_resolutions(later)) == ["QOM-1403-07#1", "QOM-1403-11#1", "QOM-1403-11#2"]


def test_a_new_meeting_sees_open_resolutions_without_closed_ones(archive_with_follow_ups):
    import datetime

    new = MeetingPage(province=archive_with_follow_ups["QOM-1403-07"].province, date=datetime.date(2025, 12, 1))
    assert refs(followable_resolutions(new)) == ["QOM-1403-07#1", "QOM-1403-11#2", "QOM-1404-05#1"]


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("office", "office@example.org", "pass"))
    return client


def options(html, name):
    select = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', select)


def test_editor_follow_up_choice_is_limited_and_labelled_in_persian(admin_client, archive_with_follow_ups):
    meeting = archive_with_follow_ups["QOM-1404-02"]
    html = admin_client.get(f"/admin/pages/{meeting.pk}/edit/").content.decode()
    choices = options(html, "follow_ups-0-resolution")
    labels = [label for _, label in choices]
    assert labels[0] == "— مصوبه‌ای را برگزینید —"
    assert len(labels) == 4
    assert any(
        label.startswith("QOM-1403-07#1 — آمار ماهانه پسماند") and "(در انتظار اقدام)" in label for label in labels
    )
    assert any(label.startswith("QOM-1403-11#1 —") and "(انجام شد)" in label for label in labels)
    assert not any("QZV" in label or "QOM-1404-05" in label for label in labels)
    # the template for a new follow-up row offers the same choices
    empty = re.search(r'name="follow_ups-__prefix__-resolution".*?</select>', html, re.S).group(0)
    assert "QOM-1403-07#1" in empty and "QZV" not in empty


def test_following_up_a_resolution_outside_the_choices_is_refused(admin_client, archive_with_follow_ups):
    meeting = archive_with_follow_ups["QOM-1404-02"]
    url = f"/admin/pages/{meeting.pk}/edit/"
    data = form_data(admin_client.get(url).content.decode(), "page-edit-form")
    foreign = Resolution.objects.get(meeting__ref="QZV-1403-09", number=1)
    response = admin_client.post(url, dict_of_lists(replace(data, "follow_ups-0-resolution", str(foreign.pk))))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode() or "معتبر" in response.content.decode()
    assert meeting.follow_ups.get().resolution.ref == "QOM-1403-11#1"


def test_follow_up_recorded_in_the_editor_shows_in_the_resolution_history(
    admin_client, client, archive_with_follow_ups
):
    meeting = archive_with_follow_ups["QOM-1404-02"]
    url = f"/admin/pages/{meeting.pk}/edit/"
    data = form_data(admin_client.get(url).content.decode(), "page-edit-form")
    target = Resolution.objects.get(meeting__ref="QOM-1403-07", number=1)
    data += [
        ("follow_ups-1-resolution", str(target.pk)),
        ("follow_ups-1-status", "in_progress"),
        ("follow_ups-1-note", "گزارش دو شهرداری رسید."),
        ("follow_ups-1-ORDER", "2"),
        ("follow_ups-1-id", ""),
        ("follow_ups-1-DELETE", ""),
        ("action-publish", "action-publish"),
    ]
    data = replace(data, "follow_ups-TOTAL_FORMS", "2")
    response = admin_client.post(url, dict_of_lists(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    html = client.get(target.meeting.url).content.decode()
    item = html.split('id="resolution-1"')[1].split("</li>\n</ol>")[0]
    assert "سابقه پیگیری" in item and "گزارش دو شهرداری رسید." in item and "در دست اقدام" in item
    assert meeting.url in item
