"""A restricted agreement document reaches only the party municipalities' staff and the province's
office — on the page, at its URL, in search, feeds and exports alike."""

from django.contrib.auth.models import AnonymousUser
import pytest
import yaml

from agreements.access import LOCKED, LOGIN, OPEN, RESTRICTED_NOTE, access_to
from portal.export import export_archive
from portal.models import DocumentDownload
from search.models import SearchEntry
from tests.portal.sitemap_reading import all_urls

pytestmark = pytest.mark.django_db
SECRET_WORD = "zanjirehkhafi"


def documents(agreement):
    by_name = {item.document.title: item for item in agreement.documents.select_related("document")}
    return by_name["signed.pdf"], by_name["annex.pdf"]


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def test_the_import_marks_only_the_listed_document_restricted(desk_records):
    signed, annex = documents(desk_records.agreement)
    assert signed.restricted and not annex.restricted


def test_who_is_entitled(desk_records, desk, django_user_model):
    signed, annex = documents(desk_records.agreement)
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pass")
    assert access_to(AnonymousUser(), signed) == LOGIN
    for user in (desk.kahak_staff, desk.qom_editor, desk.qom_director, admin):
        assert access_to(user, signed) == OPEN, user
        assert access_to(user, signed.document) == OPEN, user
    for user in (desk.qom_staff_elsewhere, desk.qzv_editor, desk.qzv_director):
        assert access_to(user, signed) == LOCKED, user
    assert access_to(AnonymousUser(), annex) == OPEN


def test_anonymous_visitor_sees_the_document_locked_with_a_persian_note_and_a_login_link(client, desk_records):
    signed, annex = documents(desk_records.agreement)
    html = client.get(desk_records.agreement.url).content.decode()
    assert signed.document.url not in html
    assert RESTRICTED_NOTE in html
    assert "/admin/login/?next=" in html
    assert annex.document.url in html


@pytest.mark.parametrize("who", ["kahak_staff", "qom_editor", "qom_director"])
def test_entitled_users_see_the_download_link(client, desk_records, desk, who):
    signed, _ = documents(desk_records.agreement)
    html = login(client, getattr(desk, who)).get(desk_records.agreement.url).content.decode()
    assert signed.document.url in html


@pytest.mark.parametrize("who", ["qom_staff_elsewhere", "qzv_editor", "qzv_director"])
def test_other_signed_in_users_see_it_locked_without_a_login_link(client, desk_records, desk, who):
    signed, _ = documents(desk_records.agreement)
    html = login(client, getattr(desk, who)).get(desk_records.agreement.url).content.decode()
    assert signed.document.url not in html
    assert RESTRICTED_NOTE in html and 'data-access="locked"' in html


