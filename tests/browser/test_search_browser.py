import re

import pytest

from places.data import ensure_provinces
from places.models import Municipality, Province
from tests.conftest import build_corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def search_corpus(archive, import_files):
    ensure_provinces(Province, Municipality)  # a transactional test starts from a flushed database
    return build_corpus(archive, import_files)


def test_arabic_letters_fused_word_two_facets_and_a_highlighted_result(browser, live_server, search_corpus, screenshot):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="جست‌وجو").first.click()
    box = page.locator("#search-q")
    # Arabic yeh and kaf, and «بودجهریزی» fused as the seeds write it
    box.type("بودجهريزي مشاركتي", delay=20)
    page.wait_for_function("document.querySelectorAll('#search-q-list [role=option]').length > 0")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert "۳ نتیجه" in page.locator(".search-results__count").inner_text()
    screenshot(page, "search-results")

    page.locator(".facet a", has_text="مصوبه").first.click()
    page.wait_for_url(re.compile(r"type=resolution"))
    page.locator(".facet a", has_text="قزوین").first.click()
    page.wait_for_url(re.compile(r"province="))
    assert "type=resolution" in page.url
    assert page.locator(".facet__chosen").count() == 2
    results = page.locator(".result")
    assert results.count() == 1
    mark = results.first.locator("mark").first
    assert mark.inner_text() == "بودجه‌ریزی"
    screenshot(page, "search-two-facets")

    results.first.locator(".result__title").click()
    page.wait_for_url(re.compile(r"/meetings/qzv-1404-06/#resolution-1$"))
    assert page.evaluate("document.querySelector(':target').id") == "resolution-1"
    screenshot(page, "search-opened-result")
    context.close()
