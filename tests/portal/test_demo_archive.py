"""The demo archive that `make run` loads imports cleanly, is rich enough, and loads idempotently."""

from django.core.management import call_command
import pytest

from agreements.models import AgreementPage
from meetings.models import FollowUp, MeetingPage, Resolution
from portal.models import BestPracticePage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        for model in (BestPracticePage, AgreementPage, MeetingPage):
            for page in model.objects.all():
                page.delete()


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