def test_direct_url_sends_anonymous_visitors_to_the_login_page(client, desk_records):
    signed, _ = documents(desk_records.agreement)
    response = client.get(signed.document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/documents/")


@pytest.mark.parametrize("who", ["qom_staff_elsewhere", "qzv_editor", "qzv_director"])
def test_direct_url_is_forbidden_to_signed_in_users_not_entitled(client, desk_records, desk, who):
    signed, _ = documents(desk_records.agreement)
    response = login(client, getattr(desk, who)).get(signed.document.url)
    assert response.status_code == 403
    assert "دسترسی" in response.content.decode()


@pytest.mark.parametrize("who", ["kahak_staff", "qom_editor", "qom_director"])
def test_direct_url_serves_entitled_users(client, desk_records, desk, who):
    signed, _ = documents(desk_records.agreement)
    response = login(client, getattr(desk, who)).get(signed.document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_downloads_are_counted_per_document_and_refusals_are_not(client, desk_records, desk):
    signed, annex = documents(desk_records.agreement)
    client.get(signed.document.url)  # anonymous: sent to log in, not counted
    for _ in range(2):
        client.get(annex.document.url)
    login(client, desk.kahak_staff).get(signed.document.url)
    login(client, desk.qzv_editor).get(signed.document.url)  # 403, not counted
    counts = dict(DocumentDownload.objects.values_list("document__title", "count"))
    assert counts == {"annex.pdf": 2, "signed.pdf": 1}


def test_search_never_holds_the_restricted_documents_text(client, desk_records):
    entry = SearchEntry.objects.get(page_id=desk_records.agreement.pk)
    assert SECRET_WORD not in entry.attachment_text.lower()
    assert "landfill map" in entry.attachment_text.lower()
    assert "signed.pdf" not in entry.attachment_names
    assert client.get("/api/search/", {"q": SECRET_WORD}).json()["count"] == 0
    assert client.get("/api/search/", {"q": "landfill map"}).json()["count"] >= 1
    page = client.get("/search/", {"q": SECRET_WORD}).content.decode()
    assert desk_records.agreement.url not in page and "یافته در فایل پیوست" not in page


def test_feeds_and_sitemap_link_no_restricted_document(client, desk_records):
    signed, _ = documents(desk_records.agreement)
    bodies = {path: client.get(path).content.decode() for path in ("/feeds/atom/", "/feeds/rss/")}
    bodies["/sitemap.xml and its files"] = "\n".join(all_urls(client))
    for path, body in bodies.items():
        assert desk_records.agreement.title in body or desk_records.agreement.url in body, path
        assert signed.document.url not in body and "/documents/" not in body, path


def front_matter(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def test_the_public_export_leaves_restricted_documents_out(tmp_path, desk_records):
    export_archive(tmp_path, out=lambda line: None)
    folder = tmp_path / "qom"
    data = front_matter(folder / f"{desk_records.agreement.slug}.md")
    assert [name.split("-")[-1][:5] for name in data["attachments"]] == ["annex"]
    assert "restricted_attachments" not in data
    assert not any("signed" in path.name for path in folder.iterdir())


def test_the_office_backup_keeps_them_marked_and_imports_back(tmp_path, desk_records, import_files):
    from agreements.models import AgreementDocument

    export_archive(tmp_path, out=lambda line: None, include_restricted=True)
    data = front_matter(tmp_path / "qom" / f"{desk_records.agreement.slug}.md")
    signed_name, annex_name = data["attachments"]
    assert "signed" in signed_name and "annex" in annex_name
    assert data["restricted_attachments"] == [signed_name]
    assert (tmp_path / "qom" / signed_name).read_bytes().startswith(b"%PDF")
    AgreementDocument.objects.update(restricted=False)
    report = import_files(tmp_path / "qom" / f"{desk_records.agreement.slug}.md")
    assert not report.failed, report.lines
    flags = dict(AgreementDocument.objects.values_list("document__title", "restricted"))
    assert flags == {signed_name: True, annex_name: False}


def test_a_restricted_name_that_is_not_an_attachment_fails_the_file(archive, import_files, site_tree):
    from tests.conftest import agreement_fields, meeting_fields

    archive.pdf("annex.pdf")
    archive.write("m.md", meeting_fields())
    archive.write("a.md", agreement_fields(attachments=["annex.pdf"], restricted_attachments=["signed.pdf"]))
    report = import_files(archive.root)
    assert report.failed
    assert any("restricted_attachments" in line and "signed.pdf" in line for line in report.lines)


def test_a_document_of_an_unpublished_record_is_for_its_editors_only(client, desk_records, desk):
    _, annex = documents(desk_records.agreement)
    desk_records.agreement.unpublish()
    assert client.get(annex.document.url).status_code == 302
    assert login(client, desk.qzv_editor).get(annex.document.url).status_code == 403
    assert login(client, desk.qom_editor).get(annex.document.url).status_code == 200


def test_attaching_a_restricted_document_elsewhere_does_not_open_it(client, desk_records, desk):
    from meetings.models import MeetingDocument
    from search.indexing import sync_page

    signed, _ = documents(desk_records.agreement)
    MeetingDocument.objects.create(page=desk_records.qzv, document=signed.document)  # chosen by a Qazvin editor
    sync_page(desk_records.qzv)
    entry = SearchEntry.objects.get(page_id=desk_records.qzv.pk, kind="meeting")
    assert SECRET_WORD not in entry.attachment_text.lower()
    assert client.get(signed.document.url).status_code == 302
    assert login(client, desk.qzv_editor).get(signed.document.url).status_code == 403
    html = client.get(desk_records.qzv.url).content.decode()
    assert signed.document.url not in html and RESTRICTED_NOTE in html
