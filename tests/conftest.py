import contextlib
import datetime
import os
from pathlib import Path
import struct
import textwrap
import zlib

from docx import Document
from fpdf import FPDF
from PIL import Image
import pytest
import yaml

ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", Path(__file__).resolve().parent.parent / "test-artifacts"))


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Debian's Chromium through Playwright")
    config.addinivalue_line("markers", "elasticsearch: needs a real Elasticsearch node")


@pytest.fixture
def site_tree(db):
    from records.site_tree import ensure_site_structure

    return ensure_site_structure()


def make_pdf(path, text="Hamandishi test document"):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    pdf.output(str(path))
    return path


def make_png(path, size=(64, 40), color=(11, 110, 105)):
    Image.new("RGB", size, color).save(path)
    return path


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def make_bomb_png(path, width=30_000, height=30_000):
    """A valid black 1-bit PNG of ``width`` × ``height``: a few hundred KB that decode to
    width × height pixels (30,000 × 30,000 by default: a decompression bomb)."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte, then the row's bits
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", body) + _png_chunk(b"IEND", b"")
    Path(path).write_bytes(png)
    return path


class ArchiveDir:
    """Writes archive exchange files into a temporary directory."""

    def __init__(self, root):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def write(self, name, fields, body="متن صورت‌جلسه."):
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
        path.write_text(f"---\n{front}---\n{textwrap.dedent(body)}\n", encoding="utf-8")
        return path

    def write_raw(self, name, text):
        path = self.root / name
        path.write_text(text, encoding="utf-8")
        return path

    def pdf(self, name, text="Hamandishi test document"):
        return make_pdf(self.root / name, text)

    def png(self, name):
        return make_png(self.root / name)


@pytest.fixture
def archive(tmp_path):
    return ArchiveDir(tmp_path / "archive")


def meeting_fields(**overrides):
    fields = {
        "ref": "QOM-1403-11",
        "type": "meeting",
        "title": "همایش شهرداران استان قم به میزبانی شهرداری دستجرد",
        "date": "۱۴۰۳/۰۸/۱۵",
        "province": "قم",
        "municipality": "دستجرد",
        "participants": ["قم", "قنوات", "دفتر امور شهری استانداری قم"],
        "topics": ["مدیریت پسماند", "درآمد پایدار"],
        "summary": "مکان‌یابی سایت دفن بهداشتی زباله و تعرفه عوارض.",
        "resolutions": [
            {
                "number": 1,
                "text": "پیشنهاد افزایش منطقی تعرفه عوارض بهای خدمات تهیه شود.",
                "responsible": ["دفتر امور شهری استانداری قم"],
                "deadline": "۱۴۰۳/۰۹/۳۰",
                "status": "in_progress",
            },
            {"number": 2, "text": "نشست بعد در قنوات برگزار شود.", "status": "pending"},
        ],
        "next_meeting": {"municipality": "قنوات", "date": "1403-10-20"},
    }
    fields.update(overrides)
    return fields


def follow_up_meeting(target, status, note="", ref="QOM-1403-12", date="1403/10/20", **overrides):
    """A later meeting that adopts nothing and reviews the resolution ``target`` (``MEETING#n``)."""
    follow_up = {"ref": target, "status": status, "note": note} if note else {"ref": target, "status": status}
    return meeting_fields(ref=ref, date=date, resolutions=[], follows_up=[follow_up], **overrides)


def agreement_fields(**overrides):
    """A Qom agreement approved by resolution QOM-1403-11#1 (from ``meeting_fields``)."""
    fields = {
        "ref": "QOM-TN-1403-02",
        "type": "agreement",
        "title": "تفاهم‌نامه همکاری در دفن بهداشتی پسماند",
        "date": "1403/09/01",
        "province": "قم",
        "parties": ["شهرداری قم", "شهرداری کهک"],
        "valid_until": "1406/09/01",
        "status": "in_force",
        "approved_by": "QOM-1403-11#1",
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def import_files():
    """Run the importer the way the command does and return its report."""
    from records.archive.batch import import_paths

    def run(*paths, dry_run=False):
        lines = []
        report = import_paths(paths, dry_run=dry_run, out=lines.append)
        report.lines = lines
        return report

    return run


def make_docx(path, paragraphs):
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)
    return path


@pytest.fixture
def corpus(archive, import_files):
    return build_corpus(archive, import_files)


def build_corpus(archive, import_files):
    """A small archive written the ways people really write: fused words, Arabic letters, Latin digits."""
    archive.pdf("landfill.pdf", "Annex: sanitary landfill siting study for Kahak and Qanavat")
    make_docx(archive.root / "budget.docx", ["پیوست: دستورالعمل صندوق قرض‌الحسنه محلات برای نوسازی"])
    archive.write(
        "qom-11.md",
        meeting_fields(
            summary="مکان یابی سایت دفن بهداشتی زباله و تعرفه عوارض شهرداریها.",
            attachments=["landfill.pdf"],
        ),
        body="شهرداران خواستار همکاری منابع طبیعی برای مکانیابی نقاط جدید دفن پسماند شدند.",
    )
    archive.write(
        "qzv-06.md",
        meeting_fields(
            ref="QZV-1404-06",
            title="نشست شهرداران استان قزوین با حضور معاون امور شهرداریهای کشور",
            date="2025-09-14",
            province="قزوین",
            municipality="قزوین",
            topics=["بودجه‌ریزی مشارکتی", "بازارچه صنایع دستی"],
            summary="پایلوت بودجهریزی مشارکتی در محلات و بازارچههای دیجیتال صنایع دستی.",
            resolutions=[
                {"number": 1, "text": "مقرر شد پایلوت بودجه‌ریزی مشارکتی در دو محله اجرا شود.", "status": "in_progress"},
                {"number": 2, "text": "مقرر شد ده غرفه برای هنرمندان در بازارچه ایجاد شود.", "status": "done"},
            ],
            next_meeting={},
            attachments=["budget.docx"],
        ),
        body="وي بر لزوم اجراي بودجهريزي مشاركتي تاكيد كرد.",  # Arabic ي and ك, as some sources type
    )
    archive.write(
        "agreement.md",
        {
            "ref": "۱۲۳/۴۵۶",
            "type": "agreement",
            "title": "تفاهمنامه همکاری در دفن بهداشتی پسماند",
            "date": "1403/09/01",
            "province": "قم",
            "topics": ["مدیریت پسماند"],
            "parties": ["شهرداری قم", "شهرداری کهک"],
            "valid_until": (datetime.date.today() - datetime.timedelta(days=3)).isoformat(),
            "status": "in_force",
            "approved_by": "QOM-1403-11#1",
        },
        body="ماده ۱ - موضوع: احداث سایت مشترک دفن پسماند.",
    )
    archive.write(
        "practice.md",
        {
            "ref": "BP-QZV-01",
            "type": "practice",
            "title": "بودجه ریزی مشارکتی در محله‌های قزوین",
            "date": "1404/07/01",
            "province": "قزوین",
            "municipality": "قزوین",
            "topics": ["بودجه‌ریزی مشارکتی"],
            "results": "۱۲ طرح محله‌ای با رأی ۴۳۰۰ شهروند",
        },
        body="مسئله: مردم در هزینه کرد بودجه محلات نقشی نداشتند.",
    )
    report = import_files(archive.root)
    assert not report.failed, report.lines
    return report


def desk_user(username, group, province_code, municipality=None):
    """An account in one desk group (``desk.scope`` names), tied to a province (and municipality)."""
    from tests.factories import DeskUserFactory

    return DeskUserFactory(username=username, role=group, province_code=province_code, town=municipality)


@pytest.fixture
def desk(site_tree):
    """One account per desk role in Qom (staff of Kahak), and a Qazvin editor and director."""
    from types import SimpleNamespace

    from desk.scope import DIRECTOR, EDITOR, STAFF

    return SimpleNamespace(
        qom_editor=desk_user("qom-editor", EDITOR, "QOM"),
        qom_director=desk_user("qom-director", DIRECTOR, "QOM"),
        kahak_staff=desk_user("kahak-staff", STAFF, "QOM", "کهک"),
        qom_staff_elsewhere=desk_user("qanavat-staff", STAFF, "QOM", "قنوات"),
        qzv_editor=desk_user("qzv-editor", EDITOR, "QZV"),
        qzv_director=desk_user("qzv-director", DIRECTOR, "QZV"),
    )


def qazvin_meeting_fields(**overrides):
    fields = meeting_fields(
        ref="QZV-1404-06",
        title="نشست شهرداران استان قزوین",
        date="1404/06/23",
        province="قزوین",
        municipality="قزوین",
        participants=["قزوین"],
        topics=["بودجه‌ریزی مشارکتی"],
        resolutions=[{"number": 1, "text": "مقرر شد پایلوت بودجه‌ریزی مشارکتی اجرا شود.", "status": "pending"}],
        next_meeting={},
    )
    fields.update(overrides)
    return fields


@pytest.fixture
def desk_records(archive, import_files, desk):
    """Published: a Qom meeting, a Qazvin meeting, a Qom agreement (Qom and Kahak) whose signed PDF is
    restricted and whose annex is not."""
    from types import SimpleNamespace

    from agreements.models import AgreementPage
    from meetings.models import MeetingPage

    archive.pdf("signed.pdf", "Confidential signed memorandum: penalty clause zanjirehkhafi")
    archive.pdf("annex.pdf", "Public annex: landfill map")
    archive.write("qom.md", meeting_fields())
    archive.write("qzv.md", qazvin_meeting_fields())
    archive.write(
        "agreement.md",
        agreement_fields(attachments=["signed.pdf", "annex.pdf"], restricted_attachments=["signed.pdf"]),
    )
    report = import_files(archive.root)
    assert not report.failed, report.lines
    return SimpleNamespace(
        qom=MeetingPage.objects.get(ref="QOM-1403-11"),
        qzv=MeetingPage.objects.get(ref="QZV-1404-06"),
        agreement=AgreementPage.objects.get(),
    )


def demo_rows():
    """The ids of what loading the demo adds beside its pages, for a module-scoped demo to take back."""
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import ModelLogEntry, PageLogEntry

    from places.models import Municipality, Topic
    from thesaurus.models import Concept

    # the demo accounts first: their profiles hold on to municipalities
    models = (get_user_model(), Concept, Topic, Municipality, get_document_model(), get_image_model())
    models += (PageLogEntry, ModelLogEntry)
    return {model: set(model.objects.values_list("pk", flat=True)) for model in models}


def remove_rows_added_since(before):
    """What a module-scoped demo added must not reach the next module's tests."""
    for model, pks in demo_rows().items():
        model.objects.filter(pk__in=pks - before[model]).delete()


@contextlib.contextmanager
def loaded_demo(django_db_blocker):
    """The demo archive for a whole module, taken back afterwards: pages, accounts, files, taxonomy."""
    from django.core.management import call_command

    from agreements.models import AgreementPage
    from meetings.models import MeetingPage
    from practices.models import BestPracticePage

    with django_db_blocker.unblock():
        before = demo_rows()
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        yield
        for model in (BestPracticePage, AgreementPage, MeetingPage):
            for page in model.objects.all():
                page.delete()
        remove_rows_added_since(before)


@pytest.fixture
def desk_pages(desk):
    """What ``desk_records`` imports, built by the factories, for tests that do not test the import:
    a Qom meeting, a Qazvin meeting, a Qom agreement (Qom and Kahak) whose signed PDF is restricted
    and whose annex is not."""
    from types import SimpleNamespace

    from tests.factories import (
        AgreementDocumentFactory,
        DocumentFactory,
        QazvinMeetingFactory,
        QomAgreementFactory,
        QomMeetingFactory,
    )

    qom, qzv = QomMeetingFactory(), QazvinMeetingFactory()
    signed = DocumentFactory(title="signed.pdf", text="Confidential signed memorandum: penalty clause zanjirehkhafi")
    annex = DocumentFactory(title="annex.pdf", text="Public annex: landfill map")
    agreement = QomAgreementFactory(documents=[AgreementDocumentFactory(document=signed, restricted=True), annex])
    return SimpleNamespace(qom=qom, qzv=qzv, agreement=agreement)
