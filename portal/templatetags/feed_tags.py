"""The feed of the search being shown: the same parameters, under /search/feed/."""

from django import template
from django.urls import reverse

from portal.feeds import search_query

register = template.Library()


@register.simple_tag(takes_context=True)
def search_feed_url(context):
    query = search_query(context["request"].GET)
    return reverse("search_feed") + (f"?{query}" if query else "")
