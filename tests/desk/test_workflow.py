"""Editor submits, the province's director approves (now or at a scheduled time) or asks for changes."""

import datetime
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.utils import timezone
import pytest
from wagtail.models import PageLogEntry

from meetings.models import MeetingPage
from search.models import SearchEntry
from tests.desk.admin import add_url, as_user, assert_denied, new_meeting_data
from tests.forms import dict_of_lists, form_data, replace

pytestmark = pytest.mark.django_db
TITLE = "نشست تازه شهرداران استان قم درباره پسماند"


def submit_meeting(client, desk, desk_pages, **fields):
    """The Qom editor writes a new meeting in the admin and submits it for review."""
    index = desk_pages.qom.get_parent()
    as_user(client, desk.qom_editor)
    data = new_meeting_data(client, index, desk_pages.qom.province_id, title=TITLE, **fields)
    response = client.post(add_url(index), dict_of_lists([*data, ("action-submit", "1")]))
    assert response.status_code == 302, response.content.decode()[:3000]
    return MeetingPage.objects.get(ref="QOM-1404-99")


def action_url(page, action):
    return f"/admin/pages/workflow/action/{page.pk}/{action}/{page.current_workflow_task_state.pk}/"


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_submitting_notifies_the_provinces_director_only(client, desk, desk_pages):
    mail.outbox.clear()
    page = submit_meeting(client, desk, desk_pages)
    assert page.workflow_in_progress and not page.live
    assert page.current_workflow_task.specific.__class__.__name__ == "ProvincialApprovalTask"
    assert recipients() == ["qom-director@example.org"]
    message = mail.outbox[0]
    assert message.subject == f"«{TITLE}» برای تأیید در مرحله «تأیید مدیرکل امور شهری» فرستاده شد"
    assert f"/admin/pages/{page.pk}/edit/" in message.body and "سلام" in message.body


def test_a_submitted_draft_is_nowhere_public(client, desk, desk_pages):
    page = submit_meeting(client, desk, desk_pages)
    client.logout()
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()
    assert client.get(page.url or "/meetings/new-meeting/").status_code == 404
    for path in ("/meetings/", "/", "/provinces/qom/", "/feeds/atom/", "/feeds/rss/", "/sitemap.xml"):
        assert TITLE not in client.get(path).content.decode(), path
    assert client.get("/api/search/", {"q": "QOM-1404-99"}).json()["count"] == 0


def test_director_sees_the_task_and_approving_publishes_and_tells_the_editor(client, desk, desk_pages):
    page = submit_meeting(client, desk, desk_pages)
    dashboard = as_user(client, desk.qom_director).get("/admin/").content.decode()
    assert TITLE in dashboard
    assert TITLE not in as_user(client, desk.qzv_director).get("/admin/").content.decode()
    mail.outbox.clear()
    response = as_user(client, desk.qom_director).post(action_url(page, "approve"), {"comment": ""})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and not page.workflow_in_progress
    assert recipients() == ["qom-editor@example.org"]
    assert mail.outbox[0].subject == f"«{TITLE}» تأیید شد" and page.full_url in mail.outbox[0].body
    assert SearchEntry.objects.filter(page_id=page.pk).exists()
    client.logout()
    assert client.get(page.url).status_code == 200
    assert client.get("/api/search/", {"q": "QOM-1404-99"}).json()["count"] >= 1
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {"wagtail.create", "wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"} <= actions


def test_rejecting_sends_the_comment_back_to_the_editor(client, desk, desk_pages):
    page = submit_meeting(client, desk, desk_pages)
    mail.outbox.clear()
    comment = "تاریخ نشست با صورت‌جلسه امضاشده نمی‌خواند؛ اصلاح کنید."
    as_user(client, desk.qom_director).post(action_url(page, "reject"), {"comment": comment})
    page.refresh_from_db()
    assert not page.live
    state = page.workflow_states.get()
    assert state.status == state.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == comment
    assert recipients() == ["qom-editor@example.org"]
    assert mail.outbox[0].subject == f"«{TITLE}» به اصلاح نیاز دارد"
    assert f"توضیح: «{comment}»" in mail.outbox[0].body
    history = as_user(client, desk.qom_editor).get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert comment in history


