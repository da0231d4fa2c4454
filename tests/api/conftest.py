"""A small archive for the records API: published records of every type in two provinces, and what
must never come out — a draft, a view-restricted meeting, a restricted agreement document."""

from dataclasses import dataclass

from django.core.cache import cache
import pytest

from persian.jalali import parse_date
from tests.factories import (
    AgreementDocumentFactory,
    AgreementPageFactory,
    BestPracticePageFactory,
    DocumentFactory,
    MeetingPageFactory,
    QazvinMeetingFactory,
    QomAgreementFactory,
    QomMeetingFactory,
)


@pytest.fixture(autouse=True)
def fresh_throttle():
    """The anonymous throttle counts in the cache: each test starts with none spent."""
    cache.clear()
    yield
    cache.clear()


@dataclass
class Archive:
    qom: object
    follow_up: object
    qazvin: object
    agreement: object
    expired: object
    practice: object
    draft: object
    private: object


@pytest.fixture
def archive(db):
    qom = QomMeetingFactory(documents=[DocumentFactory(title="minutes.pdf")])
    first, second = qom.resolutions.order_by("number")
    follow_up = MeetingPageFactory(
        ref="QOM-1403-12",
        date=parse_date("1403/10/20"),
        town="قنوات",
        topics=["مدیریت پسماند"],
        follow_ups=[{"resolution": first, "status": "done", "note": "پیشنهاد تعرفه به شورا رفت."}],
    )
    # A draft and a view-restricted meeting: neither is public, nor is what they record.
    draft = MeetingPageFactory(
        ref="QOM-1403-13",
        draft=True,
        follow_ups=[{"resolution": second, "status": "cancelled", "note": "پیش‌نویس"}],
    )
    private = MeetingPageFactory(ref="QOM-1403-14", restricted=True)
    agreement = QomAgreementFactory(
        documents=[
            AgreementDocumentFactory(document=DocumentFactory(title="signed-secret.pdf"), restricted=True),
            DocumentFactory(title="annex.pdf"),
        ],
        topics=["مدیریت پسماند"],
    )
    expired = AgreementPageFactory(
        ref="QOM-TN-1401-01", date=parse_date("1401/02/01"), valid_until=parse_date("1402/02/01"), status="signed"
    )
    practice = BestPracticePageFactory(
        ref="BP-QOM-01", related_agreements=[agreement], related_resolutions=[first], results="۳۰٪ کمتر پسماند"
    )
    qazvin = QazvinMeetingFactory()
    return Archive(qom, follow_up, qazvin, agreement, expired, practice, draft, private)
