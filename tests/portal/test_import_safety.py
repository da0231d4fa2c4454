"""import_archive takes attachments only from the record's own folder, checks them by content, and
finishes the batch whatever one file holds (issue 10, findings 2 and 5)."""

import io
import json
import os
from pathlib import Path
import zipfile

from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image
import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
import yaml

from meetings.models import MeetingPage
from practices.models import BestPracticePage
from records.archive.attachments import check_attachment
from records.archive.errors import ArchiveError
from tests.conftest import make_bomb_png, make_docx, make_pdf, make_png, meeting_fields

pytestmark = pytest.mark.django_db

PERSIAN_URL = "https://www.isna.ir/news/1403081509876/" + "%D9%85%D8%B5%D9%88%D8%A8%D8%A7%D8%AA-" * 17


def stored_media():
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def footprint():
    """Everything an import can leave behind."""
    return (
        Page.objects.count(),
        Revision.objects.count(),
        get_document_model().objects.count(),
        get_image_model().objects.count(),
        stored_media(),
    )


@pytest.fixture
def outside(tmp_path):
    """A private PDF next to the archive folder, readable by the importing account."""
    folder = tmp_path / "outside"
    folder.mkdir()
    return make_pdf(folder / "private.pdf", "Private payroll of the governorate")


def import_one_bad_between_good(archive, import_files, bad_fields, existing=()):
    """a.md (good), b.md (``bad_fields``), c.md (good): the bad one fails alone."""
    archive.write("a.md", meeting_fields(ref="QOM-1403-01", date="1403/01/10"))
    bad = archive.write("b.md", meeting_fields(**{"ref": "QOM-1403-02", "date": "1403/02/10", **bad_fields}))
    archive.write("c.md", meeting_fields(ref="QOM-1403-03", date="1403/03/10"))
    report = import_files(archive.root)
    refs = sorted(MeetingPage.objects.values_list("ref", flat=True))
    assert refs == sorted(["QOM-1403-01", "QOM-1403-03", *existing]), report.lines
    assert len(report.created) == 2
    [(path, field, reason)] = report.failed
    assert path == bad
    return field, reason


# Finding 2: an archive cannot reach files outside its own folder.


def test_attachment_climbing_out_with_dot_dot_is_refused(archive, import_files, outside, site_tree):
    before = footprint()
    path = archive.write("m.md", meeting_fields(attachments=["../outside/private.pdf"]))
    report = import_files(archive.root)
    assert [(p, f) for p, f, _ in report.failed] == [(path, "attachments")]
    assert "«..»" in report.failed[0][2] and "../outside/private.pdf" in report.failed[0][2]
    assert footprint() == before


def test_absolute_attachment_path_is_refused(archive, import_files, outside, site_tree):
    before = footprint()
    archive.write("m.md", meeting_fields(attachments=[str(outside)]))
    report = import_files(archive.root)
    assert report.failed[0][1] == "attachments" and "مطلق" in report.failed[0][2]
    assert footprint() == before


def test_symlink_to_a_file_outside_the_folder_is_refused(archive, import_files, outside, site_tree):
    before = footprint()
    (archive.root / "annex.pdf").symlink_to(outside)
    (archive.root / "docs").symlink_to(outside.parent, target_is_directory=True)
    archive.write("m.md", meeting_fields(attachments=["annex.pdf"]))
    archive.write("n.md", meeting_fields(ref="QOM-2", attachments=["docs/private.pdf"]))
    report = import_files(archive.root)
    assert [f for _, f, _ in report.failed] == ["attachments", "attachments"]
    assert all("symlink" in reason for _, _, reason in report.failed)
    assert footprint() == before


def test_record_file_that_is_a_symlink_out_of_the_batch_folder_is_refused(archive, import_files, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    private = elsewhere / "private.md"
    private.write_text("---\n" + yaml.safe_dump(meeting_fields(), allow_unicode=True) + "---\nمحرمانه\n")
    (archive.root / "linked.md").symlink_to(private)
    report = import_files(archive.root)
    assert [(p.name, f) for p, f, _ in report.failed] == [("linked.md", "file")]
    assert MeetingPage.objects.count() == 0
    assert not import_files(private).failed  # named itself, the file is the operator's choice


def test_files_in_subfolders_and_symlinks_within_the_folder_are_fine(archive, import_files):
    (archive.root / "scans").mkdir()
    make_pdf(archive.root / "scans" / "signed.pdf")
    (archive.root / "latest.pdf").symlink_to(archive.root / "scans" / "signed.pdf")
    make_docx(archive.root / "minutes.docx", ["صورت‌جلسه"])
    (archive.root / "photo.jpg").write_bytes(_image_bytes("JPEG"))
    archive.write("m.md", meeting_fields(attachments=["scans/signed.pdf", "latest.pdf", "minutes.docx", "photo.jpg"]))
    report = import_files(archive.root)
    assert not report.failed, report.lines
    meeting = MeetingPage.objects.get()
    assert sorted(d.document.title for d in meeting.documents.all()) == ["latest.pdf", "minutes.docx", "signed.pdf"]
    assert [i.image.title for i in meeting.images.all()] == ["photo.jpg"]


def _image_bytes(kind):
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), (200, 30, 30)).save(buffer, kind)
    return buffer.getvalue()


