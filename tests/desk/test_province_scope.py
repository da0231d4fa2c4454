"""Each admin path to another province's record is denied; the own province's record is open."""

import pytest

from meetings.models import MeetingPage
from tests.desk.admin import add_url, as_user, assert_denied, new_meeting_data
from tests.forms import dict_of_lists, form_data, replace

pytestmark = pytest.mark.django_db


def test_qom_editor_opening_a_qazvin_meeting_gets_permission_denied_not_the_form(client, desk_pages, desk):
    as_user(client, desk.qom_editor)
    response = client.get(f"/admin/pages/{desk_pages.qzv.pk}/edit/")
    assert_denied(response)
    assert b"page-edit-form" not in response.content


def test_qom_editor_opens_a_qom_meeting(client, desk_pages, desk):
    response = as_user(client, desk.qom_editor).get(f"/admin/pages/{desk_pages.qom.pk}/edit/")
    assert response.status_code == 200
    assert b"page-edit-form" in response.content


def test_posting_an_edit_to_a_qazvin_meeting_changes_nothing(client, desk_pages, desk):
    as_user(client, desk.qzv_editor)
    data = form_data(client.get(f"/admin/pages/{desk_pages.qzv.pk}/edit/").content.decode(), "page-edit-form")
    as_user(client, desk.qom_director)
    response = client.post(f"/admin/pages/{desk_pages.qzv.pk}/edit/", dict_of_lists(replace(data, "title", "x")))
    assert_denied(response)
    assert desk_pages.qzv.get_latest_revision_as_object().title != "x"


@pytest.mark.parametrize(
    "path",
    [
        "delete/",
        "unpublish/",
        "move/",
        "copy/",
        "history/",
        "workflow_history/",
        "usage/",
        "privacy/",
        "edit/preview/",
        "view_draft/",
    ],
)
def test_every_get_path_to_another_province_is_denied(client, desk_pages, desk, path):
    response = as_user(client, desk.qom_director).get(f"/admin/pages/{desk_pages.qzv.pk}/{path}")
    assert_denied(response)


@pytest.mark.parametrize("path", ["history/", "usage/", "edit/preview/"])
def test_the_same_paths_are_open_in_the_own_province(client, desk_pages, desk, path):
    response = as_user(client, desk.qom_director).get(f"/admin/pages/{desk_pages.qom.pk}/{path}")
    assert response.status_code == 200


def test_revisions_of_another_province_cannot_be_viewed_compared_or_reverted(client, desk_pages, desk):
    page = desk_pages.qzv
    revision = page.latest_revision
    as_user(client, desk.qom_director)
    for path in (
        f"revisions/{revision.pk}/view/",
        f"revisions/compare/earliest...{revision.pk}/",
        f"revisions/{revision.pk}/revert/",
    ):
        assert_denied(client.get(f"/admin/pages/{page.pk}/{path}"))
    response = as_user(client, desk.qzv_director).get(f"/admin/pages/{page.pk}/revisions/compare/earliest...latest/")
    assert response.status_code == 200


def test_delete_unpublish_and_lock_posts_leave_another_provinces_record_alone(client, desk_pages, desk):
    page = desk_pages.qzv
    as_user(client, desk.qom_director)
    assert_denied(client.post(f"/admin/pages/{page.pk}/unpublish/"))
    assert_denied(client.post(f"/admin/pages/{page.pk}/delete/"))
    client.post(f"/admin/pages/{page.pk}/lock/")
    page.refresh_from_db()
    assert page.live and not page.locked
    assert MeetingPage.objects.filter(pk=page.pk).exists()


def test_bulk_actions_skip_another_provinces_record(client, desk_pages, desk):
    page = desk_pages.qzv
    as_user(client, desk.qom_director)
    for action in ("unpublish", "delete"):
        client.post(f"/admin/bulk/wagtailcore/page/{action}/?id={page.pk}", {"include_descendants": "on"})
    page.refresh_from_db()
    assert page.live


def test_director_unpublishes_in_the_own_province(client, desk_pages, desk):
    page = desk_pages.qom
    response = as_user(client, desk.qom_director).post(f"/admin/pages/{page.pk}/unpublish/")
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live


def test_editor_cannot_unpublish_or_publish_even_in_the_own_province(client, desk_pages, desk):
    page = desk_pages.qom
    as_user(client, desk.qom_editor)
    assert_denied(client.post(f"/admin/pages/{page.pk}/unpublish/"))
    data = form_data(client.get(f"/admin/pages/{page.pk}/edit/").content.decode(), "page-edit-form")
    data = replace(data, "title", "عنوان تازه پیش از تأیید")
    client.post(f"/admin/pages/{page.pk}/edit/", dict_of_lists([*data, ("action-publish", "1")]))
    page.refresh_from_db()
    assert page.live and page.title != "عنوان تازه پیش از تأیید"
    assert page.get_latest_revision_as_object().title == "عنوان تازه پیش از تأیید"  # saved as a draft only
    perms = page.permissions_for_user(desk.qom_editor)
    assert perms.can_edit() and not perms.can_publish() and not perms.can_unpublish()


