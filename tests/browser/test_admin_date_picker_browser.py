"""The admin's Jalali date picker: picking a day saves that Jalali date; typing still works."""

import datetime

import pytest

from meetings.models import MeetingPage
from places.data import ensure_provinces
from places.models import Municipality, Province
from records.site_tree import ensure_site_structure
from tests.browser.conftest import admin_page
from tests.conftest import meeting_fields

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture
def meeting(archive, import_files, django_user_model):
    ensure_provinces(Province, Municipality)  # a transactional test starts from a flushed database
    ensure_site_structure()
    archive.write("qom.md", meeting_fields())
    report = import_files(archive.root)
    assert not report.failed, report.lines
    django_user_model.objects.create_superuser("office", "office@example.org", "office-pass")
    return MeetingPage.objects.get()


def save(page):
    with page.expect_navigation():
        page.locator("button.action-save").first.click()


def saved_date(meeting):
    return meeting.get_latest_revision_as_object().date


@pytest.mark.parametrize("device", WIDTHS)
def test_the_picker_sets_a_jalali_date_that_is_saved(browser, live_server, meeting, screenshot, device):
    context, page = admin_page(browser, live_server, WIDTHS[device])
    page.goto(f"{live_server.url}/admin/pages/{meeting.pk}/edit/")
    field = page.locator("#id_date")
    assert field.input_value() == "۱۴۰۳/۰۸/۱۵"
    field.click()
    picker = page.locator("jdp-container")
    picker.locator(".jdp-day").first.wait_for(state="visible")
    # it opens on the field's own date
    assert picker.locator(".jdp-year select").input_value() == "1403"
    assert picker.locator(".jdp-month select").input_value() == "8"
    picker.locator(".jdp-month select").select_option("9")  # آذر
    screenshot(page, f"admin-date-picker-{device}")
    picker.locator(".jdp-day:not(.not-in-month)", has_text="۲۰").first.click()
    assert not picker.is_visible()
    assert field.input_value() == "۱۴۰۳/۰۹/۲۰"
    save(page)
    assert "بروزرسانی شد" in page.locator(".messages").inner_text()
    meeting.refresh_from_db()
    assert saved_date(meeting) == datetime.date(2024, 12, 10)  # ۲۰ آذر ۱۴۰۳
    assert page.locator("#id_date").input_value() == "۱۴۰۳/۰۹/۲۰"
    context.close()


def test_typing_a_date_still_works_and_escape_closes_the_picker(browser, live_server, meeting):
    context, page = admin_page(browser, live_server, WIDTHS["desktop"])
    page.goto(f"{live_server.url}/admin/pages/{meeting.pk}/edit/")
    field = page.locator("#id_date")
    field.focus()
    picker = page.locator("jdp-container")
    picker.locator(".jdp-day").first.wait_for(state="visible")
    page.wait_for_timeout(400)  # the picker ignores Escape during its 300 ms opening transition
    page.keyboard.press("Escape")
    picker.wait_for(state="hidden")
    field.fill("1404-06-23")
    page.keyboard.press("Tab")
    assert not picker.is_visible()
    save(page)
    meeting.refresh_from_db()
    assert saved_date(meeting) == datetime.date(2025, 9, 14)
    field = page.locator("#id_date")
    field.fill("۱۴۰۴/۱۳/۰۱")
    save(page)
    assert page.get_by_text("وجود ندارد (ماه یا روز نادرست است)").first.is_visible()
    meeting.refresh_from_db()
    assert saved_date(meeting) == datetime.date(2025, 9, 14)
    context.close()
