import datetime

from docx import Document
import pytest

from tests.conftest import meeting_fields

ZWNJ = "\u200c"


def make_docx(path, paragraphs):
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)
    return path


@pytest.fixture
def corpus(archive, import_files):
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
