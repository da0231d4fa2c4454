"""Batches mixing good archive files with hostile ones: the good land, the bad leave nothing.

Every example is one ``import_archive`` run over a fresh folder: a good meeting (with a PDF and a
PNG), maybe a good agreement (a DOCX and a restricted PDF) and practice, and one to three bad files,
each made bad by one hostile value in one field of one record type, a hostile attachment, or a
broken file. The database is rolled back and the stored files removed after each example.
"""

import functools
import io
import os
from pathlib import Path
import re
import shutil
import tempfile
import zipfile

from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
import yaml

from agreements.models import AgreementPage
from meetings.models import MeetingPage, Resolution
from places.models import Municipality, Topic
from practices.models import BestPracticePage
from tests.conftest import agreement_fields, make_bomb_png, make_docx, make_pdf, make_png, meeting_fields

pytestmark = pytest.mark.django_db

SUMMARY = re.compile(
    r"imported (\d+) \((\d+) created, (\d+) updated\), (\d+) skipped \(unchanged\), (\d+) failed, \d+ warning"
)

# --- good files -------------------------------------------------------------------------------


def practice_fields(**overrides):
    fields = {
        "ref": "BP-QOM-01",
        "type": "practice",
        "title": "کمیته توزیع عادلانه خدمات",
        "date": "1404/01/20",
        "province": "قم",
        "municipality": "کهک",
        "topics": ["مشارکت مردمی"],
        "results": "۱۲ محله در سه ماه",
        "contact": "دبیرخانه کمیته",
        "related": ["QOM-1403-11#2"],
    }
    fields.update(overrides)
    return fields


GOOD = {
    "meeting": (
        "good-meeting.md",
        lambda: meeting_fields(attachments=["signed.pdf", "photo.png"], source="https://example.org/news/1"),
        {"documents": 1, "images": 1, "resolutions": 2},
    ),
    "agreement": (
        "good-agreement.md",
        lambda: agreement_fields(attachments=["mou.docx", "mou-signed.pdf"], restricted_attachments=["mou-signed.pdf"]),
        {"documents": 2, "images": 0, "resolutions": 0},
    ),
    "practice": (
        "good-practice.md",
        lambda: practice_fields(attachments=["chart.png"]),
        {"documents": 0, "images": 1, "resolutions": 0},
    ),
}
GOOD_NAMES = {"دستجرد", "قنوات", "قم", "کهک"}
GOOD_TOPICS = {"مدیریت پسماند", "درآمد پایدار", "مشارکت مردمی"}


def write_good_attachments(root):
    make_pdf(root / "signed.pdf", "Signed minutes")
    make_png(root / "photo.png")
    make_docx(root / "mou.docx", ["تفاهم‌نامه همکاری"])
    make_pdf(root / "mou-signed.pdf", "Signed memorandum")
    make_png(root / "chart.png", color=(200, 120, 10))


# --- hostile values, each one certainly invalid where it is put -------------------------------

SAFE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=12)
CONTROL = st.sampled_from(["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x1f", "\ud800", "\udfff"])
# Inside the text: a control character at either end could be stripped as white space.
WITH_CONTROL = st.builds(lambda a, c, b: f"ا{a}{c}{b}ا", SAFE, CONTROL, SAFE)
STRUCTURE = st.one_of(
    st.dictionaries(st.sampled_from(["a", "ب", "text"]), st.integers(), min_size=1, max_size=2),
    st.lists(st.lists(st.integers(), min_size=1, max_size=2), min_size=1, max_size=2),
)


def too_long(limit, prefix=""):
    return st.builds(lambda n, tail: prefix + ("ع" * n) + tail, st.integers(limit + 1, limit + 200), SAFE)


def unmatched(prefix):
    """Text starting with ``prefix``, which nothing in the archive is called."""
    return st.builds(lambda tail: prefix + tail, SAFE)


