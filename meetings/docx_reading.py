"""Reading a Word (.docx) file: refusing what is not one, then its paragraphs, lists and tables
in order as ``Block``s, and those blocks as the Markdown a record body uses."""

from dataclasses import dataclass, field
import io
import re
import zipfile

from django.conf import settings

from persian.text import to_persian_digits

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Office puts a password-protected .docx inside an OLE container with these streams (UTF-16 names).
OLE_ENCRYPTION_MARKERS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))


class WordImportError(ValueError):
    """The file cannot be read as minutes; the message is Persian and can be shown as is."""


def max_upload_bytes():
    return getattr(settings, "WORD_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def open_docx(data):
    """A python-docx ``Document`` for ``data``, or a ``WordImportError`` saying what the file is."""
    from docx import Document

    if not data:
        raise WordImportError("فایل خالی است.")
    if len(data) > max_upload_bytes():
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


_MANUAL_NUMBER = re.compile(r"^\s*(?:[0-9۰-۹٠-٩]{1,3}|[آ-ی])\s*[-.)–]\s*(?=\S)")
_MANUAL_BULLET = re.compile(r"^\s*[•\-–*▪●◦]\s+")
_NUMBERED_STYLE = re.compile(r"list number", re.IGNORECASE)
_BULLET_STYLE = re.compile(r"list bullet", re.IGNORECASE)
_HEADING_STYLE = re.compile(r"^heading\s*(\d)", re.IGNORECASE)
_SENTENCE_END = (".", "؛", "!", "؟", "?")
HEADING_LABEL_WORDS = 3


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
    """Minutes typed in Word often mark headings only with bold, or as «مصوبات:» on a line of its own."""
    if text.endswith((":", "：")) and len(text.split()) <= HEADING_LABEL_WORDS:
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
