"""Stored text as a reader sees it: Persian digits and letters, tatweel gone, half-spaces restored.

Only what is shown changes; the archive keeps the source text. Refs, URLs, e-mail addresses and file
names (anything with a Latin letter in it) keep their Latin digits. The letter tables come from
``persian.text`` and the compound tails and plural suffixes from the search pipeline
(``persian.analysis``), so display and search agree on what a word is.
"""

from functools import lru_cache
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from persian.analysis import COMPOUND_TAILS, PLURAL_SUFFIXES
from persian.text import ZWNJ, loose_pattern, to_persian_digits

# Letters only: hamza forms, ة and diacritics are spelling, not keyboard accidents, so they stay.
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "\u0640": None})

# Compounds written with a half-space, each a head and a tail the search pipeline knows
# (persian.analysis.COMPOUND_TAILS); typed with a space or run together, they are shown joined.
KNOWN_COMPOUNDS = (
    "تفاهم‌نامه",
    "آیین‌نامه",
    "شیوه‌نامه",
    "اساس‌نامه",
    "پرسش‌نامه",
    "بودجه‌ریزی",
    "برنامه‌ریزی",
    "طرح‌ریزی",
    "جمع‌آوری",
    "فن‌آوری",
    "تصمیم‌گیری",
    "بهره‌گیری",
    "سرمایه‌گذاری",
    "هدف‌گذاری",
    "سیاست‌گذاری",
    "ظرفیت‌سازی",
    "فرهنگ‌سازی",
    "شفاف‌سازی",
    "یکپارچه‌سازی",
    "اطلاع‌رسانی",
    "خدمات‌رسانی",
    "آب‌رسانی",
    "هم‌افزایی",
    "هم‌اندیشی",
    "مشارکت‌محور",
    "محله‌محور",
    "شرکت‌کننده",
    "شرکت‌کنندگان",
    "مشارکت‌پذیری",
)

_PERSIAN_LETTER = "\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff"
_BEFORE = f"(?<![{_PERSIAN_LETTER}{ZWNJ}])"
_AFTER_VERB_PREFIX = f"(?=[{_PERSIAN_LETTER}])"

# «می شود» / «نمی شود» → «می‌شود»: the verb prefixes as words of their own.
_VERB_PREFIX = re.compile(f"{_BEFORE}(ن?می) +{_AFTER_VERB_PREFIX}")
# «شهرداری ها» → «شهرداری‌ها», and run together after ه or ی («برنامهها», «شهرداریها»).
_SUFFIXES = "|".join(sorted(PLURAL_SUFFIXES, key=len, reverse=True))
_SPACED_PLURAL = re.compile(f"(?<=[{_PERSIAN_LETTER}]) +({_SUFFIXES})(?![{_PERSIAN_LETTER}])")
_FUSED_PLURAL = re.compile(
    f"(?<=[{_PERSIAN_LETTER}]{{2}}[هی])({_SUFFIXES})(?![{_PERSIAN_LETTER}])",
)
_TOKEN = re.compile(r"\S+")
_LATIN = re.compile(r"[A-Za-z@]")
_TAG = re.compile(r"(<[^>]*>|&#?\w+;)")


@lru_cache(maxsize=1)
def _compounds():
    patterns = []
    for compound in KNOWN_COMPOUNDS:
        head, tail = compound.split(ZWNJ)
        assert tail in COMPOUND_TAILS or head == "هم", compound  # noqa: S101 - a table typo, caught at import
        patterns.append((re.compile(_BEFORE + loose_pattern(f"{head} {tail}")), compound))
    return patterns


def _digits(text):
    """Persian digits in every run of text that has no Latin letter (refs, URLs, file names keep theirs)."""
    return _TOKEN.sub(lambda m: m.group() if _LATIN.search(m.group()) else to_persian_digits(m.group()), text)


def display_text(text):
    """Plain text as shown: letters, digits and half-spaces in their Persian forms."""
    if not text:
        return "" if text is None else str(text)
    text = str(text)
    return _remembered(text) if len(text) <= REMEMBERED_CHARS else _display(text)


def _display(text):
    text = text.translate(_LETTERS)
    for pattern, compound in _compounds():
        text = pattern.sub(compound, text)
    text = _VERB_PREFIX.sub(lambda m: m.group(1) + ZWNJ, text)
    text = _SPACED_PLURAL.sub(lambda m: ZWNJ + m.group(1), text)
    text = _FUSED_PLURAL.sub(lambda m: ZWNJ + m.group(1), text)
    return _digits(text)


# Pages show the same titles, names and snippets again and again, and each costs a few dozen regular
# expressions: the short ones are remembered (a few megabytes at most).
REMEMBERED_CHARS = 1000
_remembered = lru_cache(maxsize=8192)(_display)


def display_html(html):
    """HTML (already safe) with ``display_text`` applied to its text only, never to tags or attributes."""
    parts = _TAG.split(str(html))
    return mark_safe("".join(part if part.startswith(("<", "&")) else display_text(part) for part in parts))  # noqa: S308


def display(value):
    """Either kind: safe HTML stays safe HTML, anything else is escaped by the template as usual."""
    if isinstance(value, SafeString):
        return display_html(value)
    return display_text(value)


def display_escaped(value):
    """Plain text, normalised and escaped, as HTML (for places that build markup in Python)."""
    return mark_safe(escape(display_text(value)))  # noqa: S308
