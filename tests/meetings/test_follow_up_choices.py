import re

from django.contrib.auth import get_user_model
from django.urls import reverse
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


def chooser(admin_client, **params):
    """The refs and labels the follow-up chooser lists (the modal's results) for these URL parameters."""
    response = admin_client.get(reverse("followable_resolutions:choose_results"), params)
    assert response.status_code == 200
    return re.findall(r"data-chooser-modal-choice[^>]*>\s*([^<]*?)\s*</a>", response.content.decode())


def test_editor_follow_up_chooser_is_limited_and_labelled_in_persian(admin_client, archive_with_follow_ups):
    meeting = archive_with_follow_ups["QOM-1404-02"]
    html = admin_client.get(f"/admin/pages/{meeting.pk}/edit/").content.decode()
    # the chosen follow-up is shown by its label; no list of choices is written into the page
    assert "QOM-1403-11#1 —" in html and "(انجام شد)" in html
    assert "QOM-1403-07#1" not in html and '<select name="follow_ups-0-resolution"' not in html
    assert f"followable/?meeting={meeting.pk}" in html and "#id_province" in html

    labels = chooser(admin_client, meeting=meeting.pk)
    assert len(labels) == 3
    assert any(
        label.startswith("QOM-1403-07#1 — آمار ماهانه پسماند") and "(در انتظار اقدام)" in label for label in labels
    )
    assert any(label.startswith("QOM-1403-11#1 —") and "(انجام شد)" in label for label in labels)
    assert not any("QZV" in label or "QOM-1404-05" in label for label in labels)
    # the province and date being edited (the form's own fields) narrow it, as the form will on saving
    qazvin = archive_with_follow_ups["QZV-1403-09"].province_id
    moved = [label.split(" — ")[0] for label in chooser(admin_client, meeting=meeting.pk, province=qazvin)]
    assert "QZV-1403-09#1" in moved and not any(ref.startswith("QOM-1403-07") for ref in moved)
    earlier = chooser(admin_client, meeting=meeting.pk, date="۱۴۰۳/۰۶/۰۱")
    # what it already follows up stays choosable, as in the form
    assert sorted(label.split(" — ")[0] for label in earlier) == ["QOM-1403-07#1", "QOM-1403-11#1"]


def test_chooser_search_finds_a_resolution_however_it_is_typed(admin_client, archive_with_follow_ups):
    meeting = archive_with_follow_ups["QOM-1404-02"]
    for typed in ("آمار ماهانه", "آمار ماهانه", "1403-07", "۱۴۰۳-۰۷"):
        found = [label.split(" — ")[0] for label in chooser(admin_client, meeting=meeting.pk, q=typed)]
        assert "QOM-1403-07#1" in found and "QOM-1403-11#1" not in found, typed
    # garbage in the modal's parameters is ignored, never a 500
    assert len(chooser(admin_client, meeting="x", date="۱۴۰۳/۱۳/۴۰", province="؟", q="((")) == 0
    assert len(chooser(admin_client, meeting="x", date="۱۴۰۳/۱۳/۴۰", province="؟")) > 0


def test_chooser_never_names_a_draft_meetings_resolution(admin_client, archive_with_follow_ups):
    draft = archive_with_follow_ups["QOM-1404-05"]
    draft.unpublish()
    hidden = draft.resolutions.get()
    response = admin_client.get(reverse("followable_resolutions:chosen", args=[hidden.pk]))
    assert response.status_code == 404
    shown = archive_with_follow_ups["QOM-1403-07"].resolutions.get(number=1)
    response = admin_client.get(reverse("followable_resolutions:chosen", args=[shown.pk]))
    assert response.status_code == 200 and "QOM-1403-07#1 —" in response.json()["result"]["title"]


def test_editor_size_does_not_grow_with_open_resolutions(admin_client, archive_with_follow_ups):
    meeting = archive_with_follow_ups["QOM-1404-02"]
    url = f"/admin/pages/{meeting.pk}/edit/"
    before = len(admin_client.get(url).content)
    earlier = archive_with_follow_ups["QOM-1403-07"]
    for n in range(200):
        QomMeetingFactory(
            ref=f"QOM-1402-{n:03d}",
            date=earlier.date.replace(year=earlier.date.year - 1),
            resolutions=[{"number": 1, "text": f"مصوبه آزمایشی شماره {n} درباره پسماند و بازیافت."}],
        )
    assert len(admin_client.get(url).content) - before < 200  # the editor's own text, not 200 options
    assert len(chooser(admin_client, meeting=meeting.pk)) == 20  # a page of the modal


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


def test_chooser_is_for_the_admin_only(client, archive_with_follow_ups):
    meeting = archive_with_follow_ups["QOM-1404-02"]
    response = client.get(reverse("followable_resolutions:choose_results"), {"meeting": meeting.pk})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
