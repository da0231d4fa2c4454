"""No English a person reads: the public site (crawled from the home page) and the admin screens the
office uses, as a provincial editor and as the office's administrator."""

from collections import deque
from urllib.parse import urljoin, urlparse

import pytest
from wagtail.documents.models import Document

from tests.english_text import english_words

pytestmark = pytest.mark.django_db
SKIP_PREFIXES = ("/admin/", "/documents/", "/media/", "/static/", "/feeds/", "/api/", "/sitemap")
MAX_PAGES = 60


def links(html):
    from html.parser import HTMLParser

    found = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            href = dict(attrs).get("href")
            if tag == "a" and href:
                found.append(href)

    Links().feed(html)
    return found


def test_english_words_finds_ui_text_but_not_refs_urls_or_file_names():
    html = (
        "<p>Skip to main content</p><p>مصوبه QOM-1403-11#2 و https://example.ir/a و scan-2.pdf و 12</p>"
        '<input type="submit" value="Search"><span aria-label="Actions"></span><script>var English;</script>'
    )
    assert english_words(html) == ["Skip", "to", "main", "content", "Search", "Actions"]


def test_the_public_site_has_no_english(client, desk_records):
    queue, seen, offenders = deque(["/", "/search/?q=پسماند", "/no-such-page/"]), set(), {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        words = english_words(html)
        if words:
            offenders[path] = words
        for href in links(html):
            url = urlparse(urljoin(path, href))
            if url.netloc in ("", "testserver") and not url.path.startswith(SKIP_PREFIXES) and "page=" not in url.query:
                queue.append(url.path + (f"?{url.query}" if url.query else ""))
    assert len(seen) >= 15  # the crawl reached the listings, records, provinces and topics
    assert offenders == {}


def admin_screens(records):
    meeting, agreement = records.qom, records.agreement
    section = meeting.get_parent().pk
    document = Document.objects.first()
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{section}/",
        f"/admin/pages/{meeting.pk}/edit/",
        f"/admin/pages/{agreement.pk}/edit/",
        f"/admin/pages/{meeting.pk}/history/",
        f"/admin/pages/add/meetings/meetingpage/{section}/",
        "/admin/pages/search/?q=QOM",
        "/admin/documents/",
        f"/admin/documents/edit/{document.pk}/",
        "/admin/documents/multiple/add/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/meetings/import-word/",
        "/admin/reports/locked/",
        "/admin/reports/site-history/",
        "/admin/account/",
        "/admin/snippets/",
    ]


# Wagtail renders these in its own templates with no translation hook: the sr-only submit buttons of
# its search boxes (portal/static/portal/js/admin.js relabels them in the browser) and the names of
# export formats.
WAGTAIL_UNTRANSLATABLE = {"Search", "XLSX", "CSV"}


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_the_admin_screens_the_office_uses_have_no_english(client, desk_records, desk, django_user_model, who):
    if who == "editor":
        user = desk.qom_editor
        screens = admin_screens(desk_records)
    else:
        user = django_user_model.objects.create_superuser("office-admin", "o@example.org", "pass")
        screens = admin_screens(desk_records) + ["/admin/users/", "/admin/groups/", "/admin/workflows/list/"]
        screens += ["/admin/workflows/tasks/index/", "/admin/collections/", "/admin/reports/workflow/"]
    client.force_login(user)
    offenders = {}
    for path in screens:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        words = english_words(
            response.content.decode(), also_allowed=[*user.username.split("-"), *WAGTAIL_UNTRANSLATABLE]
        )
        # usernames of the listed accounts are data, not interface
        words = [w for w in words if not django_user_model.objects.filter(username__icontains=w.lower()).exists()]
        if words:
            offenders[path] = words
    assert offenders == {}


def test_wagtails_default_workflow_gave_way_to_the_provincial_one():
    from django.contrib.auth.models import Group
    from wagtail.models import Page, Workflow, WorkflowPage

    from desk.roles import WORKFLOW_NAME

    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert list(Workflow.objects.filter(active=True).values_list("name", flat=True)) == [WORKFLOW_NAME]
    assert not WorkflowPage.objects.exclude(workflow__name=WORKFLOW_NAME).exists()
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
    assert Page.get_first_root_node().title == "ریشه"


def test_the_admin_never_asks_another_host_for_updates(settings):
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False


def test_the_inline_panels_add_buttons_read_as_persian(client, desk_records, desk):
    """Wagtail's own Persian catalogue words the inline panels' button «افزودن مصوبه لیبل»."""
    client.force_login(desk.qom_editor)
    html = client.get(f"/admin/pages/{desk_records.qom.pk}/edit/").content.decode()
    for label in ("مصوبه", "پیگیری", "عکس", "سند"):
        assert f"افزودن {label}" in html
    assert "لیبل" not in html
