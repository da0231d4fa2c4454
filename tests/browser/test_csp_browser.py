"""With the Content-Security-Policy enforced, Chromium reports no violation on the public pages and
the search suggestions (the site's one script) still work.

The test settings send the policy report-only (Playwright's own evaluate() calls would break it);
here every response's report-only policy is handed to the browser as the enforced one.
"""

import re

import pytest

from places.data import ensure_provinces
from places.models import Municipality, Province
from tests.conftest import build_corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def corpus_served(archive, import_files):
    ensure_provinces(Province, Municipality)  # a transactional test starts from a flushed database
    return build_corpus(archive, import_files)


def enforce_policy(route):
    response = route.fetch()
    headers = dict(response.headers)
    policy = headers.pop("content-security-policy-report-only", None)
    if policy:
        headers["content-security-policy"] = policy
    route.fulfill(response=response, headers=headers)


def test_public_pages_break_no_rule_of_the_enforced_policy(browser, live_server, corpus_served):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    page = context.new_page()
    page.route("**/*", enforce_policy)
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    for path in ("/", "/meetings/", "/meetings/qom-1403-11/", "/agreements/", "/provinces/qom/", "/no-such-page/"):
        response = page.goto(live_server.url + path)
        assert "script-src 'self';" in response.all_headers()["content-security-policy"], path
    page.goto(live_server.url + "/search/")
    page.locator("#search-q").type("بودجه", delay=20)
    page.locator("#search-q-list [role=option]").first.wait_for(timeout=15000)
    page.locator("#search-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    context.close()
    violations = [text for text in problems if "Content Security Policy" in text or "Refused" in text]
    assert violations == []
    assert [text for text in problems if "404" not in text] == []
