"""A visitor follows a search, confirms it from the real SMTP server's inbox, an editor publishes a
matching meeting in the admin, the digest arrives with the highlighted snippet, and its unsubscribe link
works — all in a real browser against the live server."""

import re

import pytest

from alerts.models import SavedSearch
from places.data import ensure_provinces
from places.models import Municipality, Province
from records.site_tree import ensure_site_structure
from tests.alerts.helpers import links_in
from tests.alerts.smtp import html_of, serving
from tests.browser.conftest import admin_page
from tests.factories import MeetingPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(django_user_model, settings, live_server):
    ensure_provinces(Province, Municipality)  # a transactional test starts from a flushed database
    ensure_site_structure()
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    django_user_model.objects.create_superuser("office", "office@example.org", "office-pass")


@pytest.fixture
def smtp_server(settings):
    with serving(settings) as server:
        yield server


def test_a_visitor_follows_a_search_and_gets_the_digest_of_a_meeting_an_editor_publishes(
    browser,
    live_server,
    office,
    smtp_server,
    screenshot,
):
    inbox = smtp_server.inbox
    visitor = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    page = visitor.new_page()
    page.goto(live_server.url + "/search/?q=عوارض+نوسازی&province=قم")
    page.get_by_text("مرا باخبر کن").click()
    page.fill("#follow-name", "عوارض نوسازی قم")
    page.select_option("#follow-frequency", "immediate")
    page.fill("#follow-email", "mayor@example.ir")
    page.get_by_role("button", name="ذخیره و خبرم کن").click()
    page.wait_for_selector("text=ایمیل خود را ببینید")
    assert inbox.wait_for(1)
    (confirmation,) = inbox.messages
    assert "تأیید اشتراک «عوارض نوسازی قم»" in confirmation["Subject"]
    page.goto(next(url for url in links_in(confirmation) if "/alerts/confirm/" in url))
    page.wait_for_selector("text=اشتراک تأیید شد")
    screenshot(page, "alerts-confirmed")

    draft = MeetingPageFactory(
        draft=True,
        title="نشست شهرداران قم درباره عوارض",
        ref="QOM-1404-02",
        summary="بازنگری تعرفه عوارض نوسازی شهرداری‌های استان.",
        resolutions=[{"number": 1, "text": "مقرر شد تعرفه عوارض نوسازی تا پایان سال بازنگری شود."}],
    )
    assert len(inbox.messages) == 1  # a draft sends nothing
    editor, admin = admin_page(browser, live_server, 1366)
    admin.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")
    admin.locator("footer [data-w-dropdown-target='toggle']").last.click()
    admin.locator("button[name='action-publish']").click()
    admin.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    editor.close()

    assert inbox.wait_for(2, timeout=30)
    digest = inbox.messages[1]
    assert "سند تازه برای «عوارض نوسازی قم»" in digest["Subject"]
    html = html_of(digest)
    assert "<mark>عوارض</mark>" in html and "<mark>نوسازی</mark>" in html
    assert f"{live_server.url}/meetings/" in html
    unsubscribe = digest["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe.startswith(live_server.url)

    page.goto(unsubscribe)
    page.wait_for_selector("text=لغو اشتراک «عوارض نوسازی قم»")
    assert SavedSearch.objects.count() == 1  # opening the link only asks
    page.get_by_role("button", name="لغو اشتراک").click()
    page.wait_for_selector("text=اشتراک لغو شد")
    screenshot(page, "alerts-unsubscribed")
    assert not SavedSearch.objects.exists()
    visitor.close()
