"""The record types are written down once (``records.registry``) and every list reads them."""

import datetime

import pytest

from agreements.models import AgreementPage
from agreements.status import AgreementStatus
from desk.scope import filed_page_models
from meetings.models import MeetingPage, ResolutionStatus
from practices.models import BestPracticePage
from records import registry
from records.archive.handlers import handler_for
from search.models import EntryKind


def test_each_record_app_registered_its_type_once_in_install_order():
    assert registry.type_names() == ["meeting", "agreement", "practice"]
    assert registry.record_models() == [MeetingPage, AgreementPage, BestPracticePage]
    assert [rt.section for rt in registry.record_types()] == ["meetings", "agreements", "practices"]
    with pytest.raises(ValueError):
        registry.register(registry.RecordType(**{**vars(registry.record_type("meeting")), "label": "دیگر"}))


def test_the_desks_records_are_the_registered_types():
    """The desk (below the records) finds records as pages filed under a province: the same set."""
    assert set(filed_page_models()) == set(registry.record_models())


def test_search_entry_kinds_are_the_types_and_their_parts():
    assert registry.entry_kinds() == [
        ("meeting", "نشست"),
        ("agreement", "تفاهم‌نامه"),
        ("practice", "تجربه موفق"),
        ("resolution", "مصوبه"),
    ]
    assert sorted(registry.entry_kinds()) == sorted(EntryKind.choices)


def test_statuses_and_labels_have_one_home():
    labels = {status.value: status.label for status in registry.all_statuses()}
    assert labels == {**dict(ResolutionStatus.choices), **dict(AgreementStatus.choices)}
    assert labels["in_progress"] == "در دست اقدام" and labels["in_force"] == "در حال اجرا"


def test_handlers_and_lapse_come_from_the_types():
    assert handler_for("agreement").model is AgreementPage
    lapse = registry.record_type("agreement").lapse
    today = datetime.date(2026, 1, 1)
    assert lapse.status_of("signed", datetime.date(2025, 1, 1), today) == "expired"
    assert lapse.status_of("signed", datetime.date(2027, 1, 1), today) == "signed"
    assert lapse.status_of("terminated", datetime.date(2025, 1, 1), today) == "terminated"
    assert registry.record_type("meeting").lapse is None


@pytest.mark.django_db
def test_type_of_reads_a_wagtail_page_or_a_specific_record(site_tree):
    assert registry.type_of(site_tree["agreements"]) is None
    assert registry.type_for(AgreementPage).name == "agreement"
