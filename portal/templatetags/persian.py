from django import template
from django.template.defaultfilters import filesizeformat
from django.utils.safestring import mark_safe

from portal import jalali
from portal.markdown import render_markdown
from portal.persian import format_number, to_persian_digits

register = template.Library()


@register.filter
def jdate(value):
    """«۲۳ شهریور ۱۴۰۴»"""
    return jalali.format_long(value) if value else ""


@register.filter
def fa_digits(value):
    if value is None:
        return ""
    return format_number(value) if isinstance(value, int) else to_persian_digits(value)


@register.filter
def markdown(value):
    return mark_safe(render_markdown(value))  # noqa: S308 - sanitised by nh3


@register.filter
def fa_filesize(value):
    try:
        return to_persian_digits(filesizeformat(int(value)))
    except (TypeError, ValueError):
        return ""
