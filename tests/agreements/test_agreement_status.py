import datetime

import pytest

from agreements.models import AgreementPage
from agreements.services import effective_status, in_force
from persian.jalali import parse_date
from tests.factories import AgreementPageFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def qazvin_agreement(ref, valid_until=None, status="in_force"):
    return AgreementPageFactory(
        ref=ref,
        title=f"تفاهم‌نامه {ref}",
        date=parse_date("1401/01/15"),
        province_code="QZV",
        parties=["قزوین", "تاکستان"],
        valid_until=valid_until,
        status=status,
    )


@pytest.fixture
def agreements():
    qazvin_agreement("QZV-TN-1", TODAY - datetime.timedelta(days=1))
    qazvin_agreement("QZV-TN-2", TODAY + datetime.timedelta(days=30))
    qazvin_agreement("QZV-TN-3")
    qazvin_agreement("QZV-TN-4", TODAY - datetime.timedelta(days=9), "terminated")
    return {a.ref: a for a in AgreementPage.objects.all()}


def test_past_valid_until_shows_as_expired_without_any_edit(agreements):
    assert agreements["QZV-TN-1"].status == "in_force"  # stored as the office wrote it
    assert effective_status(agreements["QZV-TN-1"]) == "expired"
    assert effective_status(agreements["QZV-TN-2"]) == "in_force"
    assert effective_status(agreements["QZV-TN-3"]) == "in_force"
    assert effective_status(agreements["QZV-TN-4"]) == "terminated"  # terminated stays terminated


def test_expiry_follows_the_calendar(agreements):
    future = agreements["QZV-TN-2"]
    assert effective_status(future, today=future.valid_until) == "in_force"
    assert effective_status(future, today=future.valid_until + datetime.timedelta(days=1)) == "expired"


def test_in_force_listing_excludes_expired(agreements):
    assert sorted(a.ref for a in in_force()) == ["QZV-TN-2", "QZV-TN-3"]


def test_pages_show_the_effective_status(client, agreements):
    html = client.get(agreements["QZV-TN-1"].url).content.decode()
    assert 'status--expired">منقضی' in html
    home = client.get("/").content.decode()
    section = home.split('id="agreements-in-force"')[1].split("</section>")[0]
    assert "QZV-TN-2" in section and "QZV-TN-1" not in section
