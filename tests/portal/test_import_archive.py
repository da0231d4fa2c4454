import datetime
import os

from django.conf import settings
from django.core.management import CommandError, call_command
import pytest

from agreements.models import AgreementPage
from meetings.models import MeetingPage, Resolution
from places.models import Municipality, Topic
from practices.models import BestPracticePage
from tests.conftest import agreement_fields, follow_up_meeting, meeting_fields

pytestmark = pytest.mark.django_db


def media_files():
    root = settings.MEDIA_ROOT
    return sorted(os.path.join(d, f) for d, _, files in os.walk(root) for f in files if "images" not in d)


def record_counts():
    return (
        MeetingPage.objects.count(),
        Resolution.objects.count(),
        AgreementPage.objects.count(),
        BestPracticePage.objects.count(),
        Municipality.objects.count(),
        Topic.objects.count(),
    )


def test_every_meeting_field_lands_where_it_should(archive, import_files):
    archive.pdf("signed.pdf")
    archive.png("photo.png")
    archive.write(
        "m.md",
        meeting_fields(attachments=["signed.pdf", "photo.png"], source="https://example.org/news/1"),
        body="## دستور جلسه\n\nموضوع اصلی **مدیریت پسماند** بود.",
    )
    report = import_files(archive.root)
    assert not report.failed, report.lines

    meeting = MeetingPage.objects.get(ref="QOM-1403-11")
    assert meeting.live
    assert meeting.title.startswith("همایش شهرداران استان قم")
    assert meeting.date == datetime.date(2024, 11, 5)
    assert meeting.province.name == "قم"
    assert meeting.municipality.name == "دستجرد"
    assert meeting.municipality.province == meeting.province
    assert sorted(t.name for t in meeting.topics.all()) == ["درآمد پایدار", "مدیریت پسماند"]
    assert meeting.summary == "مکان‌یابی سایت دفن بهداشتی زباله و تعرفه عوارض."
    assert "**مدیریت پسماند**" in meeting.body
    assert meeting.source == "https://example.org/news/1"
    assert meeting.participant_list == ["قم", "قنوات", "دفتر امور شهری استانداری قم"]
    assert sorted(m.name for m in meeting.participant_municipalities.all()) == ["قم", "قنوات"]
    assert meeting.next_meeting_municipality.name == "قنوات"
    assert meeting.next_meeting_date == datetime.date(2025, 1, 9)
    assert [d.document.title for d in meeting.documents.all()] == ["signed.pdf"]
    assert meeting.documents.first().document.file_size > 0
    assert [i.image.title for i in meeting.images.all()] == ["photo.png"]

    first, second = meeting.resolutions.order_by("number")
    assert (first.number, first.status, first.deadline) == (1, "in_progress", datetime.date(2024, 12, 20))
    assert first.responsible_list == ["دفتر امور شهری استانداری قم"]
    assert first.ref == "QOM-1403-11#1"
    assert (second.status, second.deadline) == ("pending", None)


def test_agreement_and_practice_fields_and_references(archive, import_files):
    archive.write("m.md", meeting_fields())
    archive.pdf("mou.pdf")
    archive.write(
        "a.md",
        agreement_fields(
            ref="۱۴۰۳/۵۶۷",
            title="تفاهم‌نامه همکاری در بیمه تکمیلی کارکنان",
            valid_until="1405/09/01",
            attachments=["mou.pdf"],
        ),
    )
    archive.write(
        "p.md",
        {
            "ref": "BP-QOM-01",
            "type": "practice",
            "title": "کمیته توزیع عادلانه خدمات",
            "date": "2022-03-01",
            "province": "قم",
            "municipality": "قم",
            "results": "۱۲ محله در سه ماه",
            "contact": "دبیرخانه کمیته",
            "related": ["QOM-1403-11#2", "۱۴۰۳/۵۶۷"],
        },
    )
    report = import_files(archive.root)
    assert not report.failed, report.lines

    agreement = AgreementPage.objects.get(ref="۱۴۰۳/۵۶۷")
    assert agreement.party_list == ["شهرداری قم", "شهرداری کهک"]
    assert sorted(m.name for m in agreement.party_municipalities.all()) == ["قم", "کهک"]
    assert agreement.valid_until == datetime.date(2026, 11, 22)
    assert agreement.status == "in_force"
    assert agreement.approved_by.ref == "QOM-1403-11#1"
    assert agreement.documents.get().document.file_extension == "pdf"

    practice = BestPracticePage.objects.get(ref="BP-QOM-01")
    assert practice.date == datetime.date(2022, 3, 1)
    assert practice.results == "۱۲ محله در سه ماه"
    assert practice.contact == "دبیرخانه کمیته"
    assert [r.ref for r in practice.related_resolutions.all()] == ["QOM-1403-11#2"]
    assert [a.ref for a in practice.related_agreements.all()] == ["۱۴۰۳/۵۶۷"]


def test_reimport_updates_and_never_duplicates(archive, import_files):
    archive.write("m.md", meeting_fields())
    archive.write(
        "later.md",
        follow_up_meeting("QOM-1403-11#1", "done", "ارسال شد"),
    )
    assert not import_files(archive.root).failed
    before = record_counts()
    resolution_pk = Resolution.objects.get(meeting__ref="QOM-1403-11", number=1).pk

    unchanged = import_files(archive.root)
    assert len(unchanged.unchanged) == 2 and not unchanged.created and not unchanged.updated

    fields = meeting_fields(title="عنوان اصلاح‌شده")
    fields["resolutions"][0]["text"] = "متن اصلاح‌شده مصوبه"
    archive.write("m.md", fields)
    report = import_files(archive.root)
    assert [p.ref for p in report.updated] == ["QOM-1403-11"] and not report.created
    assert record_counts() == before
    meeting = MeetingPage.objects.get(ref="QOM-1403-11")
    assert meeting.title == "عنوان اصلاح‌شده"
    resolution = meeting.resolutions.get(number=1)
    assert resolution.text == "متن اصلاح‌شده مصوبه"
    assert resolution.pk == resolution_pk  # follow-ups recorded elsewhere keep pointing at it
    assert resolution.follow_ups.count() == 1