def test_a_director_of_another_province_cannot_approve_or_reject(client, desk, desk_pages):
    page = submit_meeting(client, desk, desk_pages)
    as_user(client, desk.qzv_director)
    for action in ("approve", "reject"):
        assert_denied(client.post(action_url(page, action), {"comment": "x"}))
    page.refresh_from_db()
    assert page.workflow_in_progress and not page.live
    assert not page.current_workflow_task.get_actions(page, desk.qzv_director)
    assert not page.permissions_for_user(desk.qzv_director).can_edit()


def test_the_editor_cannot_approve_their_own_submission(client, desk, desk_pages):
    page = submit_meeting(client, desk, desk_pages)
    assert_denied(as_user(client, desk.qom_editor).post(action_url(page, "approve"), {"comment": ""}))
    page.refresh_from_db()
    assert not page.live


def test_comparing_revisions_of_a_submitted_draft(client, desk, desk_pages):
    page = submit_meeting(client, desk, desk_pages)
    # Under review the record is locked for the editor; the director may correct it before approving.
    as_user(client, desk.qom_director)
    data = form_data(client.get(f"/admin/pages/{page.pk}/edit/").content.decode(), "page-edit-form")
    client.post(f"/admin/pages/{page.pk}/edit/", dict_of_lists(replace(data, "summary", "خلاصه تازه")))
    first, latest = page.revisions.order_by("pk")[0], page.revisions.order_by("pk").last()
    assert first != latest
    compare = f"/admin/pages/{page.pk}/revisions/compare/{first.pk}...{latest.pk}/"
    html = client.get(compare).content.decode()
    assert "خلاصه تازه" in html
    assert_denied(as_user(client, desk.qzv_director).get(compare))


def test_approval_with_a_go_live_date_publishes_when_the_time_comes(client, desk, desk_pages):
    go_live = timezone.now() + datetime.timedelta(days=2)
    page = submit_meeting(client, desk, desk_pages)
    as_user(client, desk.qom_director)
    data = form_data(client.get(f"/admin/pages/{page.pk}/edit/").content.decode(), "page-edit-form")
    data = replace(data, "go_live_at", timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"))
    data = [*data, ("action-workflow-action", "true"), ("workflow-action-name", "approve")]
    response = client.post(f"/admin/pages/{page.pk}/edit/", dict_of_lists(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    assert not page.live and not page.workflow_in_progress
    assert page.scheduled_revision is not None and page.scheduled_revision.approved_go_live_at is not None
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()

    call_command("publish_scheduled")  # not yet due
    page.refresh_from_db()
    assert not page.live

    later = go_live + datetime.timedelta(minutes=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert SearchEntry.objects.filter(page_id=page.pk).exists()


def test_municipal_staff_proposes_a_best_practice_for_the_office_to_review(client, desk, desk_pages):
    from practices.models import BestPracticePage, PracticeIndexPage

    index = PracticeIndexPage.objects.get()
    url = f"/admin/pages/add/practices/bestpracticepage/{index.pk}/"
    as_user(client, desk.kahak_staff)
    data = form_data(client.get(url).content.decode(), "page-edit-form")
    for name, value in {
        "title": "تفکیک پسماند در کهک",
        "slug": "bp-qom-99",
        "ref": "BP-QOM-99",
        "date": "1404/05/01",
    }.items():
        data = replace(data, name, value)
    data = replace(data, "province", str(desk_pages.qom.province_id))
    mail.outbox.clear()
    response = client.post(url, dict_of_lists([*data, ("action-submit", "1")]))
    assert response.status_code == 302, response.content.decode()[:3000]
    practice = BestPracticePage.objects.get(ref="BP-QOM-99")
    assert practice.workflow_in_progress and not practice.live
    assert recipients() == ["qom-director@example.org"]
    assert not practice.permissions_for_user(desk.kahak_staff).can_publish()
