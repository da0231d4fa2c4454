"""Real .docx files of minutes, written with python-docx the way the provincial office types them."""

import io
import zipfile

from docx import Document

from meetings.docx_reading import OLE_SIGNATURE

TITLE = "صورتجلسه نشست شهرداران استان قم"


def minutes_docx(path=None, *, date_line="تاريخ: ۱۴۰۳/۰۸/۱۵    محل برگزاری: شهرداری دستجرد"):
    """Title, a date line with Arabic ي, a bulleted agenda, a «مقرر شد» sentence, a table and
    a «مصوبات» heading over a numbered list whose items state responsible bodies and deadlines."""
    document = Document()
    document.add_paragraph(TITLE, style="Title")
    if date_line:
        document.add_paragraph(date_line)
    document.add_heading("دستور جلسه", level=1)
    document.add_paragraph("بررسي وضعيت پسماند شهرهاي استان", style="List Bullet")
    document.add_paragraph("تعرفه عوارض بهای خدمات", style="List Bullet")
    document.add_paragraph(
        "شهردار دستجرد گزارش داد. در ادامه مقرر گرديد گزارش پسماند تا پايان آذر ۱۴۰۳ تهيه شود. سپس بحث شد."
    )
    table = document.add_table(rows=3, cols=2)
    for i, row in enumerate([("واحد", "نتیجه ارزیابی"), ("خدمات شهری", "مناسب"), ("درآمد", "نیازمند تقویت")]):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    document.add_heading("مصوبات", level=1)
    document.add_paragraph(
        "پيشنهاد افزايش منطقي تعرفه عوارض تهيه شود (مسئول اجرا: دفتر امور شهری، شهرداری قم؛ مهلت: ۱۴۰۳/۰۹/۳۰)",
        style="List Number",
    )
    document.add_paragraph("نشست بعد در شهر قنوات برگزار شود.", style="List Number")
    document.add_paragraph("كارگروه آموزش مشترک تا ۱۵ دی ۱۴۰۳ تشکیل شود.", style="List Number")
    document.add_heading("سایر موارد", level=1)
    document.add_paragraph("جلسه با قرائت دعا پایان یافت.")
    return _save(document, path)


def _numbered(paragraph, num_id, level=0):
    """Number a paragraph directly (w:numPr), as Word does when the typist presses the list button."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def typed_minutes_docx():
    """No heading styles: a bold «مصوبات:» line over directly numbered items (numId 5 is decimal
    and numId 1 a bullet in python-docx's template) and a table of resolutions."""
    document = Document()
    document.add_paragraph("بسمه تعالی")
    document.add_paragraph("نشست کارگروه پسماند شهرهای استان قم، ۲۰ آذر ۱۴۰۳")
    document.add_paragraph("مصوبات:").runs[0].bold = True
    _numbered(document.add_paragraph("سامانه ثبت پسماند راه‌اندازی شود."), 5)
    _numbered(document.add_paragraph("با مسئولیت دبیرخانه پیگیری شود."), 1, level=1)
    _numbered(document.add_paragraph("گزارش فصلی منتشر شود. مسئول اجرا: شهرداری قم"), 5)
    document.add_paragraph("مصوبات تکمیلی در جدول زیر آمده است:")
    table = document.add_table(rows=3, cols=4)
    rows = [
        ("ردیف", "شرح مصوبه", "مسئول اجرا", "مهلت"),
        ("۱", "آموزش رانندگان خودروهای پسماند", "شهرداری کهک، شهرداری قنوات", "۱۴۰۳/۱۱/۱۵"),
        ("۲", "تهیه نقشه نقاط دفن", "دفتر امور شهری", ""),
    ]
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    document.add_paragraph("پایان جلسه").runs[0].bold = True
    document.add_paragraph("جلسه ساعت ۱۲ پایان یافت.")
    return _save(document, None)


def plain_docx(path=None, paragraphs=()):
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return _save(document, path)


def _save(document, path):
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if path is not None:
        path.write_bytes(data)
    return data


def zip_not_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a word document")
    return buffer.getvalue()


def encrypted_docx():
    """What Word writes for a password-protected .docx: an OLE container with EncryptionInfo."""
    names = "".join(name.encode("utf-16-le").decode("latin-1") for name in ("EncryptionInfo", "EncryptedPackage"))
    return OLE_SIGNATURE + b"\x00" * 504 + names.encode("latin-1") + b"\x00" * 1024


def truncated_docx():
    return minutes_docx()[:900]


BROKEN_FILES = {
    "empty": (lambda: b"", "خالی"),
    "pdf renamed .docx": (lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", "PDF"),
    "zip that is not a docx": (zip_not_docx, "zip"),
    "encrypted docx": (encrypted_docx, "رمزگذاری"),
    "truncated docx": (truncated_docx, "Word"),
    "plain text": (lambda: "متن ساده".encode(), "Word"),
    "empty document": (lambda: plain_docx(), "متنی ندارد"),
}
