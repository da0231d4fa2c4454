import datetime

from django import template
from django.utils.safestring import mark_safe

from persian import display as presentation
from persian import jalali
from persian.markdown import render_markdown
from persian.text import format_number, to_persian_digits

register = template.Library()

SIZE_UNITS = ("بایت", "کیلوبایت", "مگابایت", "گیگابایت")


@register.filter
def jdate(value):
    """«۲۳ شهریور ۱۴۰۴», the one date format a visitor sees (a date, or an ISO date string)."""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return ""
    return jalali.format_long(value) if value else ""


@register.filter
def fa_digits(value):
    if value is None:
        return ""
    return format_number(value) if isinstance(value, int) else to_persian_digits(value)


@register.filter
def fa(value):
    """Stored text as shown: Persian digits, ی/ک, no tatweel, half-spaces restored (persian.display)."""
    if value is None:
        return ""
    return presentation.display(value)


@register.filter
def markdown(value):
    return presentation.display_html(mark_safe(render_markdown(value)))  # noqa: S308 - sanitised by nh3


@register.filter
def fa_filesize(value):
    """«۱٫۲ مگابایت», «۳۴۰ کیلوبایت»."""
    try:
        size = float(int(value))
    except (TypeError, ValueError):
        return ""
    unit = 0
    while size >= 1024 and unit < len(SIZE_UNITS) - 1:
        size /= 1024
        unit += 1
    number = str(int(size)) if unit == 0 or size >= 10 else f"{size:.1f}".replace(".", "٫").replace("٫0", "")
    return f"{to_persian_digits(number)} {SIZE_UNITS[unit]}"
