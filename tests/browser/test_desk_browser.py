"""A director signs in to the Persian admin, finds the editor's submission and approves it."""

import pytest

from meetings.models import MeetingPage
from places.data import ensure_provinces
from places.models import Municipality, Province
from records.site_tree import ensure_site_structure
from tests.conftest import desk_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "نشست شهرداران استان قم درباره پسماند ساختمانی"


@pytest.fixture
def submitted():
    from desk.scope import DIRECTOR, EDITOR

    ensure_provinces(Province, Municipality)  # a transactional test starts from a flushed database
    sections = ensure_site_structure()
    editor = desk_user("qom-editor", EDITOR, "QOM")
    director = desk_user("qom-director", DIRECTOR, "QOM")
    director.set_password("hamandishi-demo")
    director.first_name = "مدیرکل امور شهری قم"
    director.save()
    qom = Province.objects.get(code="QOM")
    page = MeetingPage(title=TITLE, slug="qom-1404-07", ref="QOM-1404-07", date="2025-07-01", province=qom, live=False)
    page.owner = editor
    sections["meetings"].add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return page


def test_director_approves_the_pending_meeting_in_the_rtl_admin(browser, live_server, submitted, screenshot):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    assert page.get_attribute("html", "dir") == "rtl"
    page.fill("#id_username", "qom-director")
    page.fill("#id_password", "hamandishi-demo")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "fa"

    row = page.locator("tr", has_text=TITLE).first
    assert row.is_visible()
    screenshot(page, "desk-director-dashboard")

    row.get_by_role("button", name="اعمال").click()
    approve = row.get_by_role("button", name="تأیید و انتشار")
    approve.wait_for(state="visible")
    screenshot(page, "desk-director-approve-menu")
    approve.click()
    page.wait_for_load_state("networkidle")
    page.wait_for_function("!document.body.innerText.includes('تأیید و انتشار')", timeout=15000)
    screenshot(page, "desk-director-approved")

    submitted.refresh_from_db()
    assert submitted.live and not submitted.workflow_in_progress
    public = context.new_page()
    public.goto(live_server.url + submitted.url)
    assert public.locator("h1").inner_text() == TITLE
    context.close()
