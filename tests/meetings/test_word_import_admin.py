import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
import pytest
from wagtail.models import GroupPagePermission, Page, PageLogEntry

from meetings.models import MeetingPage
from places.models import Province
from tests.forms import dict_of_lists, form_data, replace
from tests.meetings.word_files import BROKEN_FILES, TITLE, minutes_docx

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/admin/meetings/import-word/"
CONFIRM_URL = "/admin/meetings/import-word/confirm/"


@pytest.fixture
def admin_client(client, site_tree):
    user = get_user_model().objects.create_superuser("office", "office@example.org", "pass")
    client.force_login(user)
    return client


@pytest.fixture
def qom(db):
    province = Province.objects.get(code="QOM")
    province.municipalities.create(name="دستجرد")
    return province


def upload(client, data, province, name="minutes.docx", **extra):
    file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(UPLOAD_URL, {"file": file, "province": province.pk, **extra})


def test_upload_page_is_a_persian_rtl_wagtail_view(admin_client):
    html = admin_client.get(UPLOAD_URL).content.decode()
    assert 'dir="rtl"' in html and "ورود صورت‌جلسه از Word" in html
    assert 'name="file"' in html and 'name="province"' in html and "w-breadcrumbs" in html


def test_menu_item_and_meetings_index_button_lead_to_the_import(admin_client, site_tree):
    assert UPLOAD_URL in admin_client.get("/admin/").content.decode()
    assert UPLOAD_URL in admin_client.get(f"/admin/pages/{site_tree['meetings'].pk}/").content.decode()


def test_proposal_screen_prefills_title_date_ref_place_and_resolutions(admin_client, qom):
    response = upload(admin_client, minutes_docx(), qom)
    assert response.status_code == 200
    html = response.content.decode()
    data = dict(form_data(html, "word-confirm-form"))
    assert data["title"] == TITLE
    assert data["date"] == "۱۴۰۳/۰۸/۱۵"
    assert data["ref"] == "QOM-1403-01"
    assert data["municipality"] == str(qom.municipalities.get(name="دستجرد").pk)
    assert data["resolutions-TOTAL_FORMS"] == "5"  # four proposed and one blank for a missed one
    assert data["resolutions-0-deadline"] == "۱۴۰۳/۰۹/۳۰"
    assert data["resolutions-0-responsible"] == "دفتر امور شهری\nشهرداری قم"
    assert "| واحد | نتیجه ارزیابی |" in data["body"]
    assert "«شهرداری دستجرد»" in html
    assert html.count("از فهرست زیر «مصوبات»") == 3 and html.count("از جمله‌ای در متن") == 1
    assert MeetingPage.objects.count() == 0  # nothing is created before confirmation


def test_confirm_creates_a_draft_with_confirmed_edited_and_without_dropped(admin_client, qom):
    data = form_data(upload(admin_client, minutes_docx(), qom).content.decode(), "word-confirm-form")
    data = replace(data, "resolutions-1-text", "نشست بعد در قنوات، در دی‌ماه برگزار شود.")
    data.append(("resolutions-2-DELETE", "on"))
    data = replace(data, "resolutions-4-text", "گزارش ارزیابی به همه شهرداری‌ها ارسال شود.")
    data = replace(data, "ref", "QOM-1403-15")
    response = admin_client.post(CONFIRM_URL, dict_of_lists(data), follow=True)
    page = MeetingPage.objects.get()
    assert response.redirect_chain[-1][0] == f"/admin/pages/{page.pk}/edit/"
    html = response.content.decode()
    assert "پیش‌نویس نشست" in html and "۴ مصوبه" in html
    assert not page.live and page.ref == "QOM-1403-15" and page.date == datetime.date(2024, 11, 5)
    texts = list(page.resolutions.order_by("number").values_list("number", "text"))
    assert texts == [
        (1, "پيشنهاد افزايش منطقي تعرفه عوارض تهيه شود"),
        (2, "نشست بعد در قنوات، در دی‌ماه برگزار شود."),
        (3, "در ادامه مقرر گرديد گزارش پسماند تا پايان آذر ۱۴۰۳ تهيه شود."),
        (4, "گزارش ارزیابی به همه شهرداری‌ها ارسال شود."),
    ]
    assert page.latest_revision.user.username == "office" and page.owner.username == "office"
    assert page.get_latest_revision_as_object().resolutions.count() == 4
    assert PageLogEntry.objects.filter(page=page, action="wagtail.create", user__username="office").exists()


def test_confirm_refuses_a_ref_already_taken_and_an_impossible_date(admin_client, qom):
    data = form_data(upload(admin_client, minutes_docx(), qom).content.decode(), "word-confirm-form")
    admin_client.post(CONFIRM_URL, dict_of_lists(data))
    assert MeetingPage.objects.count() == 1
    again = admin_client.post(CONFIRM_URL, dict_of_lists(replace(data, "date", "1403/13/40")))
    html = again.content.decode()
    assert again.status_code == 200
    assert "پیش‌تر برای" in html and "وجود ندارد" in html
    assert MeetingPage.objects.count() == 1


def test_municipality_of_another_province_is_refused(admin_client, qom):
    tehran = Province.objects.get(code="THR").municipalities.first()
    response = upload(admin_client, minutes_docx(), qom, municipality=tehran.pk)
    assert "در استان قم نیست" in response.content.decode()


@pytest.mark.parametrize("name", BROKEN_FILES)
def test_broken_files_are_refused_in_persian_and_nothing_is_created(admin_client, qom, name):
    make, words = BROKEN_FILES[name]
    pages = Page.objects.count()
    response = upload(admin_client, make(), qom)
    assert response.status_code == 200
    html = response.content.decode()
    assert words in html and 'id="word-upload-form"' in html
    assert Page.objects.count() == pages


def test_oversized_upload_is_refused(admin_client, qom, settings):
    settings.WORD_IMPORT_MAX_BYTES = 2048
    pages = Page.objects.count()
    assert "مگابایت" in upload(admin_client, minutes_docx(), qom).content.decode()
    assert Page.objects.count() == pages


def test_users_who_cannot_add_meetings_are_denied(client, site_tree):
    user = get_user_model().objects.create_user("reader", password="pass")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(UPLOAD_URL).status_code in (302, 403)
    assert UPLOAD_URL not in client.get("/admin/").content.decode()


def test_an_editor_with_add_permission_on_meetings_may_import(client, site_tree):
    group = Group.objects.create(name="editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=group, page=site_tree["meetings"], permission_type="add")
    user = get_user_model().objects.create_user("editor", password="pass")
    user.groups.add(group)
    client.force_login(user)
    assert client.get(UPLOAD_URL).status_code == 200


def test_a_provincial_editor_imports_only_into_their_own_province(client, site_tree, qom):
    from desk.scope import EDITOR
    from tests.conftest import desk_user

    client.force_login(desk_user("qzv-editor", EDITOR, "QZV"))
    html = client.get(UPLOAD_URL).content.decode()
    select = html[html.index('name="province"') :]
    select = select[: select.index("</select>")]
    assert Province.objects.get(code="QZV").name in select and qom.name not in select
    response = upload(client, minutes_docx(), qom)
    assert response.status_code == 200 and not MeetingPage.objects.exists()  # refused: not their province
