"""Jalali (Solar Hijri) date helpers. Dates are stored as Gregorian ``date`` objects;
these functions parse what people type and format dates for display."""

from dataclasses import dataclass
import datetime
import re

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
import jdatetime

from .text import loose_pattern, normalize, to_latin_digits, to_persian_digits

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


def format_moment(value, numeric=False):
    """«۱۵ آبان ۱۴۰۳، ساعت ۰۹:۳۰» (``numeric``: «۱۴۰۳/۰۸/۱۵ ساعت ۰۹:۳۰») in the site's time zone."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    day = format_numeric(local.date()) if numeric else f"{format_long(local.date())}،"
    return f"{day} ساعت {to_persian_digits(local.strftime('%H:%M'))}"


def today():
    return datetime.date.today()


def year_range(year):
    """The Gregorian first and last day of a Jalali year."""
    start = jdatetime.date(year, 1, 1).togregorian()
    end = jdatetime.date(year + 1, 1, 1).togregorian() - datetime.timedelta(days=1)
    return start, end


def year_of(field, first, last):
    """The Jalali year of the date ``field`` as a database expression, for dates of Jalali years
    ``first`` to ``last``: rows are grouped or counted by year in SQL, not read to be counted."""
    ends = ((year, year_range(year)[1] + datetime.timedelta(days=1)) for year in range(first, last + 1))
    whens = [When(**{f"{field}__lt": end}, then=Value(year)) for year, end in ends]
    return Case(*whens, output_field=IntegerField())


# --- dates in running text (minutes typed in Word) -------------------------------------------

_DIGIT = "[0-9۰-۹٠-٩]"
_NOT_AFTER_DIGIT = "(?<![0-9۰-۹٠-٩])"
_MONTH = "|".join(loose_pattern(name) for name in MONTH_NAMES)
_MAH = rf"(?:\s*{loose_pattern('ماه')})?"
_NUMERIC_IN_TEXT = re.compile(
    rf"{_NOT_AFTER_DIGIT}({_DIGIT}{{4}})\s*[/\-.]\s*({_DIGIT}{{1,2}})\s*[/\-.]\s*({_DIGIT}{{1,2}})"
)
_WORDED_IN_TEXT = re.compile(rf"{_NOT_AFTER_DIGIT}({_DIGIT}{{1,2}})\s*(?:ام\s*)?({_MONTH}){_MAH}\s*({_DIGIT}{{4}})")
_MONTH_END_IN_TEXT = re.compile(rf"{loose_pattern('پایان')}\s*({_MONTH}){_MAH}\s*({_DIGIT}{{4}})")


@dataclass(frozen=True)
class FoundDate:
    position: int
    value: datetime.date
    month_end: bool = False  # «پایان آذر ۱۴۰۳»: always a deadline, never a meeting date


def _month_number(name):
    return [normalize(month) for month in MONTH_NAMES].index(normalize(name)) + 1


def _valid(year, month, day):
    try:
        return parse_date(f"{to_latin_digits(year)}/{to_latin_digits(month)}/{to_latin_digits(day)}")
    except InvalidDate:
        return None


def _last_day_of_month(year, month):
    following = _valid(year + 1, 1, 1) if month == 12 else _valid(year, month + 1, 1)
    return following - datetime.timedelta(days=1) if following else None


def find_dates(text):
    """Every real Jalali date written in ``text``, in order: «۱۴۰۳/۰۸/۱۵», «1403-08-15»,
    «۱۵ آبان ماه ۱۴۰۳», and «پایان آذر ۱۴۰۳» (its last day). Impossible dates are skipped."""
    found = []
    for match in _NUMERIC_IN_TEXT.finditer(text):
        if 1300 <= int(to_latin_digits(match.group(1))) <= 1500:
            value = _valid(*match.groups())
            if value:
                found.append(FoundDate(match.start(), value))
    for match in _WORDED_IN_TEXT.finditer(text):
        value = _valid(match.group(3), _month_number(match.group(2)), match.group(1))
        if value:
            found.append(FoundDate(match.start(), value))
    for match in _MONTH_END_IN_TEXT.finditer(text):
        value = _last_day_of_month(int(to_latin_digits(match.group(2))), _month_number(match.group(1)))
        if value:
            found.append(FoundDate(match.start(), value, month_end=True))
    return sorted(found, key=lambda date: date.position)
