"""The records API's Swagger UI (/api/v1/docs/) works in Chromium from our own static files, under the
site's Content-Security-Policy enforced, and lists the API's endpoints from /api/v1/schema/."""

import pytest

from tests.browser.test_csp_browser import enforce_policy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_page_shows_the_endpoints_with_nothing_from_elsewhere(browser, live_server):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    page = context.new_page()
    page.route("**/*", enforce_policy)
    problems, hosts = [], set()
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto(live_server.url + "/api/v1/docs/")
    page.locator(".opblock-summary-path", has_text="/api/v1/meetings/").first.wait_for(timeout=20000)
    assert page.locator(".info .title").inner_text().startswith("API بایگانی")
    context.close()
    assert hosts == {live_server.url.split("/")[2]}
    assert [text for text in problems if "Content Security Policy" in text or "Refused" in text] == []
