"""Generate the binary attachments (PDF, DOCX, PNG, JPEG) of the Hamandishi demo archive.

Usage (from the repository root):

    .venv/bin/python manage.py make_demo_attachments [ARCHIVE_DIR]

ARCHIVE_DIR defaults to the demo archive (``dev/demo/archive/``).  The command reads every ``*.md``
record, looks at its ``attachments:`` list and writes each listed file next to the record,
built from the record's own front matter and body, so the attachments always agree with
the records.  Output is deterministic: running it twice gives byte-identical files.

Fonts: Vazirmatn (OFL) is read from the directory in the environment variable
``HAMANDISHI_FONT_DIR`` (default ``/tmp/fonts``); it must contain ``Vazirmatn-Regular.ttf``
and ``Vazirmatn-Bold.ttf``.

Requirements (all in the project venv): fpdf2, uharfbuzz (text shaping), python-docx,
pillow (with libraqm for the Persian labels of the charts), pyyaml.

Why a custom line writer for PDFs: fpdf2 shapes Persian correctly with HarfBuzz but writes
the glyphs of a line in visual (left-to-right) order.  Text extractors such as pypdf turn
right-to-left runs back into logical order by reversing them, which also reverses numbers
(``۱۴۰۳`` came out as ``۳۰۴۱``) and moves Latin words (``QOM-TN-1403-02``) to the wrong end
of the line.  ``RtlPDF.rtl_line`` therefore lays a line out with fpdf2's bidi algorithm and
HarfBuzz, places every glyph at its exact visual position, but writes the glyphs to the
content stream in the order an extractor needs to rebuild the logical text.  The page looks
exactly the same; ``pypdf`` extracts the Persian text, numbers and Latin refs in order.
"""

from bisect import bisect_left
import datetime
import io
import os
from pathlib import Path
import random
import re
import zipfile
import zlib

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from fpdf import FPDF
from fpdf.bidi import BidiParagraph
from fpdf.enums import PDFResourceType, TextDirection
from PIL import Image, ImageDraw, ImageFont

from dev.demo.records import read_record
from meetings.models import ResolutionStatus
from persian.text import to_persian_digits

FONT_DIR = Path(os.environ.get("HAMANDISHI_FONT_DIR", "/tmp/fonts"))  # noqa: S108 - documented default
FONT_REGULAR = FONT_DIR / "Vazirmatn-Regular.ttf"
FONT_BOLD = FONT_DIR / "Vazirmatn-Bold.ttf"
FIXED_TIME = datetime.datetime(2025, 1, 1, 8, 0, 0, tzinfo=datetime.UTC)

BLUE = (28, 58, 150)
DARK = (25, 25, 35)
GREY = (110, 110, 120)


def fa(value):
    """Latin digits to Persian digits (for labels)."""
    return to_persian_digits(value)


def seed_of(text):
    return zlib.crc32(text.encode("utf-8"))


