"""The roles are Persian-named groups from a migration; the user form carries province and municipality."""

from django.contrib.auth.models import Group
import pytest
from wagtail.models import GroupPagePermission, WorkflowPage

from desk.models import OfficeProfile
from desk.roles import WORKFLOW_NAME
from desk.scope import DIRECTOR, EDITOR, STAFF
from places.models import Municipality, Province
from tests.forms import dict_of_lists, form_data, replace

pytestmark = pytest.mark.django_db


def test_the_migration_creates_the_three_groups():
    names = set(Group.objects.values_list("name", flat=True))
    assert {EDITOR, DIRECTOR, STAFF} <= names
    for name in (EDITOR, DIRECTOR, STAFF):
        assert Group.objects.get(name=name).permissions.filter(codename="access_admin").exists()


def test_sections_get_page_permissions_and_the_review_workflow(site_tree):
    def codes(group_name, index):
        rows = GroupPagePermission.objects.filter(group__name=group_name, page=index)
        return set(rows.values_list("permission__codename", flat=True))

    for index in site_tree.values():
        assert codes(EDITOR, index) == {"add_page", "change_page"}
        assert codes(DIRECTOR, index) == {"add_page", "change_page", "publish_page"}
        assert WorkflowPage.objects.get(page=index).workflow.name == WORKFLOW_NAME
    assert codes(STAFF, site_tree["practices"]) == {"add_page"}
    assert codes(STAFF, site_tree["meetings"]) == set()


@pytest.fixture
def admin_client(client, django_user_model, desk):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pass"))
    return client


def user_form(client, user):
    url = f"/admin/users/edit/{user.pk}/"
    data = form_data(client.get(url).content.decode())
    return url, replace(replace(data, "first_name", "نام"), "last_name", "نام خانوادگی")


def test_the_user_edit_form_sets_province_and_municipality(admin_client, desk):
    user = desk.kahak_staff
    url, data = user_form(admin_client, user)
    qanavat = Municipality.objects.get(name="قنوات")
    response = admin_client.post(url, dict_of_lists(replace(data, "municipality", str(qanavat.pk))))
    assert response.status_code == 302, response.content.decode()[:3000]
    profile = OfficeProfile.objects.get(user=user)
    assert profile.municipality == qanavat and profile.province.code == "QOM"


def test_staff_without_a_municipality_is_a_persian_error(admin_client, desk):
    url, data = user_form(admin_client, desk.kahak_staff)
    response = admin_client.post(url, dict_of_lists(replace(data, "municipality", "")))
    assert response.status_code == 200
    assert "کارمند شهرداری باید به یک شهرداری وابسته باشد." in response.content.decode()
    assert OfficeProfile.objects.get(user=desk.kahak_staff).municipality.name == "کهک"


def test_a_municipality_outside_the_province_is_refused(admin_client, desk):
    url, data = user_form(admin_client, desk.kahak_staff)
    qazvin = Municipality.objects.get(name="قزوین", province__code="QZV")
    data = replace(replace(data, "municipality", str(qazvin.pk)), "province", str(Province.objects.get(code="QOM").pk))
    response = admin_client.post(url, dict_of_lists(data))
    assert "این شهرداری در استان انتخاب‌شده نیست." in response.content.decode()


def test_creating_an_editor_in_the_admin_gives_them_a_province(admin_client, desk):
    data = form_data(admin_client.get("/admin/users/new/").content.decode())
    qom = Province.objects.get(code="QOM")
    values = {
        "first_name": "نام",
        "last_name": "نام خانوادگی",
        "username": "new-editor",
        "email": "n@example.org",
        "password1": "Xk29-qq-pass",
        "password2": "Xk29-qq-pass",
    }
    for name, value in values.items():
        data = replace(data, name, value)
    data = replace(data, "province", str(qom.pk)) + [("groups", str(Group.objects.get(name=EDITOR).pk))]
    response = admin_client.post("/admin/users/new/", dict_of_lists(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert OfficeProfile.objects.get(user__username="new-editor").province == qom


def test_roles_are_granted_on_existing_sections_and_granting_again_changes_nothing(site_tree):

    from records.site_tree import grant_roles

    GroupPagePermission.objects.filter(group__name__in=(EDITOR, DIRECTOR, STAFF)).delete()
    WorkflowPage.objects.filter(page__in=site_tree.values()).delete()
    grant_roles()  # what the migration does on a database whose sections already exist
    counts = (GroupPagePermission.objects.count(), WorkflowPage.objects.count(), Group.objects.count())
    assert WorkflowPage.objects.filter(page__in=site_tree.values()).count() == 3
    grant_roles()
    assert (GroupPagePermission.objects.count(), WorkflowPage.objects.count(), Group.objects.count()) == counts


def test_desk_users_edit_only_the_documents_they_uploaded(client, desk, desk_pages):
    from wagtail.documents import get_document_model

    signed = get_document_model().objects.get(title="signed.pdf")  # imported, uploaded by nobody
    client.force_login(desk.qzv_editor)
    response = client.get(f"/admin/documents/edit/{signed.pk}/")
    assert response.status_code in (302, 403) and b"signed.pdf" not in response.content
    own = get_document_model().objects.create(title="own.pdf", file=signed.file.name, uploaded_by_user=desk.qzv_editor)
    assert client.get(f"/admin/documents/edit/{own.pk}/").status_code == 200
