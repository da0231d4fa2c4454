"""A practice's related resolutions are added in a chooser modal (search, tick, confirm) and removed
from the list, and what is saved is what the list showed."""

import pytest

from places.data import ensure_provinces
from places.models import Municipality, Province
from practices.models import BestPracticePage
from records.site_tree import ensure_site_structure
from tests.browser.conftest import admin_page
from tests.conftest import build_corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def practice(archive, import_files, django_user_model):
    ensure_provinces(Province, Municipality)  # a transactional test starts from a flushed database
    ensure_site_structure()
    build_corpus(archive, import_files)
    django_user_model.objects.create_superuser("office", "office@example.org", "office-pass")
    return BestPracticePage.objects.get(ref="BP-QZV-01")


def related(practice):
    page = BestPracticePage.objects.get(pk=practice.pk).get_latest_revision_as_object()
    return sorted(resolution.ref for resolution in page.related_resolutions.all())


def save(page):
    with page.expect_navigation():
        page.locator("button.action-save").first.click()
    assert "بروزرسانی شد" in page.locator(".messages").inner_text()


def test_related_resolutions_are_added_in_the_modal_and_removed_from_the_list(
    browser, live_server, practice, screenshot
):
    context, page = admin_page(browser, live_server, 1280)
    page.goto(f"{live_server.url}/admin/pages/{practice.pk}/edit/")
    chooser = page.locator("[data-record-multiple-chooser]").first
    chooser.get_by_role("button", name="افزودن مصوبه").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_text("گزینش مصوبه‌های مرتبط").wait_for()
    modal.locator("input[name=q]").fill("بازارچه")
    page.wait_for_timeout(600)  # the modal searches as one types
    rows = modal.locator("tbody tr")
    assert rows.count() == 1 and "QZV-1404-06#2" in rows.first.inner_text()
    rows.first.locator("input[type=checkbox]").check()
    screenshot(page, "related-resolutions-chooser")
    modal.locator("[data-multiple-choice-submit]").click()
    modal.wait_for(state="hidden")
    assert "QZV-1404-06#2 — مقرر شد ده غرفه" in chooser.locator("[data-chosen]").inner_text()
    save(page)
    assert related(practice) == ["QZV-1404-06#2"]

    chooser = page.locator("[data-record-multiple-chooser]").first
    assert "QZV-1404-06#2" in chooser.locator("[data-chosen]").inner_text()  # shown again after saving
    chooser.get_by_role("button", name="برداشتن").click()
    assert chooser.locator("[data-chosen] li").count() == 0
    save(page)
    assert related(practice) == []
    context.close()