# --------------------------------------------------------------------------- records
def as_text(value):
    """Dates may come back from YAML as datetime.date (e.g. 2025-09-14)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


# --------------------------------------------------------------------------- PDF writer
NEUTRAL_RANGES = (
    ("\x00", "\x2f"),
    ("\x3a", "\x40"),
    ("\u0660", "\u066d"),
    ("\u06f0", "\u06f9"),
    ("\u2000", "\u206f"),
    ("\u20a0", "\u21ff"),
)
RTL_RANGES = (("\u0590", "\u08ff"), ("\ufb1d", "\ufdff"), ("\ufe70", "\ufeff"))


def extractor_class(ch):
    """How text extractors (pypdf) classify a character: N(eutral), R(TL) or L(TR)."""
    if any(a <= ch <= b for a, b in NEUTRAL_RANGES):
        return "N"
    if any(a <= ch <= b for a, b in RTL_RANGES):
        return "R"
    return "L"


class RtlPDF(FPDF):
    """A4 page in points with a right-to-left line writer (see module docstring)."""

    MARGIN_R = 545.0
    MARGIN_L = 50.0
    TOP = 62.0
    BOTTOM = 790.0

    def __init__(self, title=""):
        super().__init__(unit="pt", format="A4")
        self.add_font("V", "", str(FONT_REGULAR))
        self.add_font("V", "B", str(FONT_BOLD))
        self.set_font("V", "", 11)
        self.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="fas")
        self.set_auto_page_break(False)
        self.set_creation_date(FIXED_TIME)
        self.set_creator("Hamandishi demo archive (make_attachments.py)")
        self.set_producer("fpdf2")
        self.set_lang("fa-IR")
        if title:
            self.set_title(title)
        self.cursor = self.TOP
        self._xdir = False  # direction state of an RTL-aware extractor, False = LTR
        self._pen = None  # (x, baseline, width) of the last glyph written
        self.missing = set()

    def add_page(self, *args, **kwargs):
        super().add_page(*args, **kwargs)
        self._xdir = False
        self._pen = None
        self.cursor = self.TOP

    # -- shaping
    def _font(self, style):
        return self.fonts["vB" if style == "B" else "v"]

    def _shape(self, font, size, text, rtl):
        params = dict(self.text_shaping)
        params["fragment_direction"] = TextDirection.RTL if rtl else TextDirection.LTR
        infos, positions = font.perform_harfbuzz_shaping(text, size, params)
        clusters = sorted(int(gi.cluster) for gi in infos)
        owner = {}
        for i in range(len(text)):
            p = bisect_left(clusters, i)
            if p == len(clusters) or clusters[p] != i:
                p -= 1
            owner.setdefault(clusters[max(p, 0)], []).append(i)
        scale = font.scale * size / 1000
        out = []
        for gi, pos in zip(infos, positions, strict=True):
            chars = owner.pop(gi.cluster, [])
            if gi.codepoint == 0:
                self.missing.update(text[i] for i in chars)
            gname = font.ttfont.getGlyphName(gi.codepoint)
            gwidth = round(font.scale * font.ttfont["hmtx"].metrics[gname][0])
            glyph = font.subset.get_glyph(
                glyph=gi.codepoint, unicode=tuple(ord(text[i]) for i in chars), glyph_name=gname, glyph_width=gwidth
            )
            code = font.subset.pick_glyph(glyph)
            if code is None:
                continue
            out.append(
                {
                    "code": code,
                    "cluster": int(gi.cluster),
                    "adv": pos.x_advance * scale,
                    "dx": pos.x_offset * scale,
                    "dy": pos.y_offset * scale,
                    "w": gwidth * size / 1000,
                    "chars": "".join(text[i] for i in chars),
                }
            )
        return out

    def _layout(self, font, size, line):
        """Visual layout of one line (RTL paragraph): glyphs with x offset and logical index."""
        para = BidiParagraph(text=line, base_direction=TextDirection.RTL, preserve_bn_chars=True)
        runs = []
        for ch in para.get_reordered_characters():
            idx, lvl = ch.character_index, ch.embedding_level
            if runs and runs[-1][0] == lvl and abs(runs[-1][1][-1] - idx) == 1:
                runs[-1][1].append(idx)
            else:
                runs.append((lvl, [idx]))
        glyphs, x = [], 0.0
        for lvl, idxs in runs:
            start = min(idxs)
            for g in self._shape(font, size, line[start : max(idxs) + 1], rtl=lvl % 2 == 1):
                g["x"], g["idx"] = x, start + g["cluster"]
                x += g["adv"]
                glyphs.append(g)
        return glyphs, x

    def text_width(self, text, style="", size=11):
        return self._layout(self._font(style), size, text)[1]

    # -- emission
    @staticmethod
    def _chunks(line):
        """Split a logical line into runs of one strong direction (bounded by strong characters)
        and the neutral stretches between them."""
        kinds = [extractor_class(c) for c in line]
        strong = [i for i, k in enumerate(kinds) if k != "N"]
        chunks, pos, j = [], 0, 0
        while j < len(strong):
            d, k = kinds[strong[j]], j
            while k + 1 < len(strong) and kinds[strong[k + 1]] == d:
                k += 1
            a, b = strong[j], strong[k]
            if a > pos:
                chunks.append((None, pos, a))
            chunks.append((d, a, b + 1))
            pos, j = b + 1, k + 1
        if pos < len(line):
            chunks.append((None, pos, len(line)))
        return chunks

    def rtl_line(self, line, y, right=None, style="", size=11, color=DARK, align="R", left=None):
        """Write one line with its baseline at y; returns its width."""
        right = self.MARGIN_R if right is None else right
        left = self.MARGIN_L if left is None else left
        font = self._font(style)
        glyphs, total = self._layout(font, size, line)
        x0 = {"C": left + (right - left - total) / 2, "L": left}.get(align, right - total)
        by_idx = {}
        for g in glyphs:
            by_idx.setdefault(g["idx"], []).append(g)
        parts = []
        for d, a, b in self._chunks(line):
            rtl = (d == "R") if d else self._xdir
            order = range(b - 1, a - 1, -1) if rtl else range(a, b)
            parts.append([g for i in order for g in by_idx.get(i, [])])
            if d:
                self._xdir = d == "R"
        flat = [g for part in parts for g in part]
        following = {id(g): flat[i + 1] if i + 1 < len(flat) else None for i, g in enumerate(flat)}
        self._resource_catalog.add(PDFResourceType.FONT, font.i, self.page)
        ops = [f"q {color[0] / 255:.3f} {color[1] / 255:.3f} {color[2] / 255:.3f} rg"]
        for part in parts:
            if not part:
                continue
            ops.append(f"BT /F{font.i} {size:.2f} Tf")
            for g in part:
                gx = x0 + g["x"] + g["dx"]
                if g["chars"].isspace() and self._pen and self._pen[1] == y:
                    gx = self._pen[0] + self._pen[2]  # invisible glyph: keep the pen continuous
                spacing = ""
                nxt = following[id(g)]
                if nxt is not None and not nxt["chars"].isspace():
                    jump = x0 + nxt["x"] + nxt["dx"] - gx - g["w"]
                    if jump > 0.15 * size:  # would be read as a word gap: widen this glyph's advance
                        spacing = f"{jump + size:.2f} Tc "
                ops.append(
                    f"1 0 0 1 {gx:.2f} {self.h - y + g['dy']:.2f} Tm {spacing}"
                    f"({font.escape_text(chr(g['code']))}) Tj" + (" 0 Tc" if spacing else "")
                )
                self._pen = (gx, y, g["w"])
            ops.append("ET")
        ops.append("Q")
        self._out(" ".join(ops))
        return total

    def gap(self, size=11):
        """An invisible space so that extractors separate two cells on the same baseline."""
        if self._pen is None:
            return
        font = self._font("")
        g = self._shape(font, size, " ", rtl=True)[0]
        x, y, w = self._pen
        self._resource_catalog.add(PDFResourceType.FONT, font.i, self.page)
        self._out(
            f"q BT /F{font.i} {size:.2f} Tf 1 0 0 1 {x + w:.2f} {self.h - y:.2f} Tm "
            f"({font.escape_text(chr(g['code']))}) Tj ET Q"
        )
        self._pen = (x + w, y, g["w"])

    def wrap(self, text, width, style="", size=11):
        lines, line = [], ""
        for word in text.split(" "):
            cand = f"{line} {word}" if line else word
            if line and self.text_width(cand, style, size) > width:
                lines.append(line)
                line = word
            else:
                line = cand
        if line:
            lines.append(line)
        return lines

    def ensure(self, height):
        if self.cursor + height > self.BOTTOM:
            self.add_page()

    def para(self, text, style="", size=11, color=DARK, align="R", leading=1.75, right=None, left=None, after=4):
        right = self.MARGIN_R if right is None else right
        left = self.MARGIN_L if left is None else left
        for line in self.wrap(text, right - left, style, size):
            self.ensure(size * leading)
            self.cursor += size * 1.15
            self.rtl_line(line, self.cursor, right, style, size, color, align, left)
            self.cursor += size * (leading - 1.15)
        self.cursor += after

    def bullet(self, text, size=11):
        lines = self.wrap(text, self.MARGIN_R - self.MARGIN_L - 16, "", size)
        for i, line in enumerate(lines):
            self.ensure(size * 1.75)
            self.cursor += size * 1.15
            if i == 0:
                self.set_fill_color(*BLUE)
                self.ellipse(self.MARGIN_R - 6, self.cursor - size * 0.42, 4, 4, style="F")
            self.rtl_line(line, self.cursor, self.MARGIN_R - 14, "", size)
            self.cursor += size * 0.6
        self.cursor += 2

    def table(self, rows, size=10):
        ncol = len(rows[0])
        width = self.MARGIN_R - self.MARGIN_L
        colw = width / ncol
        self.set_draw_color(150, 150, 165)
        self.set_line_width(0.6)
        for r, row in enumerate(rows):
            cells = [self.wrap(c, colw - 10, "B" if r == 0 else "", size) for c in row]
            h = max(len(c) for c in cells) * size * 1.6 + 8
            self.ensure(h)
            if r == 0:
                self.set_fill_color(228, 233, 246)
                self.rect(self.MARGIN_L, self.cursor, width, h, style="F")
            for c, lines in enumerate(cells):  # first column on the right
                cr = self.MARGIN_R - c * colw
                self.rect(cr - colw, self.cursor, colw, h)
                for k, line in enumerate(lines):
                    if c or k:
                        self.gap(size)
                    self.rtl_line(line, self.cursor + 4 + size * (1.15 + 1.6 * k), cr - 5, "B" if r == 0 else "", size)
            self.cursor += h
        self.cursor += 8

    def markdown(self, body, size=11):
        """A small Markdown subset: ## headings, paragraphs, - bullets, pipe tables."""
        lines = body.strip().splitlines()
        i = 0
        while i < len(lines):
            line = lines[i].strip().replace("**", "")
            if not line:
                i += 1
                continue
            if line.startswith("|"):
                rows = []
                while i < len(lines) and lines[i].strip().startswith("|"):
                    cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                    if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                        rows.append(cells)
                    i += 1
                self.table(rows, size - 1)
                continue
            if line.startswith("#"):
                self.ensure(60)
                self.cursor += 6
                self.para(line.lstrip("#").strip(), "B", size + 2, BLUE, after=2)
            elif line.startswith("- "):
                self.bullet(line[2:], size)
            else:
                self.para(line, "", size)
            i += 1

    # -- decorations
    def header_band(self, kicker, title, meta_lines):
        self.set_fill_color(*BLUE)
        self.rect(0, 0, self.w, 8, style="F")
        self.cursor = 40
        self.rtl_line(kicker, self.cursor, style="B", size=10, color=GREY)
        self.gap(10)
        self.rtl_line("بسمه تعالی", self.cursor, style="", size=10, color=GREY, align="L")
        self.cursor += 14
        self.para(title, "B", 16, DARK, align="C", leading=1.6, after=6)
        for meta in meta_lines:
            self.para(meta, "", 10, GREY, leading=1.6, after=0)
        self.cursor += 6
        self.set_draw_color(*BLUE)
        self.set_line_width(1.2)
        self.line(self.MARGIN_L, self.cursor, self.MARGIN_R, self.cursor)
        self.cursor += 12

    def signature(self, x, y, seed):
        """A hand-drawn looking signature around (x, y)."""
        rng = random.Random(seed)
        self.set_draw_color(20, 30, 90)
        self.set_line_width(1.1)
        pts, px = [], x - 40
        for _ in range(9):
            pts.append((px, y + rng.uniform(-9, 9)))
            px += rng.uniform(7, 12)
        self.polyline(pts)
        self.bezier([(x - 30, y + 6), (x - 5, y - 22), (x + 25, y + 18), (x + 45, y - 4)])

    def stamp(self, cx, cy, label, seed, r=30):
        rng = random.Random(seed)
        self.set_draw_color(*BLUE)
        self.set_line_width(1.4)
        self.circle(cx, cy, r)
        self.set_line_width(0.7)
        self.circle(cx, cy, r - 4)
        words = label.replace("شهرداری ", "شهرداری\n", 1).split("\n")
        size = 6.5 if max(len(w) for w in words) > 14 else 7.5
        lines = []
        for w in words:
            lines += self.wrap(w, 2 * r - 14, "B", size)
        lines = lines[:3]
        y0 = cy - (len(lines) - 1) * size * 0.65 + size * 0.35
        for k, line in enumerate(lines):
            self.gap(size)
            self.rtl_line(line, y0 + k * size * 1.3, cx + r, "B", size, BLUE, "C", cx - r)
        self.set_fill_color(*BLUE)
        self.ellipse(cx - 2 + rng.uniform(-1, 1), cy + r - 9, 4, 4, style="F")

    def page_note(self, text):
        """A small line at the bottom of the current page."""
        self._pen = None
        self.rtl_line(text, self.h - 26, size=8, color=GREY, align="C")

    def signature_grid(self, labels, seed, stamp_labels=None, per_row=3):
        self.ensure(40)
        self.cursor += 10
        self.para("امضاها", "B", 12, BLUE, after=0)
        colw = (self.MARGIN_R - self.MARGIN_L) / per_row
        for start in range(0, len(labels), per_row):
            self.ensure(108)
            base = self.cursor
            for c, label in enumerate(labels[start : start + per_row]):
                right = self.MARGIN_R - c * colw
                lines = self.wrap(label, colw - 12, "", 9)[:2]
                for k, line in enumerate(lines):
                    if c or k:
                        self.gap(9)
                    self.rtl_line(line, base + 14 + k * 13, right - 6, "", 9, DARK, "C", right - colw + 6)
                cx = right - colw / 2
                self.signature(cx - (22 if per_row > 2 else 0), base + 60, seed + start + c)
                if stamp_labels:
                    self.stamp(cx + colw / 2 - 38, base + 66, stamp_labels[start + c], seed + 7 * c)
            self.cursor = base + 108


