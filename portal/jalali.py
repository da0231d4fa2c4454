"""Jalali (Solar Hijri) date helpers. Dates are stored as Gregorian ``date`` objects;
these functions parse what people type and format dates for display."""

import datetime
import re

import jdatetime

from .persian import to_latin_digits, to_persian_digits

MONTH_NAMES = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)

_DATE_PATTERN = re.compile(r"^\s*(\d{3,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$")
GREGORIAN_YEAR_THRESHOLD = 1700


class InvalidDate(ValueError):
    """Raised with a Persian message that can be shown to the user as is."""


def parse_date(value):
    """Parse ``1404/06/23``, ``1404-06-23`` (Persian or Latin digits) or a Gregorian
    ``2025-09-14`` (year >= 1700) into a Gregorian ``datetime.date``."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date) and value.year >= GREGORIAN_YEAR_THRESHOLD:
        return value
    if isinstance(value, datetime.date):
        # YAML reads an unquoted 1403-08-15 as a Gregorian date object; its parts are Jalali.
        value = f"{value.year}/{value.month}/{value.day}"
    if isinstance(value, jdatetime.date):
        return value.togregorian()
    text = to_latin_digits(str(value or ""))
    match = _DATE_PATTERN.match(text)
    if not match:
        raise InvalidDate(f"«{value}» تاریخ معتبری نیست؛ به شکل ۱۴۰۴/۰۶/۲۳ بنویسید.")
    year, month, day = (int(part) for part in match.groups())
    try:
        if year >= GREGORIAN_YEAR_THRESHOLD:
            return datetime.date(year, month, day)
        return jdatetime.date(year, month, day).togregorian()
    except ValueError:
        raise InvalidDate(f"تاریخ «{value}» وجود ندارد (ماه یا روز نادرست است).") from None


def to_jalali(value):
    return jdatetime.date.fromgregorian(date=value)


def jalali_year(value):
    return to_jalali(value).year


def format_long(value):
    """«۲۳ شهریور ۱۴۰۴»"""
    if not value:
        return ""
    jd = to_jalali(value)
    return to_persian_digits(f"{jd.day} {MONTH_NAMES[jd.month - 1]} {jd.year}")


def format_numeric(value, persian_digits=True):
    """«۱۴۰۴/۰۶/۲۳», or ``1404/06/23`` with ``persian_digits=False`` (for APIs and exports)."""
    if not value:
        return ""
    jd = to_jalali(value)
    text = f"{jd.year:04d}/{jd.month:02d}/{jd.day:02d}"
    return to_persian_digits(text) if persian_digits else text


def today():
    return datetime.date.today()


def year_range(year):
    """The Gregorian first and last day of a Jalali year."""
    start = jdatetime.date(year, 1, 1).togregorian()
    end = jdatetime.date(year + 1, 1, 1).togregorian() - datetime.timedelta(days=1)
    return start, end
