"""The pages of a stored file as images to read, or a Persian reason why the file cannot be read.

PDFs are inspected and rendered by poppler's command-line tools (``pdfinfo``, ``pdftotext``,
``pdftoppm``), each in its own process with a timeout, so a hostile PDF can hang or crash only that
process, never the worker. Images are opened by Pillow, their size checked before any pixel is decoded.
"""

from dataclasses import dataclass, field
import math
from pathlib import Path
import re
import subprocess
import tempfile
import warnings

from PIL import Image, UnidentifiedImageError

from persian.text import to_persian_digits

from .limits import limit

PDF_EXTENSIONS = {"pdf"}
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "tif", "tiff", "webp"}
LETTER = re.compile(r"[^\W\d_]")


class Refused(Exception):
    """The whole file cannot be read; ``str()`` is the Persian message shown to editors."""


class PageFailed(Exception):
    """One page cannot be read; the others still are."""


def fa(number):
    return to_persian_digits(number)


@dataclass
class Page:
    number: int
    dpi: int
    render: object  # () -> PIL image
    text_layer: str = ""


@dataclass
class Source:
    page_count: int
    pages: list = field(default_factory=list)  # Page rows within the page limit
    notes: list = field(default_factory=list)


def kind_of(name):
    extension = Path(name).suffix.lower().lstrip(".")
    if extension in PDF_EXTENSIONS:
        return "pdf"
    return "image" if extension in IMAGE_EXTENSIONS else None


def open_source(path, name):
    """The file at ``path`` (stored as ``name``) as a Source; raises Refused."""
    size = path.stat().st_size
    if size == 0:
        raise Refused("فایل خالی است (۰ بایت).")
    if size > limit("OCR_MAX_BYTES"):
        megabytes = fa(limit("OCR_MAX_BYTES") // (1024 * 1024))
        raise Refused(f"فایل بزرگ‌تر از سقف {megabytes} مگابایت برای خواندن متن است.")
    return pdf_source(path) if kind_of(name) == "pdf" else image_source(path)


def _poppler(command, timeout):
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise Refused("خواندن این PDF بیش از اندازه طول کشید.") from None
    return done


def pdf_source(path):
    timeout = limit("OCR_PAGE_TIMEOUT")
    info = _poppler(["pdfinfo", str(path)], timeout)
    error = info.stderr.decode("utf-8", "replace").lower()
    if info.returncode != 0:
        if "password" in error or "encrypt" in error:
            raise Refused("PDF رمزگذاری شده است و بی گذرواژه خوانده نمی‌شود.")
        raise Refused("فایل PDF خراب است و خوانده نمی‌شود.")
    found = re.search(rb"^Pages:\s+(\d+)", info.stdout, re.M)
    count = int(found.group(1)) if found else 0
    if count == 0:
        raise Refused("فایل PDF خراب است یا هیچ صفحه‌ای ندارد.")
    readable = min(count, limit("OCR_MAX_PAGES"))
    sizes = _page_sizes(path, readable, timeout)
    layers = _text_layers(path, readable, timeout)
    source = Source(page_count=count)
    if count > readable:
        source.notes.append(f"این PDF {fa(count)} صفحه دارد؛ فقط {fa(readable)} صفحهٔ نخست خوانده شد (سقف صفحه‌ها).")
    for number in range(1, readable + 1):
        dpi = _render_dpi(sizes.get(number))
        source.pages.append(
            Page(number, dpi, lambda n=number, d=dpi: _render(path, n, d, timeout), layers.get(number, ""))
        )
    return source


def _page_sizes(path, pages, timeout):
    listing = _poppler(["pdfinfo", "-f", "1", "-l", str(pages), str(path)], timeout).stdout.decode("latin-1")
    return {
        int(number): (float(width), float(height))
        for number, width, height in re.findall(r"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts", listing, re.M)
    }


def _text_layers(path, pages, timeout):
    done = _poppler(["pdftotext", "-q", "-f", "1", "-l", str(pages), "-enc", "UTF-8", str(path), "-"], timeout)
    texts = done.stdout.decode("utf-8", "replace").split("\f")
    return {number: text for number, text in enumerate(texts, start=1)}


def _render_dpi(size):
    """The configured dpi, lowered for a page so large that it would exceed the pixel limit."""
    dpi = limit("OCR_RENDER_DPI")
    if size:
        width, height = size
        square_inches = max(width / 72 * height / 72, 1e-6)
        dpi = min(dpi, int(math.sqrt(limit("OCR_RENDER_MAX_PIXELS") / square_inches)))
    return dpi


def _render(path, number, dpi, timeout):
    if dpi < 50:
        raise PageFailed("صفحه بزرگ‌تر از اندازه‌ای است که بتوان آن را خواند.")
    with tempfile.TemporaryDirectory(prefix="ocr-render-") as folder:
        out = Path(folder) / "page"
        command = ["pdftoppm", "-f", str(number), "-l", str(number), "-r", str(dpi), "-gray", "-png", "-singlefile"]
        try:
            done = subprocess.run([*command, str(path), str(out)], capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise PageFailed("ساختن تصویر این صفحه بیش از اندازه طول کشید.") from None
        png = out.with_suffix(".png")
        if done.returncode != 0 or not png.exists():
            raise PageFailed("این صفحهٔ PDF خراب است و تصویرش ساخته نشد.")
        with Image.open(png) as image:
            image.load()
            return image.copy()


def image_source(path):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
        claimed = re.search(r"\((\d+) pixels\)", str(bomb))
        raise Refused(_too_large(int(claimed.group(1)) if claimed else None)) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise Refused("تصویر خراب است یا قالب آن شناخته نیست.") from None
    width, height = image.size
    if width * height > limit("OCR_MAX_PIXELS"):
        image.close()
        raise Refused(_too_large(width * height))
    frames = getattr(image, "n_frames", 1)
    readable = min(frames, limit("OCR_MAX_PAGES"))
    source = Source(page_count=frames)
    if frames > readable:
        source.notes.append(f"این تصویر {fa(frames)} برگ دارد؛ فقط {fa(readable)} برگ نخست خوانده شد.")
    image.close()
    for number in range(1, readable + 1):
        source.pages.append(Page(number, 300, lambda n=number: _frame(path, n)))
    return source


def _too_large(pixels=None):
    most = fa(limit("OCR_MAX_PIXELS") // 1_000_000)
    size = f" ({fa(round(pixels / 1_000_000))} مگاپیکسل)" if pixels else ""
    return f"تصویر بزرگ‌تر از سقف {most} مگاپیکسل برای خواندن متن است{size}."


def _frame(path, number):
    try:
        with Image.open(path) as image:
            if image.size[0] * image.size[1] > limit("OCR_MAX_PIXELS"):
                raise PageFailed(_too_large(image.size[0] * image.size[1]))
            image.seek(number - 1)
            image.load()
            return image.copy()
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
        raise PageFailed("این تصویر خراب یا ناقص است و خوانده نشد.") from None