# --------------------------------------------------------------------------- PDF documents
BODY_PREFIXES = ("شهرداری", "دفتر", "اداره", "ستاد", "معاونت", "شورای", "سازمان", "معتمدین")


def is_body(name):
    """Participants are municipality names (قنوات) or bodies (دفتر امور شهری ...)."""
    return name.startswith(BODY_PREFIXES)


def signer_label(name):
    if not is_body(name):
        return f"شهردار {name}"
    if name.startswith("شهرداری"):
        return name.replace("شهرداری", "شهردار", 1)
    return f"نماینده {name}"


STATUS_LABELS = dict(ResolutionStatus.choices)


def status_fa(status):
    return STATUS_LABELS.get(status, status)


def meeting_pdf(fm, body, out):
    pdf = RtlPDF(title=f"{fm['ref']} - {fm['title']}")
    pdf.add_page()
    meta = [
        f"شماره: {fm['ref']}    تاریخ: {as_text(fm['date'])}    محل: {fm.get('municipality', '')}",
        "حاضران: " + "، ".join(fm.get("participants") or []),
    ]
    pdf.header_band("صورتجلسه", fm["title"], meta)
    if fm.get("summary"):
        pdf.para(fm["summary"], "", 11)
    pdf.para("مصوبات", "B", 13, BLUE, after=2)
    for res in fm.get("resolutions") or []:
        pdf.bullet(f"مصوبه {fa(res['number'])}: {res['text']}")
        pdf.para(
            f"مسئول: {'، '.join(res.get('responsible') or [])} - مهلت: {as_text(res.get('deadline', ''))}",
            "",
            9,
            GREY,
            right=RtlPDF.MARGIN_R - 14,
            after=2,
        )
    for fu in fm.get("follows_up") or []:
        if fu is fm["follows_up"][0]:
            pdf.para("پیگیری مصوبات جلسات قبل", "B", 13, BLUE, after=2)
        pdf.bullet(f"{fu['ref']} ({status_fa(fu.get('status'))}): {fu.get('note', '')}", 10)
    nm = fm.get("next_meeting")
    if nm:
        when = f" در تاریخ {as_text(nm['date'])}" if nm.get("date") else ""
        pdf.para(f"جلسه آینده به میزبانی شهرداری {nm.get('municipality')}{when} برگزار می‌شود.", "", 11)
    signers = (fm.get("participants") or [])[:6]
    pdf.signature_grid(
        [signer_label(p) for p in signers], seed_of(fm["ref"]), [p if is_body(p) else f"شهرداری {p}" for p in signers]
    )
    pdf.page_note("رونوشت برابر اصل - دبیرخانه نشست شهرداران")
    return pdf


