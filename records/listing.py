"""How the public listings filter records: by province, municipality, topic and Jalali year."""

from persian import jalali, params
from places.models import Municipality, Province, Topic

from .publication import published


def filter_records(model, query, parent=None):
    """Apply the province/municipality/topic/year filters in ``query`` (a QueryDict).

    A name nobody has (a stale link) is ignored; a malformed value raises ``BadParameter``.
    """
    records = published(model)
    if parent is not None:
        records = records.child_of(parent)
    filters = {}
    province = Province.objects.filter(code__iexact=params.text(query.get("province"), "province")).first()
    if province:
        records = records.filter(province=province)
        filters["province"] = province
    municipality_slug = params.text(query.get("municipality"), "municipality")
    if municipality_slug:
        municipality = Municipality.objects.filter(slug=municipality_slug).first()
        if municipality:
            records = records.filter(municipality=municipality)
            filters["municipality"] = municipality
    topic = Topic.objects.filter(slug=params.text(query.get("topic"), "topic")).first()
    if topic:
        records = records.filter(topics=topic)
        filters["topic"] = topic
    if query.get("year"):
        year = params.jalali_year(query.get("year"))
        records = records.filter(date__range=jalali.year_range(year))
        filters["year"] = year
    records = records.select_related("province", "municipality").order_by("-date", "-pk")
    return records, filters


def filter_choices(model):
    """Provinces, topics and Jalali years that actually occur among the published records."""
    records = published(model)
    dates = records.values_list("date", flat=True).distinct()
    return {
        "filter_provinces": Province.objects.filter(pk__in=records.values("province")),
        "filter_topics": Topic.objects.filter(
            pk__in=model.topics.through.objects.filter(**{f"{model._meta.model_name}__in": records}).values("topic")
        ),
        "filter_years": sorted({jalali.jalali_year(d) for d in dates}, reverse=True),
    }


def search_scope(record_type=None, province=None, topic=None, year=None):
    """The /search/ parameters (search-api.md) that keep a search within a listing: its type and filters."""
    scope = []
    if record_type:
        scope.append(("type", record_type))
    if province is not None:
        scope.append(("province", province.name))
    if topic is not None:
        scope.append(("topic", topic.name))
    if year:
        scope.append(("year", str(year)))
    return scope
