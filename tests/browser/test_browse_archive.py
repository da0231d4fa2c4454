import pytest

from meetings.models import MeetingPage
from places.data import ensure_provinces
from places.models import Municipality, Province
from tests.conftest import agreement_fields, meeting_fields

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def populated(archive, import_files):
    # A transactional test starts from a flushed database: the migration's provinces are gone.
    ensure_provinces(Province, Municipality)
    archive.pdf("QOM-TN-1403-02.pdf", "Signed memorandum of understanding")
    archive.write(
        "m.md",
        meeting_fields(),
        body="## دستور جلسه\n\nموضوع اصلی این همایش، **مدیریت پسماند** و نخاله‌های شهری بود.\n",
    )
    archive.write(
        "a.md",
        agreement_fields(attachments=["QOM-TN-1403-02.pdf"]),
    )
    report = import_files(archive.root)
    assert not report.failed, report.lines
    return MeetingPage.objects.get()


def test_home_meeting_resolution_and_agreement_download(browser, live_server, populated, screenshot):
    context = browser.new_context(viewport=DESKTOP, locale="fa-IR", accept_downloads=True)
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "fa"
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Vazirmatn" in font
    page.wait_for_function("document.fonts.check('16px Vazirmatn')")
    screenshot(page, "home-desktop")

    page.get_by_role("link", name=populated.title).first.click()
    page.wait_for_url(f"**{populated.url}")
    assert page.locator("h1").inner_text() == populated.title
    assert "۱۵ آبان ۱۴۰۳" in page.locator(".meta").first.inner_text()
    screenshot(page, "meeting-desktop")

    page.goto(live_server.url + "/")
    page.locator(f'a[href="{populated.url}#resolution-1"]').first.click()
    page.wait_for_url(f"**{populated.url}#resolution-1")
    target = page.locator("#resolution-1")
    assert target.is_visible()
    assert page.evaluate("document.querySelector(':target').id") == "resolution-1"
    assert "تعرفه" in target.inner_text()
    screenshot(page, "resolution-anchor")

    page.goto(live_server.url + "/agreements/")
    page.get_by_role("link", name="تفاهم‌نامه همکاری در دفن بهداشتی پسماند").click()
    assert "در حال اجرا" in page.locator(".status-line").inner_text()
    link = page.locator("a.download").first
    assert "PDF" in link.inner_text()
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
    screenshot(page, "agreement-desktop")
    context.close()


def test_phone_width_has_no_horizontal_scroll(browser, live_server, populated, screenshot):
    context = browser.new_context(viewport=PHONE, locale="fa-IR", device_scale_factor=2)
    page = context.new_page()
    for name, path in (("home-phone", "/"), ("meeting-phone", populated.url)):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
        screenshot(page, name)
    context.close()