def _zip_without_document(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return path


def _sparse(path, size):
    with open(path, "wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(size)
    return path


BAD_ATTACHMENTS = {
    "png named .pdf": ("x.pdf", lambda p: p.write_bytes(_image_bytes("PNG")), "PDF"),
    "text named .docx": ("x.docx", lambda p: p.write_text("not a zip"), "DOCX"),
    "zip that is not Word": ("x.docx", _zip_without_document, "word/document.xml"),
    "jpeg named .png": ("x.png", lambda p: p.write_bytes(_image_bytes("JPEG")), "PNG"),
    "pdf named .jpg": ("x.jpg", lambda p: make_pdf(p), "خراب"),
    "truncated png": ("x.png", lambda p: p.write_bytes(make_png(p).read_bytes()[:60]), "خراب"),
    "empty file": ("x.pdf", lambda p: p.write_bytes(b""), "خالی"),
    "a directory": ("x.pdf", lambda p: p.mkdir(), "عادی"),
    "a fifo": ("x.pdf", lambda p: os.mkfifo(p), "عادی"),
    "larger than WAGTAILDOCS_MAX_UPLOAD_SIZE": (
        "x.pdf",
        lambda p: _sparse(p, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 1),
        "مگابایت",
    ),
    "more pixels than WAGTAILIMAGES_MAX_IMAGE_PIXELS": ("x.png", lambda p: make_bomb_png(p, 8_000, 6_000), "مگاپیکسل"),
    "decompression bomb": ("x.png", make_bomb_png, "مگاپیکسل"),
    "unsupported type": ("x.gif", lambda p: p.write_bytes(b"GIF89a"), "فقط"),
    "a name too long for the file system": ("ن" * 200 + ".pdf", None, "خوانده نمی‌شود"),
}


@pytest.mark.parametrize("case", sorted(BAD_ATTACHMENTS))
def test_attachment_checked_by_content_and_size_fails_alone(case, archive, import_files, site_tree):
    name, make, expected = BAD_ATTACHMENTS[case]
    if make is not None:
        make(archive.root / name)
    before = footprint()
    field, reason = import_one_bad_between_good(archive, import_files, {"attachments": [name]})
    assert field == "attachments"
    assert expected in reason, reason
    assert footprint()[2:] == before[2:]  # no document, image or media file of the failed record


def test_attachment_changed_after_validation_is_not_stored(archive):
    path = archive.pdf("signed.pdf")
    attachment = check_attachment(archive.root, "signed.pdf")
    make_pdf(path, "A different document swapped in mid-import")
    with pytest.raises(ArchiveError, match="تغییر کرد"):
        attachment.read()


# Finding 5: one bad file never stops the batch.


def test_decompression_bomb_png_fails_its_file_and_the_batch_goes_on(archive, import_files, site_tree):
    make_bomb_png(archive.root / "bomb.png")
    before = footprint()
    field, reason = import_one_bad_between_good(archive, import_files, {"attachments": ["bomb.png"]})
    assert (field, reason) == ("attachments", "«bomb.png»: تصویر بیش از ۴۰ مگاپیکسل است.")
    assert footprint()[3:] == before[3:]


def test_percent_encoded_persian_source_url_of_600_characters_is_kept(archive, import_files):
    assert len(PERSIAN_URL) > 600
    archive.write("m.md", meeting_fields(source=PERSIAN_URL))
    archive.write("n.md", meeting_fields(ref="QOM-2", source=PERSIAN_URL.replace("%D9%85", "مص")))
    report = import_files(archive.root)
    assert not report.failed, report.lines
    meeting = MeetingPage.objects.get(ref="QOM-1403-11")
    assert meeting.source == PERSIAN_URL
    meeting.full_clean()  # the record's admin form takes it too


LONG_OR_BROKEN = {
    "source longer than its column": ({"source": "https://example.org/" + "a" * 2000}, "source", "بیشینه ۲۰۰۰"),
    "source that is not a web address": ({"source": "javascript:alert(1)"}, "source", "http"),
    "title longer than its column": ({"title": "ع" * 256}, "title", "بیشینه ۲۵۵"),
    "ref longer than its column": ({"ref": "QOM-" + "1" * 70}, "ref", "بیشینه ۶۴"),
    "municipality longer than its column": ({"municipality": "د" * 101}, "municipality", "بیشینه ۱۰۰"),
    "topic longer than its column": ({"topics": ["پ" * 101]}, "topics", "بیشینه ۱۰۰"),
    "new party municipality too long": ({"participants": ["شهرداری " + "ک" * 101]}, "participants", "بیشینه"),
    "NUL in the summary": ({"summary": "خلاصه\x00"}, "summary", "نویسه نامعتبر"),
    "lone surrogate in a resolution": (
        {"resolutions": [{"number": 1, "text": "مصوبه \udc80"}]},
        "text",
        "نویسه نامعتبر",
    ),
    "resolution number beyond any integer column": (
        {"resolutions": [{"number": 10**12, "text": "مصوبه"}]},
        "resolutions[1].number",
        "عدد",
    ),
}


@pytest.mark.parametrize("case", sorted(LONG_OR_BROKEN))
def test_values_too_long_or_unstorable_are_refused_before_writing(case, archive, import_files, site_tree):
    fields, expected_field, expected = LONG_OR_BROKEN[case]
    field, reason = import_one_bad_between_good(archive, import_files, fields)
    assert field == expected_field
    assert expected in reason, reason


def test_practice_contact_longer_than_its_column_is_refused(archive, import_files, site_tree):
    archive.write(
        "p.md",
        {
            "ref": "BP-1",
            "type": "practice",
            "title": "تجربه",
            "date": "1403/01/01",
            "province": "قم",
            "contact": "د" * 256,
        },
    )
    report = import_files(archive.root)
    assert report.failed[0][1] == "contact"
    assert BestPracticePage.objects.count() == 0


def test_database_error_in_one_file_is_rolled_back_and_reported(archive, import_files, site_tree):
    # «قم!» is a new name but the same slug as «قم»: the municipality's unique slug refuses it.
    archive.write("a.md", meeting_fields(ref="QOM-1", municipality="قم"))
    import_files(archive.root)
    before = footprint()
    archive.pdf("signed.pdf")
    field, reason = import_one_bad_between_good(
        archive, import_files, {"municipality": "قم!", "attachments": ["signed.pdf"]}, existing=["QOM-1"]
    )
    assert field == "-" and "IntegrityError" in reason
    after = footprint()
    assert after[2:] == before[2:]  # the stored PDF of the failed record is gone again
    assert not MeetingPage.objects.filter(ref="QOM-1403-02").exists()


def test_yaml_integer_of_thousands_of_digits_fails_its_file(archive, import_files, site_tree):
    archive.write_raw("a.md", "---\nref: QOM-9\ntype: meeting\nnumber: " + "9" * 5000 + "\n---\n")
    archive.write("b.md", meeting_fields())
    report = import_files(archive.root)
    assert [f for _, f, _ in report.failed] == ["front matter"]
    assert MeetingPage.objects.count() == 1


def test_summary_counts_and_exit_code(archive, site_tree, capsys):
    archive.write("a.md", meeting_fields())
    make_bomb_png(archive.root / "bomb.png")
    archive.write("b.md", meeting_fields(ref="QOM-2", attachments=["bomb.png"]))
    with pytest.raises(CommandError, match="1 file"):
        call_command("import_archive", str(archive.root))
    captured = capsys.readouterr()
    assert "imported 1 (1 created, 0 updated), 0 skipped (unchanged), 1 failed" in captured.err
    assert "FAIL" in captured.out and "bomb.png" in captured.out
    call_command("import_archive", str(archive.root / "a.md"))
    assert "0 created, 0 updated), 1 skipped (unchanged), 0 failed" in capsys.readouterr().out


# The admin's own upload refuses the same images, in Persian.


@pytest.mark.parametrize("view", ["wagtailimages:add", "wagtailimages:add_multiple"])
def test_admin_image_upload_refuses_too_many_pixels_in_persian(view, client, tmp_path, site_tree):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("office", "office@example.org", "pass")
    client.force_login(user)
    bomb = make_bomb_png(tmp_path / "bomb.png")
    before = get_image_model().objects.count()
    with open(bomb, "rb") as handle:
        data = {"title": "bomb", "file": handle} if view == "wagtailimages:add" else {"files[]": handle}
        response = client.post(reverse(view), data)
    assert response.status_code == 200
    page = json.dumps(response.json(), ensure_ascii=False) if "multiple" in view else response.content.decode()
    assert "این تصویر بیش از ۴۰ مگاپیکسل است" in page
    assert get_image_model().objects.count() == before
