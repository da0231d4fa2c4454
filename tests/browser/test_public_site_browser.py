"""The public site as a visitor meets it, at desktop and phone widths: search first, axe-core, print."""

import json
from pathlib import Path
import re

import pytest

from places.data import ensure_provinces
from places.models import Municipality, Province
from tests.conftest import build_corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture
def search_corpus(archive, import_files):
    ensure_provinces(Province, Municipality)  # a transactional test starts from a flushed database
    return build_corpus(archive, import_files)


def open_page(browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fa-IR")
    return context, context.new_page()


@pytest.mark.parametrize("device", WIDTHS)
def test_header_search_opens_a_record_from_a_suggestion(browser, live_server, search_corpus, screenshot, device):
    context, page = open_page(browser, WIDTHS[device])
    page.goto(live_server.url + "/agreements/")
    box = page.locator("#header-q")
    assert box.is_visible()
    box.type("تفاهمنامه همکاری", delay=20)
    option = page.locator("#header-q-list [role=option]", has_text="دفن بهداشتی پسماند").first
    option.wait_for()
    # the label is shown in Persian form, though stored as typed («تفاهمنامه»)
    assert "تفاهم\u200cنامه همکاری" in option.inner_text()
    screenshot(page, f"header-suggestions-{device}")
    option.click()
    page.wait_for_url(re.compile(r"/agreements/[^/]+/$"))
    assert "دفن بهداشتی پسماند" in page.locator("h1").inner_text()
    context.close()


def test_keyboard_picks_a_suggestion_and_enter_without_one_searches(browser, live_server, search_corpus):
    context, page = open_page(browser, WIDTHS["desktop"])
    page.goto(live_server.url + "/")
    box = page.locator("#home-q")
    box.type("بودجه ریزی", delay=20)
    page.locator("#home-q-list [role=option]").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    first = page.locator("#home-q-list [role=option]").first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    href = first.locator("a").get_attribute("href")
    box.press("Enter")
    page.wait_for_url(live_server.url + href)

    page.goto(live_server.url + "/")
    page.locator("#home-q").fill("پسماند")
    page.locator("#home-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert "نتیجه برای «پسماند»" in page.locator(".search-results__count").inner_text()
    context.close()


def test_a_listing_searches_within_its_scope(browser, live_server, search_corpus):
    context, page = open_page(browser, WIDTHS["desktop"])
    page.goto(live_server.url + "/meetings/")
    page.locator("#scope-q").fill("پسماند")
    page.locator("#scope-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=.*type=meeting"))
    types = {t.inner_text() for t in page.locator(".results .result__type").all()}
    assert types == {"نشست"}
    context.close()


@pytest.mark.parametrize("device", WIDTHS)
def test_facets_sit_behind_a_filters_button_above_the_results_on_a_phone(
    browser, live_server, search_corpus, screenshot, device
):
    context, page = open_page(browser, WIDTHS[device])
    page.goto(live_server.url + "/search/?q=%D9%BE%D8%B3%D9%85%D8%A7%D9%86%D8%AF")
    toggle = page.locator(".facets-panel__toggle")
    facets = page.locator(".facets")
    if device == "phone":
        assert toggle.is_visible() and not facets.is_visible()
        assert toggle.bounding_box()["y"] < page.locator(".results").bounding_box()["y"]
        toggle.click()
        assert facets.is_visible()
        assert facets.bounding_box()["y"] < page.locator(".results").bounding_box()["y"]
    else:
        assert not toggle.is_visible() and facets.is_visible()
    screenshot(page, f"search-facets-{device}")
    context.close()


def test_print_of_a_meeting_has_no_navigation(browser, live_server, search_corpus, screenshot):
    context, page = open_page(browser, WIDTHS["desktop"])
    page.goto(live_server.url + "/meetings/qzv-1404-06/")
    assert page.locator(".site-header").is_visible()
    page.emulate_media(media="print")
    for chrome in (".site-header", ".site-footer", ".breadcrumbs", ".meeting-nav", ".search-form"):
        assert page.locator(chrome).first.is_hidden(), chrome
    head = page.locator(".print-running-head")
    assert head.is_visible()
    assert "QZV-1404-06" in head.inner_text() and "۱۴۰۴" in head.inner_text()
    assert page.locator(".resolution").first.is_visible()
    screenshot(page, "meeting-print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    context.close()


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (make browser-js)")
@pytest.mark.parametrize("device", WIDTHS)
@pytest.mark.parametrize(
    "path",
    ["/", "/search/?q=%D9%BE%D8%B3%D9%85%D8%A7%D9%86%D8%AF", "/meetings/qzv-1404-06/", "/agreements/"],
    ids=["home", "search", "meeting", "agreements"],
)
def test_no_serious_accessibility_violations(browser, live_server, search_corpus, device, path):
    context, page = open_page(browser, WIDTHS[device])
    page.goto(live_server.url + path)
    if path == "/agreements/":  # and one agreement page
        page.locator(".card__title").first.click()
        page.wait_for_url(re.compile(r"/agreements/[^/]+/$"))
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    serious = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)
    context.close()
