"""Reading minutes typed in Word (.docx) into a proposal for a draft meeting.

Pure functions: bytes in, a ``MinutesProposal`` out (or a ``WordImportError`` with a Persian
message). The body keeps the text as written; detection (the «مصوبات» heading, «مقرر شد»,
labels such as «مسئول اجرا:») runs on folded text, since Word files often carry Arabic ي/ك and
lost half-spaces.
"""

from dataclasses import dataclass, field
import datetime
import io
import re
import zipfile

from django.conf import settings

from portal import jalali
from portal.persian import ZWNJ, fold_characters, to_latin_digits

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_TITLE_LENGTH = 255

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Office puts a password-protected .docx inside an OLE container with these streams (UTF-16 names).
OLE_ENCRYPTION_MARKERS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))

RESOLUTION_HEADINGS = ("مصوبات", "مصوبه ها", "تصمیمات", "تصمیمات جلسه")
RESOLUTION_PHRASES = ("مقرر شد", "مقرر گردید", "تصویب شد")


class WordImportError(ValueError):
    """The file cannot be read as minutes; the message is Persian and can be shown as is."""


@dataclass
class ProposedResolution:
    text: str
    responsible: list = field(default_factory=list)
    deadline: datetime.date | None = None
    source: str = "section"  # "section" (under «مصوبات»), "table" or "sentence" («مقرر شد …»)


@dataclass
class MinutesProposal:
    title: str
    date: datetime.date | None
    place: str
    body: str
    resolutions: list


