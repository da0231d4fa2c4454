"""An archive file's attachments: found only inside the file's own folder, typed and sized by content.

A name is refused when it is absolute, climbs out with ``..``, resolves (through symlinks) to
anything outside the folder of the Markdown file, or is not a regular file; the content must be
what the extension says (PDF magic, a DOCX zip holding ``word/document.xml``, an image Pillow opens
and verifies) and within the upload limits the admin applies (``WAGTAILDOCS_MAX_UPLOAD_SIZE``,
``WAGTAILIMAGES_MAX_UPLOAD_SIZE``, ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``).
"""

from dataclasses import dataclass
import hashlib
import io
import os
from pathlib import Path, PurePosixPath
import stat
import struct
import warnings
import zipfile

from django.conf import settings
from PIL import Image, UnidentifiedImageError

from persian.text import to_persian_digits

from .errors import ArchiveError

DOCUMENT_TYPES = {".pdf", ".docx"}
IMAGE_FORMATS = {".png": {"PNG"}, ".jpg": {"JPEG", "MPO"}, ".jpeg": {"JPEG", "MPO"}}
# A DOCX is a zip: its declared unpacked size and entry count bound what text extraction will read.
DOCX_MAX_UNPACKED = 200 * 1024 * 1024
DOCX_MAX_ENTRIES = 2000
MEGABYTE = 1024 * 1024


@dataclass
class Attachment:
    path: Path  # resolved; inside the record's folder
    kind: str  # "document" or "image"
    name: str  # as the record wrote it
    sha256: str

    @property
    def filename(self):
        return PurePosixPath(self.name).name

    def read(self):
        """The file's bytes, checked again: it must still be the file that was validated."""
        data = _read_regular(self.path, self.name, _size_limit(self.kind))
        if hashlib.sha256(data).hexdigest() != self.sha256:
            _refuse(self.name, "فایل در میانه ورود تغییر کرد.")
        return data


def _refuse(name, reason):
    raise ArchiveError("attachments", f"«{name}»: {reason}")


def _size_limit(kind):
    if kind == "document":
        return settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    return settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE


def _megabytes(size):
    return to_persian_digits(f"{size / MEGABYTE:.3g}")


def resolve_inside(folder, name):
    """``name`` (relative to ``folder``) as a resolved path that stays inside ``folder``."""
    if not name or "\x00" in name:
        _refuse(name, "نام فایل نامعتبر است.")
    pure = PurePosixPath(name)
    if pure.is_absolute():
        _refuse(name, "نشانی مطلق پذیرفته نیست؛ پیوست باید در پوشه همین سند باشد و با نام نسبی بیاید.")
    if ".." in pure.parts:
        _refuse(name, "«..» پذیرفته نیست؛ پیوست باید در پوشه همین سند باشد.")
    try:
        root = Path(folder).resolve(strict=True)
        resolved = (root / pure).resolve(strict=True)
    except FileNotFoundError:
        _refuse(name, "این فایل کنار سند پیدا نشد.")
    except (OSError, RuntimeError) as error:  # a symlink loop, a name too long, no permission
        _refuse(name, f"فایل خوانده نمی‌شود ({getattr(error, 'strerror', None) or error}).")
    if not resolved.is_relative_to(root):
        _refuse(name, "پیوندی (symlink) به بیرون از پوشه این سند است.")
    return resolved


def _read_regular(path, name, limit):
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            _refuse(name, "فایل عادی نیست (پوشه، پیوند یا فایل ویژه).")
        # O_NONBLOCK: a FIFO swapped in after the check must not hang the batch.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                _refuse(name, "فایل عادی نیست (پوشه، پیوند یا فایل ویژه).")
            if info.st_size > limit:
                _refuse(name, f"فایل {_megabytes(info.st_size)} مگابایت است؛ بیشینه {_megabytes(limit)} مگابایت.")
            data = handle.read(limit + 1)
    except OSError as error:
        _refuse(name, f"فایل خوانده نمی‌شود ({error.strerror or error}).")
    if not data:
        _refuse(name, "فایل خالی است.")
    if len(data) > limit:
        _refuse(name, f"فایل بزرگ‌تر از {_megabytes(limit)} مگابایت است.")
    return data


def _check_pdf(name, data):
    if not data.startswith(b"%PDF-"):
        _refuse(name, "محتوای فایل PDF نیست (پسوند با محتوا نمی‌خواند).")


def _check_docx(name, data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        _refuse(name, "محتوای فایل DOCX نیست (zip معتبری نیست).")
    names = {entry.filename for entry in entries}
    if "word/document.xml" not in names:
        _refuse(name, "محتوای فایل DOCX نیست (word/document.xml ندارد).")
    if any(entry.flag_bits & 0x1 for entry in entries):
        _refuse(name, "سند رمزگذاری شده است.")
    if len(entries) > DOCX_MAX_ENTRIES or sum(entry.file_size for entry in entries) > DOCX_MAX_UNPACKED:
        _refuse(name, "سند DOCX پس از بازشدن بیش از اندازه بزرگ است.")


def _check_image(name, data, formats):
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    too_many = f"تصویر بیش از {to_persian_digits(f'{limit / 1e6:g}')} مگاپیکسل است."
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            # Only the header is read here: the pixel count is known before anything is decoded.
            with Image.open(io.BytesIO(data)) as image:
                kind, (width, height) = image.format, image.size
                frames = getattr(image, "n_frames", 1)
            if kind not in formats:
                _refuse(name, f"محتوای فایل تصویر {'/'.join(sorted(formats))} نیست (پسوند با محتوا نمی‌خواند).")
            if width * height * frames > limit:
                pixels = to_persian_digits(f"{width * height * frames / 1e6:.1f}")
                _refuse(name, f"{too_many} ({pixels} مگاپیکسل)")
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
            if kind != "PNG":  # verify() checks PNG chunks only; decode a JPEG cheaply at 1/8 scale
                with Image.open(io.BytesIO(data)) as image:
                    image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                    image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            _refuse(name, too_many)
        except ArchiveError:
            raise
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError, EOFError, struct.error):
            _refuse(name, "تصویر خراب است یا خوانده نمی‌شود.")


def check_attachment(folder, name, digest=None):
    """Validate the attachment ``name`` of a record in ``folder``; ``digest`` is fed its bytes."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in DOCUMENT_TYPES and suffix not in IMAGE_FORMATS:
        _refuse(name, "فقط PDF، DOCX، JPEG و PNG پذیرفته می‌شود.")
    path = resolve_inside(folder, name)
    kind = "document" if suffix in DOCUMENT_TYPES else "image"
    data = _read_regular(path, name, _size_limit(kind))
    if suffix == ".pdf":
        _check_pdf(name, data)
    elif suffix == ".docx":
        _check_docx(name, data)
    else:
        _check_image(name, data, IMAGE_FORMATS[suffix])
    if digest is not None:
        digest.update(data)
    return Attachment(path=path, kind=kind, name=name, sha256=hashlib.sha256(data).hexdigest())
