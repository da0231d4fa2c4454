"""Reading minutes typed in Word (.docx) into a proposal for a draft meeting.

Pure functions: bytes in, a ``MinutesProposal`` out (or a ``WordImportError`` with a Persian
message). The body keeps the text as written; detection (the «مصوبات» heading, «مقرر شد»,
labels such as «مسئول اجرا:») runs on folded text, since Word files often carry Arabic ي/ك and
lost half-spaces.
"""

from dataclasses import dataclass, field
import datetime
import re

from persian.jalali import find_dates
from persian.text import ZWNJ, normalize
from persian.text import loose_pattern as loose

from .docx_reading import WordImportError, open_docx, read_blocks, to_markdown

MAX_TITLE_LENGTH = 255
RESOLUTION_HEADINGS = ("مصوبات", "مصوبه ها", "تصمیمات", "تصمیمات جلسه")
RESOLUTION_PHRASES = ("مقرر شد", "مقرر گردید", "تصویب شد")


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


def fold(text):
    """The form text is compared in: Persian letters, Latin digits, half-spaces as spaces."""
    return normalize(text.replace(ZWNJ, " "))


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


def _is_deadline(text, found):
    """A date introduced by «مهلت», «تا», «حداکثر تا» …, or «پایان آذر ۱۴۰۳», is a deadline."""
    before = text[max(0, found.position - 25) : found.position]
    return found.month_end or bool(_DEADLINE_WORDS.search(before) or _UNTIL.search(before))


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
        for found in find_dates(block.text):
            if _is_deadline(block.text, found):
                continue
            labelled = bool(_DATE_LABEL.search(block.text[max(0, found.position - 25) : found.position]))
            candidates.append((not labelled, found.value))
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
                deadline=dates[0].value if dates else None,
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
            deadline = dates[0].value
            break
    cleaned = _DEADLINE_LABEL.sub("", _RESPONSIBLE.sub("", text))
    cleaned = re.sub(r"\(\s*[-–—،,؛;\s]*\)", "", cleaned)
    cleaned = cleaned.strip(" \t-–—،,؛;")
    if deadline is None:
        deadline = next((found.value for found in find_dates(text) if _is_deadline(text, found)), None)
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
