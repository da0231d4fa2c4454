"""Tesseract's command line with Debian's Persian model: one page image in, its text and confidence out."""

import csv
from functools import lru_cache
import io
import os
from pathlib import Path
import shutil
import subprocess
import tempfile

LANGUAGE = "fas"
# One thread per page: the machine is shared and pages are read one after another anyway.
ENVIRONMENT = {**os.environ, "OMP_THREAD_LIMIT": "1"}


class TesseractError(Exception):
    pass


@lru_cache(maxsize=1)
def available():
    """True when the tesseract binary and its Persian model are installed."""
    binary = shutil.which("tesseract")
    if binary is None:
        return False
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return LANGUAGE in listed.stdout.split()


def recognise(image, dpi, timeout):
    """(text, mean word confidence 0–100 or None) of a prepared page image (PIL, mode L or 1)."""
    with tempfile.TemporaryDirectory(prefix="ocr-page-") as folder:
        source, base = Path(folder) / "page.png", Path(folder) / "page"
        image.save(source)
        command = ["tesseract", str(source), str(base), "-l", LANGUAGE, "--dpi", str(dpi), "--psm", "3", "txt", "tsv"]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, env=ENVIRONMENT, check=False)
        except subprocess.TimeoutExpired:
            raise TesseractError("timeout") from None
        if done.returncode != 0:
            raise TesseractError(done.stderr.decode("utf-8", "replace")[-300:])
        text = base.with_suffix(".txt").read_text(encoding="utf-8")
        tsv = base.with_suffix(".tsv").read_text(encoding="utf-8")
    return tidy(text), mean_confidence(tsv)


def tidy(text):
    lines = [" ".join(line.split()) for line in text.replace("\f", "\n").splitlines()]
    return "\n".join(line for line in lines if line)


def mean_confidence(tsv):
    """Tesseract's word confidences, averaged over the words weighted by their length."""
    total = weight = 0.0
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        word = (row.get("text") or "").strip()
        try:
            confidence = float(row.get("conf") or -1)
        except ValueError:
            continue
        if word and confidence >= 0:
            total += confidence * len(word)
            weight += len(word)
    return round(total / weight, 1) if weight else None