def agreement_pdf(fm, body, out):
    pdf = RtlPDF(title=f"{fm['ref']} - {fm['title']}")
    pdf.add_page()
    meta = [
        f"شماره: {fm['ref']}    تاریخ امضا: {as_text(fm['date'])}"
        + (f"    اعتبار تا: {as_text(fm['valid_until'])}" if fm.get("valid_until") else ""),
        "طرفین: " + "، ".join(fm.get("parties") or []),
    ]
    kicker = "پیش‌نویس تفاهم‌نامه" if fm.get("status") == "draft" else "تفاهم‌نامه"
    pdf.header_band(kicker, fm["title"], meta)
    if fm.get("approved_by"):
        pdf.para(f"مستند به مصوبه {fm['approved_by']}", "", 9, GREY, after=6)
    pdf.markdown(body)
    if fm.get("status") == "draft":
        pdf.para("این متن پیش‌نویس است و امضا نشده است.", "B", 11, (170, 40, 40), align="C")
    else:
        parties = fm.get("parties") or []
        pdf.signature_grid(
            [f"از طرف {p}" for p in parties], seed_of(fm["ref"]), parties, per_row=2 if len(parties) in (2, 4) else 3
        )
    return pdf


def practice_pdf(fm, body, out):
    pdf = RtlPDF(title=f"{fm['ref']} - {fm['title']}")
    pdf.add_page()
    meta = [
        f"شماره: {fm['ref']}    تاریخ گزارش: {as_text(fm['date'])}    "
        f"شهرداری: {fm.get('municipality', '')} - استان {fm.get('province', '')}"
    ]
    pdf.header_band("گزارش تجربه موفق", fm["title"], meta)
    if fm.get("summary"):
        pdf.para(fm["summary"], "", 11)
    if fm.get("results"):
        lines = pdf.wrap(fm["results"], RtlPDF.MARGIN_R - RtlPDF.MARGIN_L - 24, "", 10)
        h = 30 + len(lines) * 17
        pdf.ensure(h)
        pdf.set_fill_color(236, 244, 236)
        pdf.set_draw_color(90, 150, 90)
        pdf.rect(RtlPDF.MARGIN_L, pdf.cursor, RtlPDF.MARGIN_R - RtlPDF.MARGIN_L, h, style="DF")
        pdf.cursor += 4
        pdf.para("نتایج اندازه‌گیری‌شده", "B", 11, (40, 100, 40), right=RtlPDF.MARGIN_R - 12, after=0)
        pdf.para(fm["results"], "", 10, right=RtlPDF.MARGIN_R - 12, left=RtlPDF.MARGIN_L + 12)
        pdf.cursor += 10
    pdf.markdown(body)
    if fm.get("contact"):
        pdf.para(f"تماس: {fm['contact']}", "", 9, GREY)
    return pdf


