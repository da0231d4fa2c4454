"""A small archive made with the factories: two Qom meetings (the second follows up the first), an
agreement with one public and one restricted document, a practice; and what must never come out: a
draft (whose resolution a published meeting follows up and the practice cites), a view-restricted
record, a restricted document, a published meeting's unpublished edit."""

from types import SimpleNamespace

import pytest

from meetings.models import Resolution
from opendata.build import build
from tests.factories import (
    AgreementDocumentFactory,
    BestPracticePageFactory,
    DocumentFactory,
    MeetingPageFactory,
    QomAgreementFactory,
    QomMeetingFactory,
    attach,
)
from tests.factories.documents import pdf_bytes

SECRET_TITLE = "secret-annex-zanjireh.pdf"
SECRET_BYTES = pdf_bytes("restricted annex zanjireh")
DRAFT_TITLE = "نشست پیش‌نویس منتشرنشده"
UNPUBLISHED_EDIT = "عنوان ویرایش‌شده منتشرنشده"
HIDDEN_TITLE = "نشست با دسترسی محدود"


@pytest.fixture
def open_data_root(settings, tmp_path):
    settings.OPEN_DATA_ROOT = tmp_path / "open-data"
    return settings.OPEN_DATA_ROOT


@pytest.fixture
def small_archive(db, open_data_root):
    meeting = QomMeetingFactory()
    draft = MeetingPageFactory(ref="QOM-DRAFT-9", title=DRAFT_TITLE, draft=True, resolutions=[{"number": 1}])
    drafted = Resolution.objects.get(meeting=draft)
    attach(meeting, DocumentFactory(title="minutes-qom.pdf"))
    first = Resolution.objects.get(meeting__ref="QOM-1403-11", number=1)
    follow_up = MeetingPageFactory(
        ref="QOM-1403-12",
        title="نشست پیگیری شهرداران قم",
        date=meeting.date.replace(year=meeting.date.year + 1),
        follow_ups=[
            {"resolution": first, "status": "done", "note": "سایت دفن آماده شد."},
            {"resolution": drafted, "status": "cancelled", "note": "پیگیری مصوبه پیش‌نویس"},
        ],
    )
    agreement = QomAgreementFactory(
        documents=[
            AgreementDocumentFactory(document=DocumentFactory(title="agreement-public.pdf")),
            AgreementDocumentFactory(
                restricted=True, document=DocumentFactory(title=SECRET_TITLE, content=SECRET_BYTES)
            ),
        ]
    )
    practice = BestPracticePageFactory(
        title="تجربه تفکیک پسماند",
        results="۳۰ درصد کاهش",
        related_resolutions=[first, drafted],
        related_agreements=[agreement],
    )
    hidden = MeetingPageFactory(ref="QOM-HIDDEN-8", title=HIDDEN_TITLE, restricted=True)
    edited = MeetingPageFactory(ref="QOM-1404-01", title="نشست منتشرشده")
    edited.title = UNPUBLISHED_EDIT
    edited.save_revision()
    return SimpleNamespace(
        meeting=meeting,
        follow_up=follow_up,
        agreement=agreement,
        practice=practice,
        draft=draft,
        hidden=hidden,
        edited=edited,
        published_refs={"QOM-1403-11", "QOM-1403-12", "QOM-1404-01", agreement.ref, practice.ref},
    )


@pytest.fixture
def built(small_archive):
    return build()
