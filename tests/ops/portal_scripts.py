"""Scripts run inside a portal's own process (``python tests/ops/portal_scripts.py setup|summary``).

``setup`` adds what an archive export leaves out: accounts, a draft revision, the audit log,
download counts. ``summary`` prints, as JSON, what people see of a portal — pages, documents as
downloaded, revisions, accounts, search results — so a restored portal can be compared with its original.
"""

import hashlib
import json
from pathlib import Path
import sys

ROOT = Path(__file__).resolve().parents[2]
SEARCHES = ("پسماند", "دفن بهداشتی", "QOM-1403-11", "تعرفه عوارض", "نقشه")


def setup():
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model

    from desk.scope import EDITOR
    from meetings.models import MeetingPage
    from portal.downloads import count_download
    from tests.conftest import desk_user

    get_user_model().objects.create_superuser("admin", "admin@example.org", "backup-test")
    editor = desk_user("qom-editor", EDITOR, "QOM")
    meeting = MeetingPage.objects.get(ref="QOM-1403-11")
    meeting.title = "پیش‌نویس: عنوان تازه همایش"
    meeting.save_revision(user=editor, log_action=True)  # a draft over the live page
    for document in get_document_model().objects.all():
        for _ in range(3):
            count_download(document)


def summary():
    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.documents import get_document_model
    from wagtail.models import Page, PageLogEntry, Revision

    from portal.models import DocumentDownload

    client = Client()

    def get(path):
        return client.get(path, secure=True, HTTP_HOST="127.0.0.1")

    report = {
        "pages": sorted(
            (page.url_path, page.title, page.live, page.has_unpublished_changes)
            for page in Page.objects.filter(depth__gt=2).specific()
        ),
        "revisions": sorted(
            (str(rev.object_str), rev.user.username if rev.user else None) for rev in Revision.objects.all()
        ),
        "audit_log": PageLogEntry.objects.count(),
        "users": sorted(
            (user.username, user.password, sorted(group.name for group in user.groups.all()))
            for user in get_user_model().objects.all()
        ),
        "downloads": sorted((item.document.title, item.count) for item in DocumentDownload.objects.all()),
    }
    live_pages = []
    for page in Page.objects.live().filter(depth__gt=2).specific():
        response = get(page.url)
        live_pages.append((page.url, response.status_code, page.title in response.content.decode()))
    report["live_pages"] = sorted(live_pages)
    documents = []
    for document in get_document_model().objects.all():
        response = get(document.url)
        body = b"".join(response.streaming_content) if response.status_code == 200 else b""
        documents.append((document.title, response.status_code, hashlib.sha256(body).hexdigest()))
    report["documents"] = sorted(documents)
    report["search"] = {
        query: [result["ref"] for result in get(f"/api/search/?q={query}").json()["results"]] for query in SEARCHES
    }
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    {"setup": setup, "summary": summary}[sys.argv[1]]()
