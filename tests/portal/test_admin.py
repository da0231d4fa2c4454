from django.contrib.auth import get_user_model
import pytest

from meetings.models import MeetingPage
from records.forms import JalaliDateField
from tests.conftest import meeting_fields
from tests.forms import dict_of_lists, form_data, replace

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("office", "office@example.org", "pass")
    client.force_login(user)
    return client


@pytest.fixture
def meeting(archive, import_files):
    archive.write("m.md", meeting_fields())
    assert not import_files(archive.root).failed
    return MeetingPage.objects.get()


@pytest.mark.parametrize(("text", "iso"), [("۱۴۰۴/۰۶/۲۳", "2025-09-14"), ("1404-06-23", "2025-09-14")])
def test_jalali_date_field_accepts_typed_dates(text, iso):
    assert JalaliDateField().clean(text).isoformat() == iso


def test_jalali_date_field_rejects_impossible_date_in_persian():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        JalaliDateField().clean("1404/13/40")
    assert "وجود ندارد" in error.value.messages[0]


def test_admin_is_persian_and_right_to_left(editor_client, meeting):
    html = editor_client.get("/admin/").content.decode()
    assert 'lang="fa"' in html and 'dir="rtl"' in html
    assert "داشبورد" in html or "صفحه‌ها" in html


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def test_edit_form_shows_jalali_dates(editor_client, meeting):
    data = dict(form_data(editor_client.get(edit_url(meeting)).content.decode(), "page-edit-form"))
    assert data["date"] == "۱۴۰۳/۰۸/۱۵"
    assert data["resolutions-0-deadline"] == "۱۴۰۳/۰۹/۳۰"


def test_saving_with_a_typed_jalali_date_stores_gregorian(editor_client, meeting):
    data = form_data(editor_client.get(edit_url(meeting)).content.decode(), "page-edit-form")
    data = replace(data, "date", "1403-08-20")
    response = editor_client.post(edit_url(meeting), dict_of_lists(data))
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting.refresh_from_db()
    draft = meeting.get_latest_revision_as_object()
    assert draft.date.isoformat() == "2024-11-10"


def test_impossible_date_is_a_persian_form_error_not_a_crash(editor_client, meeting):
    data = form_data(editor_client.get(edit_url(meeting)).content.decode(), "page-edit-form")
    response = editor_client.post(edit_url(meeting), dict_of_lists(replace(data, "date", "1404/13/40")))
    assert response.status_code == 200
    html = response.content.decode()
    assert "وجود ندارد" in html
    meeting.refresh_from_db()
    assert meeting.date.isoformat() == "2024-11-05"
    assert meeting.get_latest_revision_as_object().date.isoformat() == "2024-11-05"


def test_admin_page_search_finds_a_record_by_its_ref(editor_client, meeting):
    html = editor_client.get("/admin/pages/search/", {"q": "QOM-۱۴۰۳-۱۱"}).content.decode()
    assert f"/admin/pages/{meeting.pk}/edit/" in html
