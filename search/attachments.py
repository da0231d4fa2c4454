"""Text inside attached PDF and DOCX files, extracted once per file content."""

import logging
import zipfile

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .models import AttachmentText

log = logging.getLogger(__name__)
MAX_PAGES = 200
MAX_CHARS = 300_000


class ExtractionError(Exception):
    pass


def _pdf_text(handle):
    try:
        reader = PdfReader(handle)
        if reader.is_encrypted:
            raise ExtractionError("encrypted PDF")
        return "\n".join((page.extract_text() or "") for page in reader.pages[:MAX_PAGES])
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ExtractionError(f"unreadable PDF: {error}") from None


def _docx_text(handle):
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(handle)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ExtractionError(f"unreadable DOCX: {error}") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


EXTRACTORS = {"pdf": _pdf_text, "docx": _docx_text}


def extract(document):
    """The document's text; raises ExtractionError with the reason when it cannot be read."""
    extractor = EXTRACTORS.get(document.file_extension.lower())
    if extractor is None:
        raise ExtractionError(f"no text extractor for .{document.file_extension}")
    try:
        with document.open_file() as handle:
            return extractor(handle)[:MAX_CHARS]
    except OSError as error:
        raise ExtractionError(f"cannot open file: {error}") from None


def cached_text(document):
    """The text read from this very content before, or None when it has not been read yet."""
    cached = AttachmentText.objects.filter(document=document).first()
    if cached is not None and cached.file_hash == document.get_file_hash():
        return cached.text
    return None


def text_of(document, refresh=False):
    """Cached text of a document (re-extracted when its content changed). Never raises."""
    file_hash = document.get_file_hash()
    cached = AttachmentText.objects.filter(document=document).first()
    if cached and cached.file_hash == file_hash and not refresh:
        return cached.text
    try:
        text, error = extract(document), ""
    except ExtractionError as failure:
        text, error = "", str(failure)
        log.warning("attachment %s (%s): %s", document.pk, document.title, error)
    AttachmentText.objects.update_or_create(
        document=document, defaults={"file_hash": file_hash, "text": text, "error": error}
    )
    return text