def write_pdf(kind, fm, body, out):
    pdf = {"meeting": meeting_pdf, "agreement": agreement_pdf, "practice": practice_pdf}[kind](fm, body, out)
    if pdf.missing:
        print(f"  warning: no glyph for {sorted(pdf.missing)!r} in {out.name}")
    pdf.output(str(out))


# --------------------------------------------------------------------------- DOCX
RPR_ORDER = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
)


def _rtl_run(run, size=12, bold=False, color=None):
    run.font.name = "Vazirmatn"
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.rtl = True
    if color:
        run.font.color.rgb = RGBColor(*color)
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), "Vazirmatn")
    if bold:
        rpr.append(OxmlElement("w:bCs"))
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), str(int(size * 2)))
    rpr.append(size_cs)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:bidi"), "fa-IR")
    rpr.append(lang)
    # keep the children in the order the OOXML schema (CT_RPr) requires
    order = {qn(f"w:{t}"): i for i, t in enumerate(RPR_ORDER)}
    children = sorted(rpr, key=lambda el: order.get(el.tag, len(order)))
    for el in children:
        rpr.remove(el)
        rpr.append(el)


def _rtl_paragraph(doc, text, size=12, bold=False, color=None, center=False, space_after=6):
    p = doc.add_paragraph()
    ppr = p._p.get_or_add_pPr()
    ppr.insert_element_before(
        OxmlElement("w:bidi"),
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    )
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(space_after)
    _rtl_run(p.add_run(text), size, bold, color)
    return p


