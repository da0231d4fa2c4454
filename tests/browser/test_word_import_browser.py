import pytest

from meetings.models import MeetingPage
from places.data import ensure_provinces
from places.models import Municipality, Province
from records.site_tree import ensure_site_structure
from tests.browser.conftest import admin_page
from tests.meetings.word_files import TITLE, minutes_docx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(django_user_model):
    # A transactional test starts from a flushed database: the migration's provinces are gone.
    ensure_provinces(Province, Municipality)
    ensure_site_structure()
    Province.objects.get(code="QOM").municipalities.create(name="دستجرد")
    return django_user_model.objects.create_superuser("office", "office@example.org", "office-pass")


def assert_read_button_visible_and_labelled(page, width):
    submit = page.get_by_role("button", name="خواندن سند")
    assert submit.is_visible()
    icon = submit.locator("svg").bounding_box()
    assert icon["width"] <= 24 and icon["height"] <= 24, icon  # not an SVG's default 300×150
    label_box = page.evaluate(
        "() => { const b = [...document.querySelectorAll('button')].find(b => b.textContent.includes('خواندن سند'));"
        " const r = document.createRange(); r.selectNodeContents(b.lastChild); const x = r.getBoundingClientRect();"
        " return {width: x.width, height: x.height, left: x.left, right: x.right}; }"
    )
    assert label_box["width"] > 40 and label_box["height"] > 10
    assert label_box["left"] >= 0 and label_box["right"] <= width  # the label is on screen, not cut off
    assert submit.bounding_box()["height"] < 60


@pytest.mark.parametrize("width", [1280, 390])
def test_the_read_button_is_visible_and_labelled(browser, live_server, office, width, screenshot):
    _, page = admin_page(browser, live_server, width)
    page.goto(live_server.url + "/admin/meetings/import-word/")
    assert page.get_attribute("html", "dir") == "rtl"
    assert_read_button_visible_and_labelled(page, width)
    screenshot(page, f"word-import-upload-{width}")
    page.context.close()


def test_office_imports_minutes_from_word_and_lands_on_the_draft(browser, live_server, office, tmp_path, screenshot):
    docx = tmp_path / "minutes.docx"
    minutes_docx(docx)
    _, page = admin_page(browser, live_server, 1280)
    page.get_by_role("link", name="ورود از Word").first.click()
    page.wait_for_url("**/admin/meetings/import-word/")
    assert page.get_attribute("html", "dir") == "rtl"
    page.set_input_files("#id_file", str(docx))
    page.select_option("#id_province", label="قم")
    assert_read_button_visible_and_labelled(page, 1280)
    screenshot(page, "word-import-upload")
    submit = page.get_by_role("button", name="خواندن سند")
    submit.click()

    page.wait_for_selector("#word-confirm-form")
    assert page.input_value("#id_title") == TITLE
    assert page.input_value("#id_date") == "۱۴۰۳/۰۸/۱۵"
    assert page.input_value("#id_ref") == "QOM-1403-01"
    assert page.locator("#id_municipality option:checked").inner_text().startswith("دستجرد")
    assert page.locator(".word-resolution").count() == 5
    screenshot(page, "word-import-proposal")

    page.fill("#id_resolutions-1-text", "نشست بعد در قنوات، در دی‌ماه برگزار شود.")
    page.check("#id_resolutions-2-DELETE")
    page.fill("#id_resolutions-4-text", "گزارش ارزیابی واحدها به همه شهرداری‌ها ارسال شود.")
    page.fill("#id_resolutions-4-deadline", "1403/10/30")
    page.locator("#proposed-resolution-2").scroll_into_view_if_needed()
    screenshot(page, "word-import-resolutions")
    page.get_by_role("button", name="ساختن پیش‌نویس نشست").click()

    page.wait_for_url("**/admin/pages/*/edit/")
    meeting = MeetingPage.objects.get()
    assert page.url.endswith(f"/admin/pages/{meeting.pk}/edit/")
    assert "پیش‌نویس نشست" in page.locator(".messages").inner_text()
    assert page.get_attribute("html", "dir") == "rtl"
    assert not meeting.live
    assert list(meeting.resolutions.order_by("number").values_list("text", flat=True)) == [
        "پيشنهاد افزايش منطقي تعرفه عوارض تهيه شود",
        "نشست بعد در قنوات، در دی‌ماه برگزار شود.",
        "در ادامه مقرر گرديد گزارش پسماند تا پايان آذر ۱۴۰۳ تهيه شود.",
        "گزارش ارزیابی واحدها به همه شهرداری‌ها ارسال شود.",
    ]
    assert page.input_value("#id_resolutions-3-deadline") == "۱۴۰۳/۱۰/۳۰"
    screenshot(page, "word-import-draft-edit")
    page.context.close()
