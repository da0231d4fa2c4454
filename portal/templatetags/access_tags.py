from django import template

from agreements.access import RESTRICTED_NOTE
from portal.downloads import times_downloaded as count
from portal.downloads import visitor_access

register = template.Library()


@register.simple_tag(takes_context=True)
def attachment_access(context, item):
    """``open``, ``login`` or ``locked`` for the current visitor and one attachment row."""
    request = context.get("request")
    return visitor_access(getattr(request, "user", None), item)


@register.simple_tag
def restricted_note():
    return RESTRICTED_NOTE


@register.filter
def times_downloaded(document):
    return count(document)
