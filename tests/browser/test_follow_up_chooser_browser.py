"""Recording a follow-up in the meeting editor: the resolution is picked in a searchable modal listing
the province's earlier open resolutions, and the pick is saved."""

import pytest

from meetings.models import MeetingPage
from places.data import ensure_provinces
from places.models import Municipality, Province
from records.site_tree import ensure_site_structure
from tests.browser.conftest import admin_page
from tests.conftest import meeting_fields

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def meetings(archive, import_files, django_user_model):
    ensure_provinces(Province, Municipality)  # a transactional test starts from a flushed database
    ensure_site_structure()
    archive.write("qom-1403-11.md", meeting_fields())
    archive.write(
        "qom-1404-02.md",
        meeting_fields(ref="QOM-1404-02", date="۱۴۰۴/۰۲/۱۵", resolutions=[], next_meeting=None),
    )
    archive.write("qzv-1403-09.md", meeting_fields(ref="QZV-1403-09", province="قزوین", municipality="قزوین"))
    report = import_files(archive.root)
    assert not report.failed, report.lines
    django_user_model.objects.create_superuser("office", "office@example.org", "office-pass")
    return {page.ref: page for page in MeetingPage.objects.all()}


def test_a_follow_up_is_chosen_in_the_modal_and_saved(browser, live_server, meetings, screenshot):
    later = meetings["QOM-1404-02"]
    context, page = admin_page(browser, live_server, 1280)
    page.goto(f"{live_server.url}/admin/pages/{later.pk}/edit/")
    page.locator("#id_follow_ups-ADD").click()
    row = page.locator("#id_follow_ups-FORMS > *").last
    row.get_by_role("button", name="گزینش مصوبه").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_text("گزینش مصوبه برای پیگیری").wait_for()
    listed = modal.locator("[data-chooser-modal-choice]")
    listed.first.wait_for()
    labels = listed.all_inner_texts()
    assert len(labels) == 2 and all(label.startswith("QOM-1403-11#") for label in labels)  # not Qazvin's
    modal.locator("input[name=q]").fill("قنوات")
    page.wait_for_timeout(600)  # the modal searches as one types
    assert [t.split(" — ")[0] for t in listed.all_inner_texts()] == ["QOM-1403-11#2"]
    screenshot(page, "follow-up-chooser")
    listed.first.click()
    modal.wait_for(state="hidden")
    assert "QOM-1403-11#2 — نشست بعد در قنوات" in row.inner_text()
    row.locator("select[name$=-status]").select_option("done")
    with page.expect_navigation():
        page.locator("button.action-save").first.click()
    assert "بروزرسانی شد" in page.locator(".messages").inner_text()
    saved = MeetingPage.objects.get(pk=later.pk).get_latest_revision_as_object()
    assert [(f.resolution.ref, f.status) for f in saved.follow_ups.all()] == [("QOM-1403-11#2", "done")]
    context.close()
