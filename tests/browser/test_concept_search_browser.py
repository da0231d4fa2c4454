import re

import pytest

from places.data import ensure_provinces
from places.models import Municipality, Province
from thesaurus.exchange import Entry, apply

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORDS = {
    "BP-QOM-01": ("پایش آلودگی هوا در قم", "ایستگاه‌های پایش آلودگی هوا در سه محله نصب شد."),
    "BP-KHZ-01": ("کمربند سبز حمیدیه در برابر ریزگردها", "نهال‌کاری کانون‌های گرد و غبار غرب شهر."),
    "BP-QOM-02": ("بیمه تکمیلی کارکنان", "کارکنان شهرداری‌های کوچک بیمه شدند."),
}


@pytest.fixture
def concept_corpus(archive, import_files):
    ensure_provinces(Province, Municipality)  # a transactional test starts from a flushed database
    apply(
        [
            Entry(slug="air-pollution", pref_label="آلودگی هوا", alt_labels=["هوای آلوده"]),
            Entry(slug="dust", pref_label="ریزگرد", alt_labels=["گرد و غبار"], broader=["air-pollution"]),
        ]
    )
    for ref, (title, body) in RECORDS.items():
        province = "خوزستان" if "KHZ" in ref else "قم"
        fields = {"ref": ref, "type": "practice", "title": title, "date": "1404/02/01", "province": province}
        archive.write(f"{ref}.md", {**fields, "results": title}, body=body)
    assert not import_files(archive.root).failed


def test_a_concept_question_says_what_it_included_and_finds_other_words(
    browser, live_server, concept_corpus, screenshot
):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    page = context.new_page()
    page.goto(live_server.url + "/search/")
    page.locator("#search-q").fill("آلودگی هوا")
    page.locator("#search-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    understood = page.locator(".understood")
    assert understood.inner_text().startswith("جستجو شامل: آلودگی هوا، هوای آلوده، ریزگرد")
    titles = page.locator(".result__title").all_inner_texts()
    assert titles[0] == "پایش آلودگی هوا در قم"
    other = "کمربند سبز حمیدیه در برابر ریزگردها"
    assert other in titles and "آلودگی" not in other and "هوا" not in other
    screenshot(page, "search-concept")

    understood.get_by_role("link", name=re.compile("فقط واژه‌های")).click()
    page.wait_for_url(re.compile(r"exact=1"))
    assert page.locator(".result__title").all_inner_texts() == ["پایش آلودگی هوا در قم"]
    assert "تنها واژه‌های نوشته‌شده" in page.locator(".understood").inner_text()

    page.goto(live_server.url + "/search/?q=" + "آلودگی هوا")
    page.locator(".understood__concepts a", has_text="آلودگی هوا").click()
    page.wait_for_url(re.compile(r"/thesaurus/air-pollution/$"))
    assert "هوای آلوده" in page.locator("main").inner_text()
    assert page.locator(".result__title", has_text=other).count() == 1
    context.close()
