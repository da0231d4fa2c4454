"""Benchmark pages for OCR: known Persian text (the demo minutes) rendered with the bundled Vazirmatn
font, as a scanner or a phone would deliver it. Deterministic: the same seed gives the same pages."""

from dataclasses import dataclass
from pathlib import Path
import random
import re

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from dev.demo.records import ARCHIVE, read_record

FONT = Path(__file__).resolve().parents[3] / "portal/static/fonts/vazirmatn/Vazirmatn-Regular.woff2"
A4_INCHES = (8.27, 11.69)
MARGIN_INCHES = 0.8
POINT_SIZE = 13


@dataclass(frozen=True)
class Condition:
    name: str
    dpi: int
    pdf: bool = False
    angle: float = 0.0
    noise: bool = False
    photo: bool = False


CONDITIONS = [
    Condition("300dpi-clean-png", 300),
    Condition("300dpi-clean-pdf", 300, pdf=True),
    Condition("150dpi-clean-png", 150),
    Condition("150dpi-clean-pdf", 150, pdf=True),
    Condition("300dpi-rotated-3deg-pdf", 300, pdf=True, angle=3.0),
    Condition("300dpi-noise-stamp-pdf", 300, pdf=True, noise=True),
    Condition("photo-blur-perspective-jpg", 300, photo=True),
]


def plain(markdown):
    """The words of a Markdown body, one paragraph per line."""
    text = re.sub(r"[#*|>`_\[\]()]+", " ", markdown)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line and not set(line) <= set("-: "))


def demo_texts(count):
    """(ref, text) of the first ``count`` demo minutes with enough text for a page."""
    texts = []
    for path in sorted(ARCHIVE.rglob("*.md")):
        if path.name == "README.md":
            continue
        fields, body = read_record(path)
        text = plain(f"{fields.get('title', '')}\n{body}")
        if len(text.split()) >= 120:
            texts.append((str(fields["ref"]), text))
    return texts[:count]


def font(dpi):
    return ImageFont.truetype(str(FONT), round(POINT_SIZE / 72 * dpi), layout_engine=ImageFont.Layout.RAQM)


def wrap(text, face, width):
    lines = []
    for paragraph in text.splitlines():
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if line and face.getlength(candidate, direction="rtl") > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        if line:
            lines.append(line)
    return lines


def render(text, dpi):
    """(page image, the text that fits on it): an A4 page, right-aligned lines."""
    width, height = round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi)
    margin = round(MARGIN_INCHES * dpi)
    face = font(dpi)
    step = round(face.size * 1.9)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    shown = []
    for number, line in enumerate(wrap(text, face, width - 2 * margin)):
        y = margin + number * step
        if y + step > height - margin:
            break
        draw.text((width - margin, y), line, font=face, fill=0, anchor="ra", direction="rtl")
        shown.append(line)
    return image, "\n".join(shown)


def degrade(image, condition, seed):
    rng = random.Random(seed)
    if condition.noise:
        image = _noise_and_stamp(image, rng)
    if condition.angle:
        angle = condition.angle * rng.choice((-1, 1))
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    if condition.photo:
        image = _photographed(image, rng)
    return image


def _noise_and_stamp(image, rng):
    image = image.convert("RGB")
    draw = ImageDraw.Draw(image)
    width, height = image.size
    for _ in range(width * height // 400):  # scanner dust: specks of one to three pixels
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randint(0, 1)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(rng.randint(0, 90),) * 3)
    cx, cy, radius = round(width * 0.3), round(height * 0.55), round(width * 0.09)
    stamp = Image.new("RGBA", image.size, (0, 0, 0, 0))
    ink = ImageDraw.Draw(stamp)
    for ring in (0, round(radius * 0.15)):
        ink.ellipse(
            (cx - radius + ring, cy - radius + ring, cx + radius - ring, cy + radius - ring),
            outline=(40, 60, 170, 150),
            width=max(3, radius // 18),
        )
    ink.text(
        (cx, cy), "دبیرخانه", font=font(round(radius * 0.9)), fill=(40, 60, 170, 150), anchor="mm", direction="rtl"
    )
    image = Image.alpha_composite(image.convert("RGBA"), stamp).convert("L")
    return image


def _photographed(image, rng):
    width, height = image.size
    # A phone held slightly off square: the page is a trapezoid, lit unevenly, a little out of focus.
    dx, dy = width * 0.04, height * 0.03
    quad = (
        rng.uniform(0, dx),
        rng.uniform(0, dy),
        rng.uniform(0, dx),
        height - rng.uniform(0, dy),
        width - rng.uniform(0, dx),
        height - rng.uniform(0, dy),
        width - rng.uniform(0, dx),
        rng.uniform(0, dy),
    )
    image = image.transform(image.size, Image.Transform.QUAD, quad, resample=Image.Resampling.BICUBIC, fillcolor=200)
    shade = Image.linear_gradient("L").resize(image.size).point(lambda p: 255 - p // 4)
    image = Image.composite(image, Image.new("L", image.size, 0), shade)
    return image.filter(ImageFilter.GaussianBlur(1.2)).convert("RGB")


def write(image, condition, path):
    """Save a page as its condition's file: an image-only PDF, a PNG or a phone's JPEG."""
    if condition.pdf:
        path = path.with_suffix(".pdf")
        image.convert("L").save(path, "PDF", resolution=condition.dpi)
    elif condition.photo:
        path = path.with_suffix(".jpg")
        image.save(path, "JPEG", quality=80)
    else:
        path = path.with_suffix(".png")
        image.save(path, "PNG", dpi=(condition.dpi, condition.dpi))
    return path


def make_page(text, condition, path, seed=0):
    """Render ``text`` under ``condition`` to a file next to ``path``; returns (file, the text shown)."""
    image, shown = render(text, condition.dpi)
    return write(degrade(image, condition, seed), condition, path), shown
