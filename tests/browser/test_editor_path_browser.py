"""The office's whole path in a real browser: a Qom editor imports minutes from Word, confirms the
resolutions and submits the draft; the Qom director approves it; the public finds it in search."""

import pytest

from meetings.models import MeetingPage
from places.data import ensure_provinces
from places.models import Municipality, Province
from records.site_tree import ensure_site_structure
from tests.conftest import desk_user
from tests.meetings.word_files import TITLE, minutes_docx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "hamandishi-demo"


@pytest.fixture
def office():
    from desk.scope import DIRECTOR, EDITOR

    ensure_provinces(Province, Municipality)  # a transactional test starts from a flushed database
    ensure_site_structure()
    Province.objects.get(code="QOM").municipalities.create(name="دستجرد")
    for username, group in (("qom-editor", EDITOR), ("qom-director", DIRECTOR)):
        user = desk_user(username, group, "QOM")
        user.set_password(PASSWORD)
        user.save()


def sign_in(context, live_server, username):
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def test_editor_imports_and_submits_director_approves_public_finds_it(
    browser, live_server, office, tmp_path, screenshot
):
    docx = tmp_path / "minutes.docx"
    minutes_docx(docx)
    editor = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    page = sign_in(editor, live_server, "qom-editor")
    page.get_by_role("link", name="ورود از Word").first.click()
    page.wait_for_url("**/admin/meetings/import-word/")
    assert page.locator("#id_province option").all_inner_texts() == ["قم"]  # the editor's own province only
    page.set_input_files("#id_file", str(docx))
    page.get_by_role("button", name="خواندن سند").click()
    page.wait_for_selector("#word-confirm-form")
    page.check("#id_resolutions-2-DELETE")
    page.get_by_role("button", name="ساختن پیش‌نویس نشست").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    meeting = MeetingPage.objects.get()
    assert not meeting.live and meeting.resolutions.count() == 3  # four proposed, one dropped

    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-submit']").click()
    page.wait_for_load_state("networkidle")
    meeting.refresh_from_db()
    assert meeting.workflow_in_progress and not meeting.live
    screenshot(page, "editor-path-submitted")
    assert live_server.url  # the draft is not public yet:
    assert page.request.get(f"{live_server.url}/api/search/?q=دستجرد").json()["count"] == 0
    editor.close()

    director = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    page = sign_in(director, live_server, "qom-director")
    row = page.locator("tr", has_text=TITLE).first
    row.get_by_role("button", name="اعمال").click()
    row.get_by_role("button", name="تأیید و انتشار").click()
    page.wait_for_function("!document.body.innerText.includes('تأیید و انتشار')", timeout=15000)
    meeting.refresh_from_db()
    assert meeting.live
    director.close()

    public = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    page = public.new_page()
    page.goto(live_server.url + "/search/")
    page.fill("input[name=q]", "صورتجلسه شهرداران قم")
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    first = page.locator(".results > li").first
    assert TITLE in first.inner_text()
    screenshot(page, "editor-path-in-search")
    public.close()