def write_docx(fm, body, out):
    doc = Document()
    sect = doc.sections[0]
    sect.page_width, sect.page_height = Mm(210), Mm(297)
    sect._sectPr.insert_element_before(
        OxmlElement("w:bidi"), "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"
    )
    props = doc.core_properties
    props.title = fm["title"]
    props.identifier = str(fm["ref"])
    props.author = "دبیرخانه نشست شهرداران"
    props.language = "fa-IR"
    props.created = props.modified = props.last_printed = FIXED_TIME.replace(tzinfo=None)
    props.last_modified_by = "Hamandishi"
    props.revision = 1
    draft = fm.get("status") == "draft"
    _rtl_paragraph(doc, "بسمه تعالی", 10, center=True)
    _rtl_paragraph(doc, ("پیش‌نویس - " if draft else "") + fm["title"], 16, True, BLUE, center=True, space_after=10)
    _rtl_paragraph(doc, f"شماره: {fm['ref']}     تاریخ: {as_text(fm['date'])}", 10, color=GREY)
    _rtl_paragraph(doc, "طرفین: " + "، ".join(fm.get("parties") or []), 10, color=GREY, space_after=12)
    for line in body.strip().splitlines():
        line = line.strip().replace("**", "")
        if not line:
            continue
        if line.startswith("#"):
            _rtl_paragraph(doc, line.lstrip("#").strip(), 13, True, BLUE, space_after=4)
        elif line.startswith("- "):
            _rtl_paragraph(doc, "• " + line[2:], 12)
        else:
            _rtl_paragraph(doc, line, 12)
    if not draft:
        _rtl_paragraph(doc, "محل امضای طرفین:", 12, True, space_after=4)
        for party in fm.get("parties") or []:
            _rtl_paragraph(doc, f"از طرف {party}: ....................", 11)
    buf = io.BytesIO()
    doc.save(buf)
    # rewrite the zip with fixed timestamps so the output is reproducible
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))