def max_upload_bytes():
    return getattr(settings, "WORD_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


# --- folding and loose patterns -------------------------------------------------------------


def fold(text):
    """The form text is compared in: Persian letters, Latin digits, half-spaces as spaces."""
    text = to_latin_digits(fold_characters(text)).replace(ZWNJ, " ")
    return " ".join(text.split())


_LETTER_VARIANTS = {"ی": "[یيىئ]", "ک": "[کك]", "ه": "[هةۀ]", "ا": "[اأإٱ]"}


def loose(phrase):
    """A regex for ``phrase`` as people type it: Arabic letter variants, half-space or space or none."""
    parts = []
    for char in phrase:
        if char == " ":
            parts.append(f"[\\s{ZWNJ}]*")
        else:
            parts.append(_LETTER_VARIANTS.get(char, re.escape(char)))
    return f"(?:{''.join(parts)})"


DIGIT = "[0-9۰-۹٠-٩]"
MONTH_PATTERN = "|".join(loose(name) for name in jalali.MONTH_NAMES)
_NUMERIC_DATE = re.compile(rf"(?<![0-9۰-۹٠-٩])({DIGIT}{{4}})\s*[/\-.]\s*({DIGIT}{{1,2}})\s*[/\-.]\s*({DIGIT}{{1,2}})")
_WORDED_DATE = re.compile(
    rf"(?<![0-9۰-۹٠-٩])({DIGIT}{{1,2}})\s*(?:ام\s*)?({MONTH_PATTERN})(?:\s*{loose('ماه')})?\s*({DIGIT}{{4}})"
)
_MONTH_END = re.compile(rf"{loose('پایان')}\s*({MONTH_PATTERN})(?:\s*{loose('ماه')})?\s*({DIGIT}{{4}})")


def _month_number(name):
    folded = fold(name)
    return next(n for n, month in enumerate(jalali.MONTH_NAMES, start=1) if fold(month) == folded)


def _jalali(year, month, day):
    try:
        return jalali.parse_date(f"{to_latin_digits(year)}/{month}/{to_latin_digits(day)}")
    except jalali.InvalidDate:
        return None


def find_dates(text):
    """Every valid Jalali date in ``text`` with its position: «۱۴۰۳/۰۸/۱۵», «۱۵ آبان ۱۴۰۳», «پایان آذر ۱۴۰۳»."""
    found = []
    for match in _NUMERIC_DATE.finditer(text):
        year = int(to_latin_digits(match.group(1)))
        if 1300 <= year <= 1500:
            value = _jalali(match.group(1), to_latin_digits(match.group(2)), match.group(3))
            if value:
                found.append((match.start(), value))
    for match in _WORDED_DATE.finditer(text):
        value = _jalali(match.group(3), _month_number(match.group(2)), match.group(1))
        if value:
            found.append((match.start(), value))
    for match in _MONTH_END.finditer(text):
        value = _last_day_of_month(int(to_latin_digits(match.group(2))), _month_number(match.group(1)))
        if value:
            found.append((match.start(), value))
    return sorted(found, key=lambda item: item[0])


def _last_day_of_month(year, month):
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    start = _jalali(str(following[0]), following[1], "1")
    return start - datetime.timedelta(days=1) if start else None


# --- reading the file -----------------------------------------------------------------------


def open_docx(data):
    """A python-docx ``Document`` for ``data``, or a ``WordImportError`` saying what the file is."""
    from docx import Document

    if not data:
        raise WordImportError("فایل خالی است.")
    limit = max_upload_bytes()
    if len(data) > limit:
        raise too_large_error()
    if data.startswith(b"%PDF"):
        raise WordImportError("این فایل PDF است، نه سند Word (‎.docx‎).")
    if data.startswith(OLE_SIGNATURE):
        if any(marker in data for marker in OLE_ENCRYPTION_MARKERS):
            raise WordImportError("این سند Word با گذرواژه رمزگذاری شده است؛ گذرواژه را بردارید و دوباره بفرستید.")
        raise WordImportError("این فایل در قالب قدیمی Word (‎.doc‎) است؛ آن را در Word با قالب ‎.docx‎ ذخیره کنید.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise WordImportError("این فایل سند Word (‎.docx‎) نیست یا آسیب دیده است.") from None
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names or "[Content_Types].xml" not in names:
            raise WordImportError("این فایل zip است ولی سند Word (‎.docx‎) نیست.")
        infos = archive.infolist()
        if any(info.flag_bits & 0x1 for info in infos):
            raise WordImportError("این سند Word رمزگذاری شده است؛ گذرواژه را بردارید و دوباره بفرستید.")
        if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
            raise WordImportError("محتوای این فایل پس از گشودن بیش از اندازه بزرگ است.")
        try:
            broken = archive.testzip()
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
            broken = True
        if broken:
            raise WordImportError("سند Word آسیب دیده است و خوانده نمی‌شود.")
    try:
        return Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds (KeyError, XMLSyntaxError, ValueError …)
        raise WordImportError("سند Word آسیب دیده است و خوانده نمی‌شود.") from None


def too_large_error():
    from portal.persian import to_persian_digits

    megabytes = to_persian_digits(f"{max_upload_bytes() / (1024 * 1024):g}")
    return WordImportError(f"حجم فایل بیش از {megabytes} مگابایت است.")


# --- blocks: what the document holds, in order ----------------------------------------------


@dataclass
class Block:
    kind: str  # "heading", "item", "paragraph", "table"
    text: str = ""
    markdown: str = ""
    level: int = 0
    ordered: bool = False
    rows: list = field(default_factory=list)
    is_title: bool = False


_MANUAL_NUMBER = re.compile(rf"^\s*(?:{DIGIT}{{1,3}}|[آ-ی])\s*[-.)–]\s*(?=\S)")
_MANUAL_BULLET = re.compile(r"^\s*[•\-–*▪●◦]\s+")
_NUMBERED_STYLE = re.compile(r"list number", re.IGNORECASE)
_BULLET_STYLE = re.compile(r"list bullet", re.IGNORECASE)
_HEADING_STYLE = re.compile(r"^heading\s*(\d)", re.IGNORECASE)
_SENTENCE_END = (".", "؛", "!", "؟", "?")


def read_blocks(document):
    numbering = _numbering_formats(document)
    blocks = []
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            rows = _table_rows(item)
            if rows:
                blocks.append(Block("table", rows=rows, text="\n".join(" ".join(row) for row in rows)))
        else:
            block = _paragraph_block(item, numbering)
            if block is not None:
                blocks.append(block)
    return blocks


def _paragraph_block(paragraph, numbering):
    text = paragraph.text.strip()
    if not text:
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.lower() == "title":
        return Block("heading", text=text, level=1, is_title=True)
    heading = _HEADING_STYLE.match(style)
    if heading:
        return Block("heading", text=text, level=int(heading.group(1)))
    num = _numbering_of(paragraph)
    if num is not None or _NUMBERED_STYLE.search(style) or _BULLET_STYLE.search(style):
        level = num[1] if num else 0
        if num:
            ordered = numbering.get(num, numbering.get((num[0], 0), "decimal")) != "bullet"
        else:
            ordered = bool(_NUMBERED_STYLE.search(style))
        return Block("item", text=text, markdown=_inline_markdown(paragraph), level=level, ordered=ordered)
    manual = _MANUAL_NUMBER.match(text)
    if manual:
        stripped = text[manual.end() :].strip()
        return Block("item", text=stripped, markdown=_escape(stripped), ordered=True)
    bullet = _MANUAL_BULLET.match(text)
    if bullet:
        stripped = text[bullet.end() :].strip()
        return Block("item", text=stripped, markdown=_escape(stripped), ordered=False)
    if _looks_like_heading(paragraph, text):
        return Block("heading", text=text.rstrip(":： "), level=1)
    return Block("paragraph", text=text, markdown=_inline_markdown(paragraph))


def _looks_like_heading(paragraph, text):
    """Minutes typed in Word often mark headings only with bold, or as «مصوبات:» on its own line."""
    if _names_resolutions(text):
        return True
    runs = [run for run in paragraph.runs if run.text.strip()]
    all_bold = bool(runs) and all(run.bold for run in runs)
    return all_bold and len(text) <= 80 and not text.endswith(_SENTENCE_END)


def _numbering_of(paragraph):
    ppr = paragraph._p.pPr
    if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
        return None
    num_id = ppr.numPr.numId.val
    if not num_id:  # numId 0 switches numbering off
        return None
    level = ppr.numPr.ilvl.val if ppr.numPr.ilvl is not None else 0
    return (num_id, level)


def _numbering_formats(document):
    """{(numId, level): numFmt} from the document's numbering part ("bullet", "decimal", …)."""
    from docx.oxml.ns import qn

    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {}
    for node in root.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in node.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            levels[int(lvl.get(qn("w:ilvl"), 0))] = fmt.get(qn("w:val")) if fmt is not None else "decimal"
        abstract[node.get(qn("w:abstractNumId"))] = levels
    formats = {}
    for num in root.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is None:
            continue
        for level, fmt in abstract.get(ref.get(qn("w:val")), {}).items():
            formats[(int(num.get(qn("w:numId"))), level)] = fmt
    return formats


def _table_rows(table):
    rows = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            # a merged cell is returned once per grid column it spans
            if previous is not None and cell._tc is previous:
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            rows.append(cells)
    return rows


# --- Markdown ---------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = str.maketrans({"\\": "\\\\", "*": "\\*", "_": "\\_", "`": "\\`", "[": "\\[", "]": "\\]"})
_LINE_START = re.compile(r"^(#|>|[-+](?=\s)|\d+[.)](?=\s))")


def _escape(text):
    text = text.translate(_MARKDOWN_SPECIAL).replace("<", "&lt;")
    return _LINE_START.sub(r"\\\1", text)


def _inline_markdown(paragraph):
    """The paragraph's text with bold runs kept as **…**."""
    segments = []
    for run in paragraph.runs:
        if not run.text:
            continue
        bold = bool(run.bold)
        if segments and segments[-1][1] == bold:
            segments[-1][0] += run.text
        else:
            segments.append([run.text, bold])
    if not segments:
        return _escape(paragraph.text.strip())
    parts = []
    for text, bold in segments:
        escaped = _escape(text) if not parts else text.translate(_MARKDOWN_SPECIAL).replace("<", "&lt;")
        core = escaped.strip()
        if bold and core and len(segments) > 1:
            lead, trail = escaped[: len(escaped) - len(escaped.lstrip())], escaped[len(escaped.rstrip()) :]
            escaped = f"{lead}**{core}**{trail}"
        parts.append(escaped)
    return "".join(parts).strip()


def _table_markdown(rows):
    width = max(len(row) for row in rows)

    def line(cells):
        cells = [cell.translate(_MARKDOWN_SPECIAL).replace("|", "\\|") for cell in cells]
        return "| " + " | ".join(cells + [""] * (width - len(cells))) + " |"

    return "\n".join([line(rows[0]), "|" + "---|" * width, *(line(row) for row in rows[1:])])


def to_markdown(blocks):
    """The body as the archive writes it: ## headings, 1./- lists, pipe tables."""
    chunks, numbers = [], {}
    for block in blocks:
        if block.is_title:
            continue
        if block.kind == "heading":
            numbers = {}
            chunks.append(("block", "#" * min(block.level + 1, 6) + " " + _escape(block.text)))
        elif block.kind == "item":
            key = (block.ordered, block.level)
            numbers[key] = numbers.get(key, 0) + 1
            marker = f"{numbers[key]}." if block.ordered else "-"
            line = "    " * block.level + f"{marker} {block.markdown or _escape(block.text)}"
            chunks.append(("list", line))
        elif block.kind == "table":
            chunks.append(("block", _table_markdown(block.rows)))
        else:
            chunks.append(("block", block.markdown or _escape(block.text)))
    out = []
    for position, (kind, text) in enumerate(chunks):
        if position and not (kind == "list" and chunks[position - 1][0] == "list"):
            out.append("")
        out.append(text)
    return "\n".join(out).strip() + "\n" if out else ""


# --- what the minutes say ---------------------------------------------------------------------

_DATE_LABEL = re.compile(loose("تاریخ"))
_DEADLINE_WORDS = re.compile("|".join(loose(word) for word in ("مهلت", "موعد", "تا تاریخ", "حداکثر تا", "تا پایان")))
_PLACE = re.compile(
    rf"(?:{loose('محل برگزاری')}|{loose('محل جلسه')}|{loose('مکان')}|{loose('محل')})\s*[:：]\s*"
    rf"(?P<value>[^\t\n،؛|:]+?)(?=\s{{2,}}|\t|[،؛|]|\s+(?:{loose('تاریخ')}|{loose('ساعت')})\s*[:：]|$)"
)
_HOST = re.compile(rf"{loose('به میزبانی')}\s+(?P<value>(?:{loose('شهرداری')}\s+)?[^\s،؛.:]+)")
_RESPONSIBLE = re.compile(
    rf"(?:{loose('مسئول اجرا')}|{loose('مسئول پیگیری')}|{loose('مسئول')}|{loose('مجری')})\s*[:：]\s*"
    r"(?P<value>[^؛;\n()]+?)(?=\s*(?:[؛;\n()]|$|" + loose("مهلت") + "))"
)
_DEADLINE_LABEL = re.compile(
    rf"(?:{loose('مهلت اجرا')}|{loose('مهلت')}|{loose('موعد')}|{loose('زمان اجرا')})\s*[:：]\s*(?P<value>[^؛;\n()]+)"
)
_RESOLUTION_PHRASE = re.compile("|".join(loose(phrase) for phrase in RESOLUTION_PHRASES))
_SENTENCE = re.compile(r"[^.!؟?\n]+[.!؟?]?")
_LIST_SEPARATORS = re.compile(r"\s*[،,/]\s*")


_UNTIL = re.compile(loose("تا") + r"\s*$")


def _is_deadline(text, position):
    """A date introduced by «مهلت», «تا», «حداکثر تا» …, or «پایان آذر ۱۴۰۳», is a deadline."""
    before = text[max(0, position - 25) : position]
    return bool(_DEADLINE_WORDS.search(before) or _UNTIL.search(before) or _MONTH_END.match(text, position))


def propose_meeting(data):
    """Read .docx bytes into a ``MinutesProposal``; ``WordImportError`` if the file is not usable minutes."""
    blocks = read_blocks(open_docx(data))
    if not any(block.text.strip() for block in blocks):
        raise WordImportError("سند Word هیچ متنی ندارد.")
    title_block = _title_block(blocks)
    section, outside = _split_resolution_section(blocks)
    return MinutesProposal(
        title=title_block.text[:MAX_TITLE_LENGTH] if title_block else "",
        date=meeting_date(outside),
        place=meeting_place(outside),
        body=to_markdown(blocks),
        resolutions=_dedupe(section_resolutions(section) + sentence_resolutions(outside)),
    )


_INVOCATIONS = ("بسمه تعالی", "باسمه تعالی", "بسم الله الرحمن الرحیم", "به نام خدا", "بنام خدا")
_HEADER_LABEL = re.compile("|".join(loose(word) for word in ("تاریخ", "شماره", "پیوست", "ساعت")) + r"\s*[:：]")
TITLE_SEARCH_DEPTH = 6


def _title_block(blocks):
    """A paragraph in Word's Title style, else the first short heading or paragraph near the top
    that is not «بسمه تعالی» or a «شماره: … تاریخ: …» header line."""
    for block in blocks:
        if block.is_title:
            return block
    for block in blocks[:TITLE_SEARCH_DEPTH]:
        if block.kind not in ("heading", "paragraph") or _is_header_line(block.text):
            continue
        if len(block.text) <= 200:
            block.is_title = True
            return block
        break
    return None


def _is_header_line(text):
    text = text.strip()
    return fold(text).strip(" .:") in _INVOCATIONS or bool(_HEADER_LABEL.match(text) or _PLACE.match(text))


def _is_resolution_heading(block):
    return block.kind == "heading" and _names_resolutions(block.text)


def _names_resolutions(text):
    key = fold(text).rstrip(":： ")
    return len(key) < 40 and any(key == h or key.startswith(h + " ") for h in map(fold, RESOLUTION_HEADINGS))


def _split_resolution_section(blocks):
    """(blocks under the «مصوبات» heading, every other block)."""
    section, outside, inside_level = [], [], None
    for block in blocks:
        if block.kind == "heading":
            if _is_resolution_heading(block):
                inside_level = block.level
                continue
            if inside_level is not None and block.level <= inside_level:
                inside_level = None
        (section if inside_level is not None else outside).append(block)
    return section, outside


def meeting_date(blocks):
    """The meeting's date: one on a line that says «تاریخ», else the first that is not a deadline."""
    candidates = []
    for block in blocks:
        if block.kind == "heading" and not block.is_title:
            continue
        for position, value in find_dates(block.text):
            before = block.text[max(0, position - 25) : position]
            if _is_deadline(block.text, position):
                continue
            labelled = bool(_DATE_LABEL.search(before))
            candidates.append((not labelled, value))
            break
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def meeting_place(blocks):
    for block in blocks:
        match = _PLACE.search(block.text)
        if match and match.group("value").strip():
            return match.group("value").strip()
    for block in blocks:
        match = _HOST.search(block.text)
        if match:
            return match.group("value").strip()
    return ""


def section_resolutions(blocks):
    """Numbered or bulleted items under «مصوبات» (a table of resolutions too); each paragraph if no list."""
    resolutions = []
    items = [b for b in blocks if b.kind == "item"]
    for block in blocks:
        if block.kind == "table":
            resolutions += _table_resolutions(block.rows)
        elif block.kind == "item" and block.level == 0:
            resolutions.append(parse_resolution(block.text, source="section"))
        elif resolutions and (block.kind == "item" or _labels_only(block.text)):
            _attach(resolutions[-1], block.text)
        elif not items and block.kind == "paragraph" and not block.text.rstrip().endswith((":", "：")):
            resolutions.append(parse_resolution(block.text, source="section"))
    return [r for r in resolutions if r.text]


def _labels_only(text):
    rest = _DEADLINE_LABEL.sub("", _RESPONSIBLE.sub("", text))
    return len(rest.strip(" -–—،,؛;().")) == 0


def _attach(resolution, text):
    """A sub-item or a «مسئول اجرا: …» line under an item belongs to it."""
    extra = parse_resolution(text)
    resolution.responsible += [name for name in extra.responsible if name not in resolution.responsible]
    resolution.deadline = resolution.deadline or extra.deadline
    if extra.text:
        resolution.text = f"{resolution.text}\n{extra.text}"


_TEXT_COLUMN = ("مصوبه", "مصوبات", "شرح", "متن", "موضوع", "شرح مصوبه", "متن مصوبه")
_RESPONSIBLE_COLUMN = ("مسئول", "مسئول اجرا", "مسئول پیگیری", "مجری", "دستگاه مسئول")
_DEADLINE_COLUMN = ("مهلت", "مهلت اجرا", "موعد", "زمان اجرا", "تاریخ")


def _table_resolutions(rows):
    """A table whose header names a resolution column: one resolution per row."""
    header = [fold(cell).rstrip(":") for cell in rows[0]]

    def column(names):
        folded = {fold(name) for name in names}
        return next((i for i, cell in enumerate(header) if cell in folded), None)

    text_at, responsible_at, deadline_at = column(_TEXT_COLUMN), column(_RESPONSIBLE_COLUMN), column(_DEADLINE_COLUMN)
    if text_at is None:
        return []
    found = []
    for row in rows[1:]:
        text = _cell(row, text_at).strip()
        if not text:
            continue
        dates = find_dates(_cell(row, deadline_at))
        found.append(
            ProposedResolution(
                text=text,
                responsible=_names(_cell(row, responsible_at)),
                deadline=dates[0][1] if dates else None,
                source="table",
            )
        )
    return found


def _cell(row, index):
    return row[index] if index is not None and index < len(row) else ""


def _names(value):
    return [name.strip(" .") for name in _LIST_SEPARATORS.split(value or "") if name.strip(" .")]


def parse_resolution(text, source="section"):
    """Split «… (مسئول اجرا: X، مهلت: ۱۴۰۳/۰۹/۳۰)» into text, responsible bodies and deadline."""
    responsible, deadline = [], None
    for match in _RESPONSIBLE.finditer(text):
        responsible += _names(match.group("value"))
    for match in _DEADLINE_LABEL.finditer(text):
        dates = find_dates(match.group("value"))
        if dates:
            deadline = dates[0][1]
            break
    cleaned = _DEADLINE_LABEL.sub("", _RESPONSIBLE.sub("", text))
    cleaned = re.sub(r"\(\s*[-–—،,؛;\s]*\)", "", cleaned)
    cleaned = cleaned.strip(" \t-–—،,؛;")
    if deadline is None:
        deadline = next((value for position, value in find_dates(text) if _is_deadline(text, position)), None)
    return ProposedResolution(text=cleaned, responsible=responsible, deadline=deadline, source=source)


def sentence_resolutions(blocks):
    """Sentences with «مقرر شد», «مقرر گردید» or «تصویب شد» outside the «مصوبات» section."""
    found = []
    for block in blocks:
        if block.kind not in ("paragraph", "item"):
            continue
        for match in _SENTENCE.finditer(block.text):
            sentence = match.group(0).strip()
            if _RESOLUTION_PHRASE.search(sentence):
                found.append(parse_resolution(sentence, source="sentence"))
    return found


def _dedupe(resolutions):
    kept, keys = [], []
    for resolution in resolutions:
        key = fold(resolution.text).strip(" .")
        if not key or any(key in other or other in key for other in keys):
            continue
        kept.append(resolution)
        keys.append(key)
    return kept
