"""Every admin URL, enumerated from the URL resolver, walked as a Qazvin editor and as Salafchegan's
municipal staff: none shows Qom's draft, scheduled or in-review titles and addresses, nor the name of
a restricted Qom document, and none answers 500. The same walk as a superuser finds them, so the walk
does reach the listings."""

import contextlib
from datetime import timedelta
from itertools import islice, product
import json
import re

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
import pytest

from desk.scope import STAFF
from meetings.models import MeetingIndexPage, MeetingPage
from places.models import Province
from tests.conftest import desk_user

pytestmark = pytest.mark.django_db

DRAFT, SCHEDULED = "qomdrafttoken", "qomscheduledtoken"
SECRET_FILE = "qomsecrettoken"
SECRETS = (DRAFT, SCHEDULED, SECRET_FILE)
WORD = "token"
# GETs that would end the session or act outside the admin's listings, and the catch-all 404.
SKIP = re.compile(r"logout|editing_sessions|error_test|password_reset|javascript_catalog|sprite|^$")
QUERIES = ("", f"?q={WORD}", f"?search={WORD}&for_explorer=1", "?page_type=meetings.meetingpage")
MAX_COMBINATIONS = 16


def admin_patterns():
    """(route, name, argument names) of every URL under /admin/, from Django's resolver."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}:{pattern.namespace}" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner.strip(":"))
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}".strip(":") if pattern.name else ""
                args = list(pattern.pattern.regex.groupindex)
                yield prefix + str(pattern.pattern), name, args

    return [p for p in walk(get_resolver().url_patterns) if p[0].startswith("admin/")]


def qom_draft(index, title, slug, **fields):
    page = MeetingPage(
        title=title,
        slug=slug,
        ref=f"QOM-1404-{slug[-2:]}",
        date=timezone.now().date(),
        province=Province.objects.get(code="QOM"),
        live=False,
        **fields,
    )
    index.add_child(instance=page)
    return page


@pytest.fixture
def unpublished_qom(desk_pages, desk):
    """A Qom draft in review (and locked), a scheduled Qom meeting and a restricted Qom document."""
    from types import SimpleNamespace

    index = MeetingIndexPage.objects.get()
    draft = qom_draft(index, f"نشست پیش‌نویس {DRAFT}", f"{DRAFT}-41", owner=desk.qom_editor)
    draft.save_revision(user=desk.qom_editor)
    draft.get_workflow().start(draft, desk.qom_editor)
    MeetingPage.objects.filter(pk=draft.pk).update(locked=True, locked_by=desk.qom_editor, locked_at=timezone.now())
    scheduled = qom_draft(index, f"نشست زمان‌بندی‌شده {SCHEDULED}", f"{SCHEDULED}-42", owner=desk.qom_director)
    scheduled.go_live_at = timezone.now() + timedelta(days=30)
    scheduled.save_revision(user=desk.qom_director).publish(user=desk.qom_director)
    scheduled.refresh_from_db()
    assert not draft.live and not scheduled.live and scheduled.has_unpublished_changes
    signed = desk_pages.agreement.documents.get(restricted=True).document
    signed.title = f"{SECRET_FILE}.pdf"
    signed.save()
    return SimpleNamespace(draft=draft, scheduled=scheduled, document=signed, index=index)


def candidates(unpublished, desk_pages):
    """Values for each URL argument: the unpublished Qom pages, their parents and revisions, the document."""
    from wagtail.models import Page, TaskState, Workflow

    pages = [unpublished.draft.pk, unpublished.scheduled.pk, unpublished.index.pk, unpublished.index.get_parent().pk]
    doc = unpublished.document.pk
    revisions = [unpublished.draft.latest_revision_id, unpublished.scheduled.latest_revision_id]
    task_states = list(TaskState.objects.values_list("pk", flat=True)) or [1]
    page_types = [("meetings", "meetingpage"), ("agreements", "agreementpage"), ("practices", "bestpracticepage")]
    simple = {
        "page_id": pages,
        "parent_page_id": pages,
        "page_to_move_id": pages,
        "destination_id": pages[2:],
        "page_pk": pages,
        "pk": [*pages, doc, desk_pages.agreement.pk],
        "document_id": [doc],
        "doc_id": [doc],
        "revision_id": revisions,
        "revision_id_a": ["earliest"],
        "revision_id_b": ["latest"],
        "task_state_id": task_states,
        "workflow_state_id": list(unpublished.draft.workflow_states.values_list("pk", flat=True)),
        "task_id": [ts.task_id for ts in TaskState.objects.all()] or [1],
        "action_name": ["approve", "reject"],
        "app_label": ["wagtailcore", "meetings"],
        "model_name": ["page", "meetingpage"],
        "action": ["delete", "unpublish", "move"],
        "workflow_pk": list(Workflow.objects.values_list("pk", flat=True)),
        "uploaded_file_id": [doc],
    }
    assert Page.objects.filter(pk__in=pages).count() == len(pages)
    return simple, page_types


def fill(route, kwargs):
    """The path of a route (``<int:pk>`` or regex groups) with these argument values."""

    def value(match):
        return str(kwargs[match.group(1)])

    path = "/" + route.replace("^", "").replace("$", "")
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", value, path)
    return re.sub(r"<(?:\w+:)?(\w+)>", value, path).replace("\\.", ".")


def urls_to_walk(unpublished, desk_pages):
    simple, page_types = candidates(unpublished, desk_pages)
    urls, unfilled = [], []
    for route, name, args in admin_patterns():
        if SKIP.search(name):
            continue
        if {"content_type_app_name", "content_type_model_name"} <= set(args):
            others = [a for a in args if not a.startswith("content_type_")]
            choices = [
                [dict(zip(("content_type_app_name", "content_type_model_name"), t, strict=True)) for t in page_types]
            ]
            choices += [[{a: v} for v in simple.get(a, [])] for a in others]
        else:
            choices = [[{a: v} for v in simple.get(a, [])] for a in args]
        if any(not c for c in choices):
            unfilled.append(route)
            continue
        for combination in islice(product(*choices), MAX_COMBINATIONS):
            kwargs = {k: v for part in combination for k, v in part.items()}
            path = fill(route, kwargs)
            bulk = f"&id={unpublished.draft.pk}&id={unpublished.scheduled.pk}" if "bulk" in name else ""
            queries = QUERIES if not args or "explore" in name or "choose" in name else QUERIES[:2]
            urls.extend(f"{path}{q or '?'}{bulk}".rstrip("?") for q in queries)
    return urls, unfilled


def readable(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    if "json" in response.get("Content-Type", ""):
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


def walk(client, user, urls):
    """{url: the secrets it shows} and the URLs that answered 500."""
    client.force_login(user)
    leaks, errors = {}, []
    for url in urls:
        response = client.get(url)
        if response.status_code >= 500:
            errors.append(url)
            continue
        text = readable(response)
        shown = [secret for secret in SECRETS if secret in text]
        if shown:
            leaks[url] = shown
    return leaks, errors


def test_no_admin_url_shows_another_provinces_unpublished_titles_or_restricted_files(
    client, unpublished_qom, desk_pages, desk, django_user_model
):
    urls, unfilled = urls_to_walk(unpublished_qom, desk_pages)
    for listing in (
        "/admin/",
        "/admin/choose-page/",
        "/admin/choose-page/search/?q=token",
        f"/admin/choose-page/{unpublished_qom.index.pk}/",
        f"/admin/pages/{unpublished_qom.index.pk}/",
        "/admin/pages/search/?q=token",
        "/admin/pages/usage/meetings/meetingpage/",
        "/admin/reports/page-types-usage/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/reports/site-history/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/documents/chooser/",
        "/admin/documents/chooser/results/?q=token",
        "/admin/documents/",
        "/admin/api/main/pages/?search=token&for_explorer=1",
    ):
        assert listing in urls, listing
    assert not [route for route in unfilled if re.search(r"pages|documents|reports|choose-page", route)], unfilled

    salafchegan_staff = desk_user("salafchegan-staff", STAFF, "QOM", "سلفچگان")
    for user in (desk.qzv_editor, salafchegan_staff):
        leaks, errors = walk(client, user, urls)
        assert not errors, (user, errors)
        assert not leaks, (user, leaks)

    # The same walk as a superuser finds every secret: the walk does reach the listings.
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pass")
    listings = [u for u in urls if re.search(r"choose-page|/documents/chooser|reports/locked", u)]
    leaks, errors = walk(client, admin, listings)
    assert not errors, errors
    assert {secret for found in leaks.values() for secret in found} == set(SECRETS), leaks