def test_ref_matches_whatever_digits_it_was_written_with(archive, import_files):
    archive.write("m.md", meeting_fields(ref="QOM-۱۴۰۳-۱۱"))
    assert not import_files(archive.root).failed
    archive.write("m.md", meeting_fields(ref="QOM-1403-11", title="تازه"))
    import_files(archive.root)
    assert MeetingPage.objects.count() == 1
    assert MeetingPage.objects.get().title == "تازه"


MALFORMED = {
    "missing ref": (lambda f: f.pop("ref"), "ref"),
    "unknown type": (lambda f: f.update(type="minutes"), "type"),
    "bad date": (lambda f: f.update(date="1404/13/40"), "date"),
    "bad deadline": (lambda f: f["resolutions"][0].update(deadline="1403/07/31"), "deadline"),
    "missing attachment": (lambda f: f.update(attachments=["nowhere.pdf"]), "attachments"),
    "unknown province": (lambda f: f.update(province="آتلانتیس"), "province"),
    "bad status": (lambda f: f["resolutions"][0].update(status="maybe"), "status"),
    "unknown follow-up": (lambda f: f.update(follows_up=[{"ref": "XX-1#1", "status": "done"}]), "follows_up"),
    "missing title": (lambda f: f.update(title=""), "title"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_file_is_rejected_with_reason_and_writes_nothing(case, archive, import_files, site_tree):
    mutate, field = MALFORMED[case]
    archive.pdf("signed.pdf")
    fields = meeting_fields(attachments=["signed.pdf"])
    mutate(fields)
    path = archive.write("bad.md", fields)
    before, files_before = record_counts(), media_files()

    report = import_files(archive.root)

    assert [(p, f.split(".")[-1].split("[")[0]) for p, f, _ in report.failed] == [(path, field)]
    assert report.failed[0][2]  # a reason is given
    assert record_counts() == before
    assert media_files() == files_before


def test_broken_yaml_is_rejected_with_line(archive, import_files, site_tree):
    path = archive.write_raw("broken.md", "---\nref: QOM-1\ntype: meeting\ntitle: [بسته نشده\n---\nمتن\n")
    report = import_files(archive.root)
    assert report.failed[0][0] == path
    assert report.failed[0][1] == "front matter"
    assert "YAML" in report.failed[0][2]
    assert MeetingPage.objects.count() == 0


def test_missing_front_matter_is_rejected(archive, import_files):
    archive.write_raw("plain.md", "فقط متن، بدون سرآیند")
    report = import_files(archive.root)
    assert report.failed[0][1] == "front matter"


def test_attachment_whose_content_does_not_match_its_extension(archive, import_files):
    (archive.root).mkdir(parents=True, exist_ok=True)
    (archive.root / "fake.pdf").write_bytes(b"MZ not a pdf")
    archive.write("m.md", meeting_fields(attachments=["fake.pdf"]))
    report = import_files(archive.root)
    assert report.failed[0][1] == "attachments"
    assert MeetingPage.objects.count() == 0


def test_ref_used_by_another_type_is_rejected(archive, import_files):
    archive.write("m.md", meeting_fields())
    import_files(archive.root)
    archive.write(
        "a.md",
        {
            "ref": "qom-1403-11",
            "type": "agreement",
            "title": "ت",
            "date": "1403/01/01",
            "province": "قم",
            "parties": ["قم"],
        },
    )
    report = import_files(archive.root / "a.md")
    assert report.failed[0][1] == "ref"
    assert AgreementPage.objects.count() == 0


def test_bad_file_does_not_stop_the_batch_and_command_exits_nonzero(archive, site_tree):
    archive.write("a-good.md", meeting_fields())
    archive.write("b-bad.md", meeting_fields(ref="QOM-2", province="ناکجا"))
    with pytest.raises(CommandError):
        call_command("import_archive", str(archive.root))
    assert list(MeetingPage.objects.values_list("ref", flat=True)) == ["QOM-1403-11"]


def test_dry_run_validates_without_writing(archive, import_files, site_tree):
    archive.write("m.md", meeting_fields())
    archive.write("later.md", meeting_fields(ref="QOM-2", follows_up=[{"ref": "QOM-1403-11#1", "status": "done"}]))
    report = import_files(archive.root, dry_run=True)
    assert len(report.validated) == 2 and not report.failed
    assert MeetingPage.objects.count() == 0


def test_unknown_fields_warn_and_new_municipalities_join_their_province(archive, import_files):
    archive.write("m.md", meeting_fields(municipality="جعفریه", colour="آبی"))
    report = import_files(archive.root)
    assert any("colour" in warning for _, warning in report.warnings)
    assert Municipality.objects.get(name="جعفریه").province.name == "قم"


def test_command_prints_one_line_per_file_and_summary(archive, site_tree, capsys):
    archive.write("m.md", meeting_fields())
    archive.write("n.md", meeting_fields(ref="QOM-2"))
    call_command("import_archive", str(archive.root))
    out = capsys.readouterr().out
    assert "[1/2] created" in out and "[2/2] created" in out
    assert "imported 2 (2 created, 0 updated)" in out