BAD_TEXT = st.one_of(WITH_CONTROL, STRUCTURE)
BAD_DATE = st.one_of(
    st.sampled_from(["1404/13/01", "1404/00/10", "1404/07/31", "2025-02-30", "99999/01/01", "۱۴۰۴/۱۲/۳۰", "امروز"]),
    unmatched("تاریخ "),
    STRUCTURE,
    WITH_CONTROL,
)
BAD_LIST = st.one_of(
    st.dictionaries(st.sampled_from(["a", "ب"]), st.integers(), min_size=1, max_size=2),
    st.lists(st.lists(st.integers(), min_size=1, max_size=2), min_size=1, max_size=2),
    st.lists(WITH_CONTROL, min_size=1, max_size=3),
)
BAD_NUMBER = st.one_of(
    st.sampled_from([0, -1, "یک", "1.5", None, 10**12, "۰"]), unmatched("n"), st.integers(max_value=0)
)
BAD_STATUS = st.one_of(unmatched("x-"), STRUCTURE)


def resolution(**overrides):
    return {"number": 1, "text": "مقرر شد گزارش داده شود.", "status": "pending", **overrides}


COMMON_FIELDS = {
    ("ref",): st.one_of(st.sampled_from(["", "   "]), too_long(64, "QOM-"), BAD_TEXT),
    ("title",): st.one_of(st.just(""), too_long(255), BAD_TEXT),
    ("date",): st.one_of(st.just(None), BAD_DATE),
    ("province",): st.one_of(st.just(""), unmatched("ناکجاآباد"), BAD_TEXT),
    ("municipality",): st.one_of(too_long(100), BAD_TEXT),
    ("topics",): st.one_of(st.lists(too_long(100), min_size=1, max_size=2), BAD_LIST),
    ("summary",): BAD_TEXT,
    ("source",): st.one_of(
        too_long(2000, "https://example.org/"),
        st.sampled_from(
            ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/a", "//example.org", "http://"]
        ),
        unmatched("بدون نشانی "),
        BAD_TEXT,
    ),
}
TYPE_FIELDS = {
    "meeting": {
        ("participants",): st.one_of(BAD_LIST, st.lists(too_long(100, "شهرداری "), min_size=1, max_size=2)),
        ("resolutions",): st.one_of(
            unmatched("مصوبه").filter(str.strip),
            st.lists(st.integers(), min_size=1, max_size=2),
            st.builds(lambda n: [resolution(number=n)], BAD_NUMBER),
            st.builds(lambda t: [resolution(text=t)], st.one_of(st.just(""), BAD_TEXT)),
            st.builds(lambda s: [resolution(status=s)], BAD_STATUS),
            st.builds(lambda d: [resolution(deadline=d)], BAD_DATE),
            st.builds(lambda r: [resolution(responsible=r)], BAD_LIST),
            st.just([resolution(), resolution()]),  # the same number twice
        ),
        ("follows_up",): st.one_of(
            st.builds(lambda r: [{"ref": r, "status": "done"}], unmatched("NOPE-").map(lambda r: r + "#1")),
            st.builds(lambda r: [{"ref": r, "status": "done"}], unmatched("بی‌شماره")),
            st.just([{"ref": "QOM-1403-11#1", "status": "maybe"}]),
            st.builds(lambda n: [{"ref": "QOM-1403-11#1", "status": "done", "note": n}], BAD_TEXT),
            unmatched("پیگیری").filter(str.strip),
        ),
        ("next_meeting",): st.one_of(
            st.lists(st.integers(), min_size=1, max_size=2),
            st.builds(lambda m: {"municipality": m}, st.one_of(too_long(100), BAD_TEXT)),
            st.builds(lambda d: {"date": d}, BAD_DATE),
        ),
    },
    "agreement": {
        ("parties",): st.one_of(
            st.sampled_from([None, [], ""]), BAD_LIST, st.lists(too_long(100, "شهرداری "), min_size=1, max_size=2)
        ),
        ("status",): BAD_STATUS,
        ("valid_until",): st.one_of(BAD_DATE, st.just("1390/01/01")),  # or before the signing date
        ("approved_by",): st.one_of(
            unmatched("NOPE-").map(lambda r: r + "#1"), st.sampled_from(["QOM-1403-11", "QOM-1403-11#0", "#1"])
        ),
        ("restricted_attachments",): st.one_of(st.lists(unmatched("nope-").map(lambda n: n + ".pdf"), min_size=1)),
    },
    "practice": {
        ("results",): BAD_TEXT,
        ("contact",): st.one_of(too_long(255), BAD_TEXT),
        ("related",): st.one_of(
            st.lists(unmatched("NOPE-").map(lambda r: r + "#2"), min_size=1, max_size=2),
            st.lists(unmatched("NOPE-AG-"), min_size=1, max_size=2),
            st.just(["QOM-1403-11#x"]),
            BAD_LIST,
        ),
    },
}
BASE_FIELDS = {"meeting": meeting_fields, "agreement": agreement_fields, "practice": practice_fields}


