"""Bounded parsing of URL parameters. Every public view reads pages, numbers, years, choices and names
through these, so no value reaches an offset, an ``int()`` or a database query unchecked.

A value out of bounds raises ``BadParameter`` with a Persian reason; ``portal.bad_requests`` turns it
into a 400. Names are only bounded (length, no control characters): whether one exists is the view's
business.
"""

import unicodedata

from persian.text import format_number, to_latin_digits

MAX_PAGE = 10_000  # far past any real archive's last page; keeps every offset a small integer
MAX_TEXT = 200
JALALI_YEARS = (1300, 1500)
_MAX_DIGITS = 9


class BadParameter(ValueError):
    """A URL parameter out of bounds; the message is Persian and safe to show."""


def has_control_characters(text):
    """NUL and the other C0/C1 controls: PostgreSQL cannot even compare a string holding NUL."""
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def text(value, name, max_length=MAX_TEXT):
    """A short free-text value ('' when absent), stripped."""
    value = value or ""
    if len(value) > max_length:
        raise BadParameter(f"پارامتر {name} بلندتر از {format_number(max_length)} نویسه است.")
    if has_control_characters(value):
        raise BadParameter(f"پارامتر {name} نویسهٔ نامعتبر دارد.")
    return value.strip()


def integer(value, name, lower=1, upper=None):
    """A whole number typed in Latin, Persian or Arabic-Indic digits, within ``lower``..``upper``."""
    digits = to_latin_digits(value or "").strip()
    number = int(digits) if digits.isascii() and digits.isdecimal() and len(digits) <= _MAX_DIGITS else None
    if number is None or number < lower or (upper is not None and number > upper):
        bounds = f"از {format_number(lower)}" + (f" تا {format_number(upper)}" if upper is not None else " به بالا")
        raise BadParameter(f"پارامتر {name} باید عددی صحیح {bounds} باشد، نه «{shown(value)}».")
    return number


def page(params, name="page"):
    """The 1-based page of a listing; 1 when absent."""
    return integer(params.get(name), name, 1, MAX_PAGE) if name in params else 1


def jalali_year(value, name="year"):
    """A four-digit Jalali year such as ۱۴۰۳ or 1403."""
    digits = to_latin_digits(value or "").strip()
    if len(digits) != 4:
        raise BadParameter(f"سال «{shown(value)}» باید سال شمسی چهاررقمی باشد، مانند ۱۴۰۳.")
    try:
        return integer(digits, name, *JALALI_YEARS)
    except BadParameter:
        raise BadParameter(f"سال «{shown(value)}» باید سال شمسی چهاررقمی باشد، مانند ۱۴۰۳.") from None


def choice(value, choices, name, allow_blank=True):
    """One of ``choices`` ('' when blank and ``allow_blank``)."""
    value = value or ""
    if (allow_blank and value == "") or value in choices:
        return value
    raise BadParameter(f"مقدار «{shown(value)}» برای پارامتر {name} شناخته نیست؛ یکی از {'، '.join(choices)}.")


def choices(values, allowed, name):
    """Every one of a repeated parameter's values, each one of ``allowed``."""
    return [choice(value, allowed, name, allow_blank=False) for value in values]


def shown(value, limit=40):
    """The offending value as it may be echoed back: short, without control characters."""
    value = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in str(value or ""))
    return value if len(value) <= limit else f"{value[:limit]}…"
