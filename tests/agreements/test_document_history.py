"""A document's access follows its history: once restricted, closed until the office releases it —
whether its agreement is re-imported with a new file, unchecked or deleted — and a document no
published record lists goes to its editors only."""

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
import pytest
from wagtail.documents import get_document_model
from wagtail.models import ModelLogEntry

from agreements.access import LOCKED, LOGIN, OPEN, access_to, is_restricted
from agreements.models import AgreementDocument, RestrictedDocument
from agreements.restriction import DETACHED, RELEASE, RESTRICT
from search.models import SearchEntry
from tests.agreements.test_restricted_documents import SECRET_WORD, documents, login

pytestmark = pytest.mark.django_db


def actions_on(document):
    return list(
        ModelLogEntry.objects.filter(object_id=str(document.pk), content_type__model="document")
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def assert_closed_to_outsiders(client, document, desk):
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    for outsider in (desk.qzv_editor, desk.qom_staff_elsewhere):
        assert login(client, outsider).get(document.url).status_code == 403, outsider


def test_a_superseded_restricted_file_stays_private_after_a_reimport(client, archive, import_files, desk_records, desk):
    old_signed, _ = documents(desk_records.agreement)
    old = old_signed.document
    archive.pdf("signed.pdf", "Renegotiated memorandum, second version")
    report = import_files(archive.root)
    assert not report.failed, report.lines
    new_signed, _ = documents(desk_records.agreement)
    assert new_signed.document.pk != old.pk
    assert not AgreementDocument.objects.filter(document=old).exists()
    assert get_document_model().objects.filter(pk=old.pk).exists()
    assert_closed_to_outsiders(client, old, desk)
    assert login(client, desk.qom_director).get(old.url).status_code == 200
    assert actions_on(old) == [RESTRICT, DETACHED]


def test_deleting_the_agreement_publishes_none_of_its_documents(client, desk_records, desk):
    signed, annex = documents(desk_records.agreement)
    signed, annex = signed.document, annex.document
    desk_records.agreement.delete()
    assert_closed_to_outsiders(client, signed, desk)
    assert_closed_to_outsiders(client, annex, desk)
    # the party municipality's staff lose it with the published agreement; the office keeps both
    assert access_to(desk.kahak_staff, signed) == LOCKED
    assert access_to(desk.qom_editor, signed) == OPEN
    assert not SearchEntry.objects.filter(attachment_names__contains="annex").exists()


def test_unchecking_the_box_does_not_open_the_file_until_the_office_releases_it(client, desk_records, desk):
    signed, _ = documents(desk_records.agreement)
    AgreementDocument.objects.filter(pk=signed.pk).update(restricted=False)
    assert is_restricted(signed.document)
    assert access_to(AnonymousUser(), signed.document) == LOGIN

    as_qazvin = login(client, desk.qzv_director)
    restriction = RestrictedDocument.objects.get(document=signed.document)
    assert as_qazvin.get(f"/admin/restricted-documents/{restriction.pk}/release/").status_code == 404
    assert as_qazvin.post(f"/admin/restricted-documents/{restriction.pk}/release/").status_code == 404
    assert is_restricted(signed.document)

    as_office = login(client, desk.qom_director)
    listing = as_office.get("/admin/restricted-documents/").content.decode()
    assert "signed.pdf" in listing
    response = as_office.post(f"/admin/restricted-documents/{restriction.pk}/release/", follow=True)
    assert "برداشته شد" in response.content.decode()
    restriction.refresh_from_db()
    assert restriction.released_by == desk.qom_director and restriction.released_at is not None
    assert actions_on(signed.document)[-1] == RELEASE
    client.logout()
    assert client.get(signed.document.url).status_code == 200
    entry = SearchEntry.objects.get(page_id=desk_records.agreement.pk)
    assert SECRET_WORD in entry.attachment_text.lower()


def test_no_release_while_an_agreement_still_marks_it(client, desk_records, desk):
    signed, _ = documents(desk_records.agreement)
    restriction = RestrictedDocument.objects.get(document=signed.document)
    response = login(client, desk.qom_director).post(
        f"/admin/restricted-documents/{restriction.pk}/release/", follow=True
    )
    assert desk_records.agreement.ref in response.content.decode()
    assert is_restricted(signed.document)
    assert RELEASE not in actions_on(signed.document)


def test_checking_the_box_in_a_draft_revision_restricts_the_file(desk_records):
    _, annex = documents(desk_records.agreement)
    page = desk_records.agreement
    rows = list(page.documents.all())
    for row in rows:
        row.restricted = row.restricted or row.pk == annex.pk
    page.documents = rows
    page.save_revision()  # a draft: the attachment row in the database still says «not restricted»
    assert not AgreementDocument.objects.get(pk=annex.pk).restricted
    assert is_restricted(annex.document)
    entry = SearchEntry.objects.get(page_id=page.pk)
    assert "landfill map" not in entry.attachment_text.lower()


def test_a_restriction_released_then_marked_again_closes_again(desk_records, desk):
    from agreements.restriction import mark_restricted

    signed, _ = documents(desk_records.agreement)
    restriction = RestrictedDocument.objects.get(document=signed.document)
    RestrictedDocument.objects.filter(pk=restriction.pk).update(released_at="2026-01-01T00:00Z")
    assert not is_restricted(signed.document)
    signed.save()  # the agreement saved again with the box checked
    assert is_restricted(signed.document)
    assert not mark_restricted(signed.document, desk_records.agreement.province_id)


def test_a_file_no_record_lists_goes_to_its_uploader_and_nobody_else(client, desk):
    document = get_document_model().objects.create(
        title="draft-notes.pdf",
        file=ContentFile(b"%PDF-1.4 notes", name="draft-notes.pdf"),
        uploaded_by_user=desk.qom_editor,
    )
    assert client.get(document.url).status_code == 302
    assert login(client, desk.qzv_editor).get(document.url).status_code == 403
    assert login(client, desk.kahak_staff).get(document.url).status_code == 403
    assert login(client, desk.qom_editor).get(document.url).status_code == 200


def test_the_migration_marks_every_document_restricted_today(desk_records):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("agreements.migrations.0006_mark_restricted_documents")
    RestrictedDocument.objects.all().delete()
    migration.mark_restricted(apps, None)
    signed, annex = documents(desk_records.agreement)
    assert list(RestrictedDocument.objects.values_list("document_id", "province_id")) == [
        (signed.document_id, desk_records.agreement.province_id)
    ]