@functools.cache
def bomb_bytes():
    path = Path(tempfile.mkdtemp()) / "bomb.png"
    data = make_bomb_png(path).read_bytes()
    shutil.rmtree(path.parent)
    return data


def _image_bytes(kind):
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), (1, 2, 3)).save(buffer, kind)
    return buffer.getvalue()


def _zip_without_document(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/styles.xml", "<w:styles/>")


# name -> how to make it in the archive folder (``outside`` is a private PDF beside that folder).
HOSTILE_ATTACHMENTS = {
    "../outside/private.pdf": None,
    "ABSOLUTE": None,
    "link-out.pdf": lambda path, outside: path.symlink_to(outside),
    "folder-out/private.pdf": lambda path, outside: path.parent.symlink_to(outside.parent),
    "bomb.png": lambda path, outside: path.write_bytes(bomb_bytes()),
    "png-as.pdf": lambda path, outside: path.write_bytes(_image_bytes("PNG")),
    "jpeg-as.png": lambda path, outside: path.write_bytes(_image_bytes("JPEG")),
    "pdf-as.jpg": lambda path, outside: path.write_bytes(outside.read_bytes()),
    "text-as.docx": lambda path, outside: path.write_text("سلام"),
    "zip-as.docx": lambda path, outside: _zip_without_document(path),
    "empty.pdf": lambda path, outside: path.write_bytes(b""),
    "folder.pdf": lambda path, outside: path.mkdir(),
    "fifo.pdf": lambda path, outside: os.mkfifo(path),
    "missing.pdf": None,
    "program.exe": lambda path, outside: path.write_bytes(b"MZ"),
    "ن" * 200 + ".pdf": None,
}

BROKEN_FILES = {
    "not utf-8": b"---\nref: BAD\ntype: meeting\ntitle: \xff\xfe\n---\n",
    "no front matter": "فقط متن".encode(),
    "deep nesting": ("---\n" + "[" * 3000 + "]" * 3000 + "\n---\n").encode(),
    "integer of 5000 digits": ("---\nref: BAD\nx: " + "9" * 5000 + "\n---\n").encode(),
    "NUL in the body": (
        "---\nref: BAD-BODY\ntype: practice\ntitle: ت\ndate: 1403/01/01\nprovince: قم\n---\nمتن\x00"
    ).encode(),
}


@st.composite
def bad_file(draw, index):
    """(file name, front matter or raw bytes, what makes it bad, attachment to create)."""
    kind = draw(st.sampled_from(["field", "field", "field", "attachment", "broken"]))
    record_type = draw(st.sampled_from(sorted(BASE_FIELDS)))
    fields = BASE_FIELDS[record_type](ref=f"BAD-{index}")
    if record_type == "agreement":
        fields.pop("approved_by")  # its own references stay good unless a field is made bad
    if kind == "broken":
        name = draw(st.sampled_from(sorted(BROKEN_FILES)))
        return f"bad-{index}.md", BROKEN_FILES[name], name, None
    if kind == "attachment":
        attachment = draw(st.sampled_from(sorted(HOSTILE_ATTACHMENTS)))
        fields["attachments"] = [attachment]
        return f"bad-{index}.md", fields, f"attachment {attachment[:40]}", attachment
    choices = {**COMMON_FIELDS, **TYPE_FIELDS[record_type]}
    path = draw(st.sampled_from(sorted(choices)))
    value = draw(choices[path])
    fields[path[0]] = value
    return f"bad-{index}.md", fields, f"{record_type}.{path[0]} = {value!r:.60}", None


@st.composite
def batches(draw):
    good = ["meeting"] + [kind for kind in ("agreement", "practice") if draw(st.booleans())]
    bad = [draw(bad_file(index)) for index in range(draw(st.integers(1, 3)))]
    return good, bad


# --- what a batch leaves behind ---------------------------------------------------------------


def media_files():
    root = Path(django_settings.MEDIA_ROOT)
    return {str(p) for p in root.rglob("*") if p.is_file()}


def footprint():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "resolutions": Resolution.objects.count(),
        "media": len(media_files()),
    }


