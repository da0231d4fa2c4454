"""The measurement behind choosing Tesseract directly over ocrmypdf (not a make target: ocrmypdf is not a
dependency). Same image-only PDFs as ``make bench-ocr``, read both ways; prints CER and seconds per page.

    python3 -m venv /tmp/ocrmypdf-venv && /tmp/ocrmypdf-venv/bin/pip install ocrmypdf
    OCRMYPDF=/tmp/ocrmypdf-venv/bin/ocrmypdf .venv/bin/python -m dev.bench.ocr.ocrmypdf_compare
"""

import os
from pathlib import Path
import subprocess
import tempfile
import time

from dev.bench.ocr.metrics import cer
from dev.bench.ocr.pages import CONDITIONS, demo_texts, make_page


def main(pages=5):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()  # before the site's modules load
    from ocr import tesseract
    from ocr.pages import open_source
    from ocr.preprocess import prepare

    ocrmypdf = os.environ.get("OCRMYPDF", "ocrmypdf")
    texts = demo_texts(pages)
    print(f"{'condition':28} {'direct CER':>10} {'s/page':>7} {'ocrmypdf CER':>12} {'s/page':>7}")
    with tempfile.TemporaryDirectory() as folder:
        for condition in [c for c in CONDITIONS if c.pdf and c.dpi == 300]:
            direct, other = [], []
            for index, (_, text) in enumerate(texts):
                path, shown = make_page(text, condition, Path(folder) / f"{condition.name}-{index}", seed=index)
                started = time.perf_counter()
                page = open_source(path, path.name).pages[0]
                image, scale = prepare(page.render())
                recognised, _ = tesseract.recognise(image, page.dpi * scale, 300)
                direct.append((cer(shown, recognised), time.perf_counter() - started))
                sidecar = Path(folder) / "sidecar.txt"
                started = time.perf_counter()
                command = [ocrmypdf, "-q", "-l", "fas", "--deskew", "--output-type", "pdf", "--sidecar", str(sidecar)]
                subprocess.run([*command, str(path), str(Path(folder) / "out.pdf")], check=True, capture_output=True)
                other.append((cer(shown, sidecar.read_text(encoding="utf-8")), time.perf_counter() - started))
            mean = lambda rows, i: sum(r[i] for r in rows) / len(rows)  # noqa: E731
            print(
                f"{condition.name:28} {mean(direct, 0):10.1%} {mean(direct, 1):7.1f} "
                f"{mean(other, 0):12.1%} {mean(other, 1):7.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
