"""The factories build what the importer and the admin build: pages in their section, published with
a revision, child rows saved, desk accounts in their role and province."""

from django.contrib.auth.models import AnonymousUser
import pytest
from wagtail.models import PageViewRestriction

from agreements.access import OPEN, access_to
from agreements.models import AgreementIndexPage, RestrictedDocument
from desk.scope import STAFF, municipality_of, province_of
from meetings.models import MeetingIndexPage
from practices.models import PracticeIndexPage
from search.models import SearchEntry
from tests.factories import (
    AgreementDocumentFactory,
    AgreementPageFactory,
    BestPracticePageFactory,
    DeskUserFactory,
    DocumentFactory,
    MeetingPageFactory,
    attach,
)

pytestmark = pytest.mark.django_db


def test_records_are_published_under_their_section(client):
    meeting = MeetingPageFactory(topics=["مدیریت پسماند"])
    agreement = AgreementPageFactory()
    practice = BestPracticePageFactory()
    for page, index in ((meeting, MeetingIndexPage), (agreement, AgreementIndexPage), (practice, PracticeIndexPage)):
        assert isinstance(page.get_parent().specific, index)
        assert page.live and page.latest_revision == page.live_revision
        assert client.get(page.url).status_code == 200
        assert SearchEntry.objects.filter(page_id=page.pk).exists()
    assert [topic.name for topic in meeting.topics.all()] == ["مدیریت پسماند"]


def test_resolutions_and_follow_ups_are_saved_with_the_first_revision():
    meeting = MeetingPageFactory(resolutions=[{"number": 1, "text": "اجرا شود."}, {"number": 2, "text": "بررسی شود."}])
    resolution = meeting.resolutions.get(number=2)
    later = MeetingPageFactory(follow_ups=[{"resolution": resolution, "status": "done"}])
    assert [r.number for r in meeting.get_latest_revision_as_object().resolutions.all()] == [1, 2]
    assert resolution.follow_ups.get().meeting.pk == later.pk


def test_draft_restricted_and_another_province():
    draft = MeetingPageFactory(draft=True)
    assert not draft.live and draft.latest_revision is not None
    restricted = MeetingPageFactory(restricted=True)
    assert PageViewRestriction.objects.filter(page=restricted).exists()
    qazvin = MeetingPageFactory(province_code="QZV", town="تاکستان")
    assert qazvin.province.name == "قزوین" and qazvin.municipality.province == qazvin.province


def test_agreement_parties_and_documents():
    signed = AgreementDocumentFactory(document=DocumentFactory(title="signed.pdf"), restricted=True)
    agreement = AgreementPageFactory(parties=["قم", "کهک"], documents=[signed, DocumentFactory(title="annex.pdf")])
    assert agreement.party_list == ["شهرداری قم", "شهرداری کهک"]
    assert {m.name for m in agreement.party_municipalities.all()} == {"قم", "کهک"}
    rows = {row.document.title: row.restricted for row in agreement.documents.all()}
    assert rows == {"signed.pdf": True, "annex.pdf": False}
    assert RestrictedDocument.objects.get().document.title == "signed.pdf"
    annex = agreement.documents.get(restricted=False)
    assert access_to(AnonymousUser(), annex) == OPEN


def test_attach_publishes_a_new_revision():
    meeting = MeetingPageFactory()
    (row,) = attach(meeting, DocumentFactory(title="annex.pdf"))
    meeting.refresh_from_db()
    assert meeting.documents.get().pk == row.pk
    assert [d.document.title for d in meeting.live_revision.as_object().documents.all()] == ["annex.pdf"]


def test_desk_users_have_their_role_and_desk():
    staff = DeskUserFactory(role=STAFF, town="کهک")
    assert staff.groups.get().name == STAFF
    assert province_of(staff).code == "QOM" and municipality_of(staff).name == "کهک"
    editor = DeskUserFactory(province_code="QZV")
    assert province_of(editor).code == "QZV" and municipality_of(editor) is None
    assert editor.check_password("pass")


def test_the_named_scenes_are_in_their_provinces():
    from tests.factories import QazvinMeetingFactory, QomAgreementFactory, QomMeetingFactory

    qom, qzv = QomMeetingFactory(), QazvinMeetingFactory()
    agreement = QomAgreementFactory()
    assert (qom.province.code, qom.municipality.name) == ("QOM", "دستجرد")
    assert (qzv.province.code, qzv.municipality.name) == ("QZV", "قزوین")
    assert {m.name for m in qom.participant_municipalities.all()} == {"قم", "قنوات"}
    assert agreement.approved_by == qom.resolutions.get(number=1)