# --------------------------------------------------------------------------- charts
def _img_font(size, bold=False):
    return ImageFont.truetype(str(FONT_BOLD if bold else FONT_REGULAR), size, layout_engine=ImageFont.Layout.RAQM)


def _fa_text(draw, xy, text, size, fill=DARK, bold=False, anchor="ra"):
    draw.text(xy, text, font=_img_font(size, bold), fill=fill, anchor=anchor, direction="rtl", language="fa")


def _canvas(title, subtitle):
    img = Image.new("RGB", (800, 500), (250, 250, 252))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, 800, 8], fill=BLUE)
    _fa_text(d, (770, 26), title, 24, DARK, True)
    _fa_text(d, (770, 66), subtitle, 15, GREY)
    return img, d


def chart_hbars(title, subtitle, items, unit, color):
    img, d = _canvas(title, subtitle)
    top, bar_h, gap = 120, 46, 24
    maxv = max(v for _, v in items)
    for i, (label, value) in enumerate(items):
        y = top + i * (bar_h + gap)
        _fa_text(d, (770, y + bar_h / 2), label, 16, DARK, anchor="rm")
        length = int(460 * value / maxv)
        d.rectangle([540 - length, y, 540, y + bar_h], fill=color)
        _fa_text(
            d,
            (530 - length, y + bar_h / 2),
            f"{fa(format(value, ','))} {unit}".replace(",", "٬"),
            15,
            GREY,
            anchor="rm",
        )
    return img


def chart_columns(title, subtitle, labels, values, unit, color, line=False):
    img, d = _canvas(title, subtitle)
    left, right, top, bottom = 70, 760, 120, 430
    raw = max(values) * 1.1 / 4
    magnitude = 10 ** (len(str(int(raw))) - 1)
    step = next(f * magnitude for f in (1, 2, 2.5, 5, 10) if f * magnitude >= raw)
    maxv = step * 4
    for k in range(5):
        y = bottom - (bottom - top) * k / 4
        d.line([left, y, right, y], fill=(225, 225, 232), width=1)
        _fa_text(d, (left - 8, y), fa(f"{step * k:g}"), 13, GREY, anchor="rm")
    n = len(values)
    step = (right - left) / n
    points = []
    for i, v in enumerate(values):  # first month on the right
        cx = right - step * (i + 0.5)
        y = bottom - (bottom - top) * v / maxv
        points.append((cx, y))
        if not line:
            d.rectangle([cx - step * 0.3, y, cx + step * 0.3, bottom], fill=color)
        _fa_text(d, (cx, bottom + 12), labels[i], 13, DARK, anchor="ma")
        _fa_text(d, (cx, y - 8), fa(v), 13, GREY, anchor="md")
    if line:
        d.line(points, fill=color, width=4, joint="curve")
        for cx, y in points:
            d.ellipse([cx - 6, y - 6, cx + 6, y + 6], fill=color)
    _fa_text(d, (770, 470), unit, 13, GREY)
    return img