def test_explorer_lists_only_the_own_provinces_records(client, desk_pages, desk):
    index = desk_pages.qom.get_parent()
    html = as_user(client, desk.qom_editor).get(f"/admin/pages/{index.pk}/").content.decode()
    assert f"/admin/pages/{desk_pages.qom.pk}/edit/" in html
    assert f"/admin/pages/{desk_pages.qzv.pk}/" not in html


def test_section_index_pages_are_not_editable_by_the_office(client, desk_pages, desk):
    index = desk_pages.qom.get_parent()
    assert_denied(as_user(client, desk.qom_director).get(f"/admin/pages/{index.pk}/edit/"))
    perms = index.specific.permissions_for_user(desk.qom_director)
    assert perms.can_add_subpage() and perms.can_publish_subpage()
    assert not (perms.can_publish() or perms.can_delete() or perms.can_unpublish() or perms.can_reorder_children())


def test_the_create_form_offers_only_the_own_province(client, desk_pages, desk):
    index = desk_pages.qom.get_parent()
    html = as_user(client, desk.qom_editor).get(add_url(index)).content.decode()
    select = html[html.index('<select name="province"') :]
    select = select[: select.index("</select>")]
    qom, qzv = desk_pages.qom.province, desk_pages.qzv.province
    assert f'<option value="{qom.pk}" selected>' in select
    assert f'<option value="{qzv.pk}"' not in select


def test_creating_a_record_in_another_province_is_a_persian_form_error(client, desk_pages, desk):
    index = desk_pages.qom.get_parent()
    as_user(client, desk.qom_editor)
    data = new_meeting_data(client, index, desk_pages.qzv.province_id, ref="QZV-1404-99")
    response = client.post(add_url(index), dict_of_lists(data))
    assert response.status_code == 200
    assert "شما فقط سندهای استان خود را ثبت می‌کنید." in response.content.decode()
    assert not MeetingPage.objects.filter(ref="QZV-1404-99").exists()


def test_editor_creates_a_draft_in_the_own_province(client, desk_pages, desk):
    index = desk_pages.qom.get_parent()
    as_user(client, desk.qom_editor)
    response = client.post(add_url(index), dict_of_lists(new_meeting_data(client, index, desk_pages.qom.province_id)))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = MeetingPage.objects.get(ref="QOM-1404-99")
    assert not page.live and page.owner == desk.qom_editor


def test_staff_cannot_touch_meetings_and_superuser_sees_everything(client, desk_pages, desk, django_user_model):
    assert_denied(as_user(client, desk.kahak_staff).get(f"/admin/pages/{desk_pages.qom.pk}/edit/"))
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pass")
    for page in (desk_pages.qom, desk_pages.qzv):
        assert as_user(client, admin).get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def test_an_office_account_without_a_province_gets_nothing(desk_pages, desk):
    desk.qom_editor.office_profile.delete()
    desk.qom_editor.refresh_from_db()
    assert not desk_pages.qom.permissions_for_user(desk.qom_editor).can_edit()


def test_admin_page_search_finds_only_the_own_provinces_records(client, desk_pages, desk):
    html = as_user(client, desk.qom_editor).get("/admin/pages/search/", {"q": "نشست"}).content.decode()
    assert f"/admin/pages/{desk_pages.qzv.pk}/" not in html
    html = as_user(client, desk.qzv_editor).get("/admin/pages/search/", {"q": "نشست"}).content.decode()
    assert f"/admin/pages/{desk_pages.qzv.pk}/edit/" in html


def test_bulk_publish_and_move_confirm_skip_another_provinces_record(client, desk_pages, desk):
    page = desk_pages.qzv
    page.unpublish()
    index = page.get_parent()
    as_user(client, desk.qom_director)
    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}", {"include_descendants": "on"})
    assert_denied(client.post(f"/admin/pages/{page.pk}/move/{index.pk}/confirm/"))
    page.refresh_from_db()
    assert not page.live
    assert as_user(client, desk.qom_director).post(f"/admin/pages/{desk_pages.qom.pk}/unpublish/").status_code == 302
    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={desk_pages.qom.pk}", {"include_descendants": "on"})
    desk_pages.qom.refresh_from_db()
    assert desk_pages.qom.live  # the same bulk action works in the own province
