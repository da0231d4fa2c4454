"""The demo archive that `make run` loads imports cleanly, is rich enough, and loads idempotently."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
import pytest

from agreements.models import AgreementPage
from meetings.models import FollowUp, MeetingPage, Resolution
from practices.models import BestPracticePage
from tests.conftest import loaded_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with loaded_demo(django_db_blocker):
        yield


def test_demo_archive_has_what_the_brief_asks_for(demo):
    meetings = MeetingPage.objects.live()
    assert meetings.count() >= 12
    assert meetings.values("province").distinct().count() >= 4
    assert Resolution.objects.count() >= 30
    assert FollowUp.objects.count() >= 1
    agreements_with_pdf = [
        a for a in AgreementPage.objects.live() if any(d.document.file_extension == "pdf" for d in a.documents.all())
    ]
    assert len(agreements_with_pdf) >= 6
    practices = BestPracticePage.objects.live()
    assert practices.count() >= 8
    assert any(p.images.exists() for p in practices)


def test_loading_the_demo_again_duplicates_nothing(demo):
    before = (MeetingPage.objects.count(), Resolution.objects.count(), AgreementPage.objects.count())
    revisions = sum(p.revisions.count() for p in MeetingPage.objects.all())
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (MeetingPage.objects.count(), Resolution.objects.count(), AgreementPage.objects.count()) == before
    assert sum(p.revisions.count() for p in MeetingPage.objects.all()) == revisions


def test_every_demo_page_renders(demo, client):
    for model in (MeetingPage, AgreementPage, BestPracticePage):
        for page in model.objects.live():
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            assert 'dir="rtl"' in response.content.decode()


def test_demo_accounts_one_per_role_with_the_restricted_agreement_they_may_open(demo, client):
    from agreements.access import OPEN, access_to
    from desk.scope import DIRECTOR, EDITOR, STAFF

    users = get_user_model().objects
    roles = {name: users.get(username=name) for name in ("qom-editor", "qom-director", "salafchegan-staff")}
    assert roles["qom-editor"].groups.filter(name=EDITOR).exists()
    assert roles["qom-director"].groups.filter(name=DIRECTOR).exists()
    staff = roles["salafchegan-staff"]
    assert staff.groups.filter(name=STAFF).exists() and staff.office_profile.municipality.name == "سلفچگان"
    restricted = [item for a in AgreementPage.objects.live() for item in a.documents.all() if item.restricted]
    assert restricted, "the demo archive marks one agreement document restricted"
    assert all(access_to(staff, item) == OPEN for item in restricted)
    signed_in = client.post(reverse("wagtailadmin_login"), {"username": "qom-director", "password": "hamandishi-demo"})
    assert signed_in.status_code == 302 and signed_in.wsgi_request.user.username == "qom-director"


def test_loading_the_demo_again_leaves_the_accounts_alone(demo):
    before = list(get_user_model().objects.order_by("pk").values_list("username", "password", "last_login"))
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(get_user_model().objects.order_by("pk").values_list("username", "password", "last_login")) == before
