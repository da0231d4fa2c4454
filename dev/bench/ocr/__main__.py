"""make bench-ocr — OCR quality and speed on pages rendered from the demo minutes, and whether the search
finds each page's distinctive words through /api/search/ once the scans are imported and read.

Every page becomes the only attachment of a meeting imported with ``import_archive`` into a throwaway
SQLite database; reading runs as the background task does (inline here), so the figures are those of
the path an office's upload takes.
"""

import argparse
import io
import os
from pathlib import Path
import random
import sys
import tempfile
import time

import yaml

from dev.bench.ocr.metrics import cer, comparable, word_recall
from dev.bench.ocr.pages import CONDITIONS, demo_texts, make_page, render

PAGES_PER_CONDITION = 5
WORDS_PER_PAGE = 8


def setup(folder):
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["TEST_MEDIA_ROOT"] = str(Path(folder) / "media")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.OCR_ON_UPLOAD = True
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)


def record_file(folder, ref, attachment):
    fields = {"ref": ref, "type": "meeting", "title": f"نشست آزمون اسکن {ref}", "date": "1390-01-15"}
    fields |= {"province": "قم", "attachments": [attachment.name]}
    path = folder / f"{ref}.md"
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{front}---\nمتن این نشست تنها در پیوست اسکن‌شده است.\n", encoding="utf-8")
    return path


def distinctive_words(texts, count):
    """Per text: words of four letters or more that no other text of the set holds."""
    vocab = [set(w for w in comparable(text).split() if len(w) >= 4 and not w.isdigit()) for text in texts]
    picks = []
    for index, words in enumerate(vocab):
        others = set().union(*(v for i, v in enumerate(vocab) if i != index))
        unique = sorted(words - others)
        picks.append(random.Random(index).sample(unique, min(count, len(unique))))
    return picks


def found_by_search(client, word, ref):
    answer = client.get("/api/search/", {"q": word, "page_size": 100}).json()
    return any(row["ref"] == ref and row["matched_in"] == "scan" for row in answer["results"])


def run(pages_per_condition):
    # the site's modules load only once setup() has pointed Django at the throwaway database
    from django.core.management import call_command
    from django.test import Client

    from ocr.models import ScanPage

    texts = demo_texts(pages_per_condition)
    words = distinctive_words([render(text, 300)[1] for _, text in texts], WORDS_PER_PAGE)
    client = Client()
    rows, serial = [], 0
    folder = Path(tempfile.mkdtemp(prefix="bench-ocr-pages-"))
    print(f"{len(CONDITIONS)} conditions x {len(texts)} pages of demo minutes (A4, Vazirmatn 13 pt)\n")
    header = f"{'condition':30} {'pages':>5} {'CER':>7} {'word recall':>11} {'search recall':>13} {'pages/min':>9}"
    print(header)
    print("-" * len(header))
    for condition in CONDITIONS:
        cers, recalls, hits, asked, seconds = [], [], 0, 0, 0.0
        for index, (_source_ref, text) in enumerate(texts):
            serial += 1
            ref = f"QOM-1390-{serial}"
            attachment, shown = make_page(text, condition, folder / f"scan-{serial}", seed=serial)
            record = record_file(folder, ref, attachment)
            started = time.perf_counter()
            call_command("import_archive", str(record), stdout=io.StringIO())
            seconds += time.perf_counter() - started
            pages = ScanPage.objects.filter(scan__file_hash__isnull=False, scan__document__title=attachment.name)
            pages = pages | ScanPage.objects.filter(scan__image__title=attachment.name)
            recognised = "\n".join(page.text for page in pages.order_by("number"))
            cers.append(cer(shown, recognised))
            recalls.append(word_recall(shown, recognised))
            hits += sum(found_by_search(client, word, ref) for word in words[index])
            asked += len(words[index])
        rows.append((condition.name, len(texts), cers, recalls, hits, asked, seconds))
        mean = lambda values: sum(values) / len(values)  # noqa: E731
        print(
            f"{condition.name:30} {len(texts):5} {mean(cers):7.1%} {mean(recalls):11.1%} "
            f"{hits / max(asked, 1):13.1%} {60 * len(texts) / seconds:9.1f}",
            flush=True,
        )
    total_pages = sum(r[1] for r in rows)
    total_seconds = sum(r[6] for r in rows)
    print(f"\n{total_pages} pages in {total_seconds:.0f} s: {60 * total_pages / total_seconds:.1f} pages/min overall")
    print("CER: edit distance / reference length after folding letters and digits; a half-space counts as a space.")
    print(f"search recall: share of each page's {WORDS_PER_PAGE} distinctive words whose query lists that page's")
    print("record as found in its scanned text (matched_in = scan) on /api/search/.")


def main():
    parser = argparse.ArgumentParser(prog="python -m dev.bench.ocr", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=PAGES_PER_CONDITION, help="pages per condition")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as folder:
        setup(folder)
        from ocr import tesseract

        if not tesseract.available():
            sys.exit("tesseract-ocr with tesseract-ocr-fas is not installed (make ocr-deps as root)")
        run(options.pages)


if __name__ == "__main__":
    main()
