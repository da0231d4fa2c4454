"""Making a page image easier to read: grey, enough pixels per letter, contrast stretched, deskewed.

Binarisation is left to Tesseract (Otsu on the prepared grey image does better than a fixed threshold
on noisy and unevenly lit photos).
"""

from PIL import Image, ImageFilter, ImageOps

MIN_LONG_SIDE = 2400  # below this a page of text is too coarse for the model (A4 at about 200 dpi)
SKEW_RANGE = 6.0  # degrees either way
SKEW_SAMPLE_WIDTH = 600


def prepare(image):
    """(prepared grey image, scale applied) for OCR."""
    image = ImageOps.exif_transpose(image)
    grey = image.convert("L")
    scale = 1
    if max(grey.size) < MIN_LONG_SIDE:
        scale = 2
        grey = grey.resize((grey.width * 2, grey.height * 2), Image.Resampling.LANCZOS)
    # Scanner dust and JPEG speckle are a pixel or two across; strokes at this size are wider.
    grey = ImageOps.autocontrast(grey.filter(ImageFilter.MedianFilter(3)), cutoff=1)
    angle = skew_angle(grey)
    if abs(angle) >= 0.2:
        grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return grey, scale


def _profile_score(ink, angle):
    """Sharpness of the row profile after rotating by ``angle``: text lines give crisp peaks."""
    rows = ink.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0).resize(
        (1, ink.height), Image.Resampling.BOX
    )
    rows = rows.tobytes()
    return sum((b - a) ** 2 for a, b in zip(rows, rows[1:], strict=False))


def skew_angle(grey):
    """The rotation (degrees, counter-clockwise) that makes the text lines horizontal."""
    ratio = SKEW_SAMPLE_WIDTH / grey.width
    sample = grey.resize((SKEW_SAMPLE_WIDTH, max(1, round(grey.height * ratio))), Image.Resampling.BOX)
    ink = ImageOps.invert(sample.filter(ImageFilter.MedianFilter(3))).point(lambda p: 255 if p > 96 else 0)
    coarse = [float(a) for a in range(-int(SKEW_RANGE), int(SKEW_RANGE) + 1)]
    best = max(coarse, key=lambda a: (_profile_score(ink, a), -abs(a)))
    fine = [best + step / 4 for step in range(-3, 4)]
    return max(fine, key=lambda a: (_profile_score(ink, a), -abs(a)))
