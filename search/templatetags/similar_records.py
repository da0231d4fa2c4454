from django import template

from search.related import similar_entries

register = template.Library()


@register.inclusion_tag("search/includes/similar_records.html")
def similar_records(page, limit=5):
    return {"similar": similar_entries(page, limit)}