def make_attachment(root, name, outside):
    """Create the hostile attachment ``name`` in ``root``; returns the name the record gives."""
    if name == "ABSOLUTE":
        return str(outside)
    make, path = HOSTILE_ATTACHMENTS[name], root / name
    if make is not None and not os.path.lexists(path):
        make(path, outside)
    return name


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=batches())
def test_good_files_land_and_hostile_ones_leave_nothing(batch, site_tree, tmp_path):
    good, bad = batch
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    root = folder / "archive"
    root.mkdir()
    (folder / "outside").mkdir()
    outside = make_pdf(folder / "outside" / "private.pdf", "Private file beside the archive")
    write_good_attachments(root)
    for kind in good:
        name, fields, _ = GOOD[kind]
        (root / name).write_text(f"---\n{yaml.safe_dump(fields(), allow_unicode=True)}---\nمتن.\n", encoding="utf-8")
    bad_paths = {}
    for name, content, why, attachment in bad:
        if attachment is not None:
            content["attachments"] = [make_attachment(root, attachment, outside)]
        if isinstance(content, dict):
            content = f"---\n{yaml.safe_dump(content, allow_unicode=True)}---\nمتن.\n".encode("utf-8", "surrogatepass")
        (root / name).write_bytes(content)
        bad_paths[str(root / name)] = why

    media_before = media_files()
    municipalities = set(Municipality.objects.values_list("name", flat=True))
    topics = set(Topic.objects.values_list("name", flat=True))
    try:
        with transaction.atomic():
            before = footprint()
            out, err = io.StringIO(), io.StringIO()
            with pytest.raises(CommandError):  # the exit code is non-zero: bad files failed
                call_command("import_archive", str(root), stdout=out, stderr=err)
            output = out.getvalue()
            created, new, updated, skipped, failed = map(int, SUMMARY.search(err.getvalue()).groups())

            assert (created, new, updated, skipped) == (len(good), len(good), 0, 0), output
            assert failed == len(bad), (output, bad_paths)
            failures = [line for line in output.splitlines() if "FAIL" in line]
            for path, why in bad_paths.items():
                assert any(path in line for line in failures), (why, output)
            assert not any(GOOD[kind][0] in line for kind in good for line in failures), output

            for kind in good:
                model = {"meeting": MeetingPage, "agreement": AgreementPage, "practice": BestPracticePage}[kind]
                assert model.objects.filter(live=True, ref=GOOD[kind][1]()["ref"]).exists(), output
            assert not MeetingPage.objects.filter(ref__startswith="BAD").exists()
            assert not AgreementPage.objects.filter(ref__startswith="BAD").exists()
            assert not BestPracticePage.objects.filter(ref__startswith="BAD").exists()

            expected = {key: sum(GOOD[kind][2].get(key, 0) for kind in good) for key in before}
            expected["pages"] = expected["revisions"] = len(good)
            expected["media"] = expected["documents"] + expected["images"]
            after = footprint()
            assert {key: after[key] - before[key] for key in before} == expected, (output, bad_paths)
            new_names = set(Municipality.objects.values_list("name", flat=True)) - municipalities
            assert new_names <= GOOD_NAMES, new_names
            assert set(Topic.objects.values_list("name", flat=True)) - topics <= GOOD_TOPICS
            transaction.set_rollback(True)
    finally:
        for path in media_files() - media_before:
            os.remove(path)
        shutil.rmtree(folder)
