import datetime

import pytest

from agreements.models import AgreementPage
from agreements.services import effective_status, in_force

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def agreement_fields(ref, valid_until=None, status="in_force"):
    fields = {
        "ref": ref,
        "type": "agreement",
        "title": f"تفاهم‌نامه {ref}",
        "date": "1401/01/15",
        "province": "قزوین",
        "parties": ["شهرداری قزوین", "شهرداری تاکستان"],
        "status": status,
    }
    if valid_until:
        fields["valid_until"] = valid_until.isoformat()
    return fields


@pytest.fixture
def agreements(archive, import_files):
    archive.write("past.md", agreement_fields("QZV-TN-1", TODAY - datetime.timedelta(days=1)))
    archive.write("future.md", agreement_fields("QZV-TN-2", TODAY + datetime.timedelta(days=30)))
    archive.write("open.md", agreement_fields("QZV-TN-3"))
    archive.write("ended.md", agreement_fields("QZV-TN-4", TODAY - datetime.timedelta(days=9), "terminated"))
    report = import_files(archive.root)
    assert not report.failed, report.lines
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
