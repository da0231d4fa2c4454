"""Export then import gives back the same records (the archive format's promise)."""

import pytest

from portal.export import export_archive
from records.archive.batch import collect_files
from records.archive.parse import read_record
from tests.conftest import meeting_fields

pytestmark = pytest.mark.django_db


def comparable(record):
    return {
        "ref": record.ref,
        "type": record.type,
        "title": record.title,
        "date": record.date,
        "province": record.province.pk,
        "municipality": record.municipality,
        "topics": sorted(record.topics),
        "summary": record.summary,
        "body": record.body.strip(),
        "source": record.source,
        "extra": record.extra,
        "attachments": sorted(a.path.read_bytes() for a in record.attachments),
    }


def test_export_then_import_gives_back_the_same_records(archive, import_files, tmp_path):
    archive.pdf("signed.pdf")
    archive.png("photo.png")
    archive.write("m1.md", meeting_fields(attachments=["signed.pdf", "photo.png"], source="https://example.org/1"))
    archive.write(
        "m2.md",
        meeting_fields(
            ref="QOM-1403-12",
            date="1403/10/20",
            resolutions=[{"number": 1, "text": "گزارش داده شود.", "responsible": ["شهرداری قم"]}],
            follows_up=[{"ref": "QOM-1403-11#1", "status": "done", "note": "انجام شد"}],
            next_meeting={"municipality": "کهک"},
        ),
    )
    archive.write(
        "a.md",
        {
            "ref": "QOM-TN-1",
            "type": "agreement",
            "title": "تفاهم‌نامه",
            "date": "1403/11/01",
            "province": "قم",
            "topics": ["مدیریت پسماند"],
            "parties": ["شهرداری قم", "شهرداری کهک"],
            "valid_until": "1405/11/01",
            "status": "signed",
            "approved_by": "QOM-1403-11#2",
            "attachments": ["signed.pdf"],
        },
    )
    archive.write(
        "p.md",
        {
            "ref": "BP-1",
            "type": "practice",
            "title": "تجربه",
            "date": "1404/01/20",
            "province": "قم",
            "municipality": "کهک",
            "results": "۳۰ درصد",
            "contact": "روابط عمومی",
            "related": ["QOM-1403-11#1"],
            "featured": True,
        },
    )
    assert not import_files(archive.root).failed

    exported = export_archive(tmp_path / "export", out=lambda line: None)
    assert len(exported) == 4

    originals = {r.ref: comparable(r) for r in map(read_record, collect_files([archive.root]))}
    round_trip = {r.ref: comparable(r) for r in map(read_record, exported)}
    assert round_trip == originals

    report = import_files(tmp_path / "export")
    assert not report.failed and not report.created  # the same records, updated in place


def files_outside(root, export):
    return sorted(
        (str(p), p.read_bytes() if p.is_file() else None)
        for p in root.rglob("*")
        if not p.is_relative_to(export) and p != export
    )


def test_export_never_writes_outside_its_directory(archive, import_files, tmp_path):
    from meetings.models import MeetingPage
    from places.models import Province

    Province.objects.create(name="استان آزمون", code="..", capital="آزمون")
    archive.pdf("signed.pdf")
    archive.write("m.md", meeting_fields(attachments=["signed.pdf"]))
    archive.write("t.md", meeting_fields(ref="TST-1", province="استان آزمون", municipality="آزمون"))
    assert not import_files(archive.root).failed
    export = tmp_path / "export"
    (export / "qom").mkdir(parents=True)
    victim = tmp_path / "victim.md"
    victim.write_text("do not overwrite")
    (export / "qom" / "qom-1403-11.md").symlink_to(victim)
    before = files_outside(tmp_path, export)

    written = export_archive(export, out=lambda line: None)

    assert files_outside(tmp_path, export) == before
    assert victim.read_text() == "do not overwrite"
    assert all(path.resolve().is_relative_to(export.resolve()) for path in written)
    province = Province.objects.get(code="..")
    assert (export / f"province-{province.pk}" / "tst-1.md").is_file()
    assert not (export / "qom" / "qom-1403-11.md").is_symlink()

    # A page whose slug was made a path, or a province folder that is a symlink out: refused.
    MeetingPage.objects.filter(ref="TST-1").update(slug="../../escaped")
    with pytest.raises(ValueError, match="refusing"):
        export_archive(tmp_path / "export2", out=lambda line: None)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "export3").mkdir()
    (tmp_path / "export3" / "qom").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    MeetingPage.objects.filter(ref="TST-1").update(slug="tst-1")
    with pytest.raises(ValueError, match="refusing"):
        export_archive(tmp_path / "export3", out=lambda line: None)
    assert list((tmp_path / "elsewhere").iterdir()) == []
    assert not (tmp_path / "escaped.md").exists() and not (tmp_path.parent / "escaped.md").exists()
