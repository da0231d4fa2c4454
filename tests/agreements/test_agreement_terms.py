"""The agreements listing filters by term — in force, expiring within 90 days, expired — with counts."""

import datetime

import pytest

from agreements.models import AgreementPage
from agreements.services import in_force
from agreements.status import Term, filter_by_term, term_counts
from tests.agreements.test_agreement_status import TODAY, qazvin_agreement

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def terms():
    qazvin_agreement("QZV-TN-11", TODAY + 400 * DAY, "signed")
    qazvin_agreement("QZV-TN-12", TODAY + 90 * DAY)
    qazvin_agreement("QZV-TN-13", TODAY + 91 * DAY)
    qazvin_agreement("QZV-TN-14")
    qazvin_agreement("QZV-TN-15", TODAY - DAY, "signed")
    qazvin_agreement("QZV-TN-16", None, "expired")
    qazvin_agreement("QZV-TN-17", TODAY + 30 * DAY, "terminated")
    qazvin_agreement("QZV-TN-18", TODAY + 30 * DAY, "draft")
    return AgreementPage.objects.all()


def refs(records):
    return sorted(record.ref for record in records)


def test_a_valid_signed_agreement_is_in_force(terms):
    assert refs(in_force()) == ["QZV-TN-11", "QZV-TN-12", "QZV-TN-13", "QZV-TN-14"]
    assert refs(filter_by_term(terms, Term.IN_FORCE)) == refs(in_force())


def test_expiring_means_in_force_with_at_most_ninety_days_left(terms):
    assert refs(filter_by_term(terms, Term.EXPIRING)) == ["QZV-TN-12"]
    assert refs(filter_by_term(terms, Term.EXPIRING, today=TODAY + 2 * DAY)) == ["QZV-TN-12", "QZV-TN-13"]


def test_expired_by_date_or_by_mark_but_not_terminated_or_draft(terms):
    assert refs(filter_by_term(terms, Term.EXPIRED)) == ["QZV-TN-15", "QZV-TN-16"]
    assert refs(filter_by_term(terms, "nonsense")) == refs(terms)


def test_counts(terms):
    assert [(value, count) for value, _, count in term_counts(terms)] == [
        ("in_force", 4),
        ("expiring", 1),
        ("expired", 2),
    ]


def test_the_listing_filters_by_status_and_shows_counts(client, terms):
    html = client.get("/agreements/", {"status": "expiring"}).content.decode()
    assert '<option value="expiring" selected>رو به پایان (تا ۹۰ روز) (۱)</option>' in html
    assert '<option value="in_force">در حال اجرا (۴)</option>' in html
    assert "QZV-TN-12" in html and "QZV-TN-13" not in html
    assert '<p class="count">۱ مورد</p>' in html
    expired = client.get("/agreements/", {"status": "expired"}).content.decode()
    assert "QZV-TN-15" in expired and "QZV-TN-11" not in expired
    everything = client.get("/agreements/", {"status": "x"}).content.decode()
    assert '<p class="count">۸ مورد</p>' in everything