def chart_neighbourhoods(title, subtitle):
    img, d = _canvas(title, subtitle)
    colors = [(46, 125, 50), (28, 58, 150)]
    for i in range(12):
        row, col = divmod(i, 6)
        cx = 700 - col * 120
        cy = 170 + row * 150
        c = colors[row % 2]
        d.polygon([(cx - 34, cy), (cx, cy - 34), (cx + 34, cy)], fill=c)
        d.rectangle([cx - 26, cy, cx + 26, cy + 40], fill=c)
        d.rectangle([cx - 8, cy + 16, cx + 8, cy + 40], fill=(250, 250, 252))
        _fa_text(d, (cx, cy + 52), f"محله {fa(i + 1)}", 15, DARK, anchor="ma")
    _fa_text(d, (770, 462), "هر محله: هیأت امنا + سرای محله + گزارش فصلی نیازها", 15, GREY)
    return img


def _months(n):
    return [f"ماه {fa(i + 1)}" for i in range(n)]


CHARTS = {
    "BP-QZV-01-votes.png": lambda: chart_hbars(
        "پروژه‌های منتخب بودجه‌ریزی مشارکتی قزوین",
        "تعداد رأی هر پروژه - محلات راه‌ری و پنبه‌ریسه، اسفند ۱۴۰۴",
        [
            ("پیاده‌روی مسیر مدرسه", 2950),
            ("روشنایی کوچه‌های قدیمی", 2610),
            ("بوستان محله‌ای", 2240),
            ("سایه‌بان ایستگاه اتوبوس", 1720),
            ("بازسازی سرای محله", 1480),
        ],
        "رأی",
        (46, 125, 50),
    ),
    "BP-QZV-02-sales.jpg": lambda: chart_columns(
        "فروش ماهانه بازارچه دیجیتال صنایع دستی قزوین",
        "شش ماه نخست فعالیت - ۴۶ غرفه فعال",
        _months(6),
        [90, 310, 520, 780, 1100, 1420],
        "میلیون ریال",
        (28, 58, 150),
    ),
    "BP-QZV-03-separation.png": lambda: chart_columns(
        "سهم پسماند خشک تفکیک‌شده در محلات طرح تاکستان",
        "درصد از کل پسماند جمع‌آوری‌شده - شش ماه نخست طرح",
        _months(6),
        [6, 9, 13, 17, 21, 24],
        "درصد",
        (46, 125, 50),
        line=True,
    ),
    "BP-THR-01-neighbourhoods.png": lambda: chart_neighbourhoods(
        "هیأت امنای محلات ۱۲ گانه منطقه ۳ تهران", "سرای محله، قرارگاه مشارکت‌های اجتماعی"
    ),
    "BP-KRD-01-requests.jpg": lambda: chart_columns(
        "درخواست‌های ماهانه سامانه ۱۳۷ قروه",
        "پس از شبانه‌روزی شدن سامانه و فرهنگ‌سازی",
        _months(12),
        [180, 210, 260, 300, 340, 370, 400, 430, 455, 480, 505, 520],
        "درخواست",
        (198, 40, 40),
        line=True,
    ),
}


def write_image(name, out):
    if name not in CHARTS:
        raise KeyError(f"no chart defined for {name}")
    img = CHARTS[name]()
    if name.lower().endswith((".jpg", ".jpeg")):
        img.save(out, "JPEG", quality=82, optimize=True)
    else:
        img = img.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        img.save(out, "PNG", optimize=True)


# --------------------------------------------------------------------------- all attachments
def write_attachments(archive, out=print):
    for font in (FONT_REGULAR, FONT_BOLD):
        if not font.is_file():
            raise FileNotFoundError(f"font not found: {font} (set HAMANDISHI_FONT_DIR)")
    made = 0
    for md in sorted(archive.rglob("*.md")):
        fm, body = read_record(md)
        for name in fm.get("attachments") or []:
            target = md.parent / name
            ext = target.suffix.lower()
            if ext == ".pdf":
                write_pdf(fm["type"], fm, body, target)
            elif ext == ".docx":
                write_docx(fm, body, target)
            elif ext in (".png", ".jpg", ".jpeg"):
                write_image(name, target)
            else:
                raise ValueError(f"{md}: unsupported attachment {name}")
            made += 1
            out(f"{target.relative_to(archive)}  {target.stat().st_size // 1024} KB")
    out(f"{made} attachments written")
