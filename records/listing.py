"""How the public listings filter records: by province, municipality, topic, Jalali year and the
municipalities a record involves; and the latest few of each type with a link to all of them."""

from dataclasses import dataclass
import datetime

from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict

from persian import jalali, params
from places.models import Municipality, Province, Topic

from .publication import published
from .registry import record_types, type_for

EPOCH = datetime.date(1, 1, 1)
LATEST = 10  # records of each type on a province, municipality or topic page
# A topic held by this many records of a type has its newest found along the date index (about
# LATEST × records / WALK_FROM rows read at most); a rarer one by reading its records and sorting them.
WALK_FROM = 1000


def read_filters(query):
    """The filters in ``query`` (a QueryDict) as objects: a name nobody has (a stale link) is ignored,
    a malformed value raises ``BadParameter``."""
    filters = {}
    names = {name: params.text(query.get(name), name) for name in ("province", "municipality", "topic", "involved")}
    if names["province"]:
        province = Province.objects.filter(code__iexact=names["province"]).first()
        if province:
            filters["province"] = province
    if names["municipality"]:
        municipality = _municipality(filters.get("province"), names["municipality"])
        if municipality:
            filters["municipality"] = municipality
    if names["involved"]:  # «QOM/دستجرد»: records of other provinces may involve it too
        code, _, slug = names["involved"].rpartition("/")
        municipality = _municipality(Province.objects.filter(code__iexact=code).first() if code else None, slug)
        if municipality:
            filters["involved"] = municipality
    if names["topic"]:
        topic = Topic.objects.filter(slug=names["topic"]).first()
        if topic:
            filters["topic"] = topic
    if query.get("year"):
        filters["year"] = params.jalali_year(query.get("year"))
    return filters


def _municipality(province, slug):
    """A municipality by its slug, within ``province`` when given (slugs are unique per province)."""
    municipalities = Municipality.objects.filter(slug=slug).select_related("province")
    return (municipalities.filter(province=province) if province else municipalities).first()


def listed(model):
    """``published(model)`` as the listings read it. Every record has a date: the bound that is always
    true lets SQLite (without statistics) start from the record table's date index, not from a scan of
    the page table of every type, even for counts and choices that have no order to follow."""
    return published(model).filter(date__gte=EPOCH)


def _with_topic(model, topic):
    """The records holding ``topic``, as a test of each record (the join reads all of the topic's records)."""
    links = model.topics.through.objects.filter(**{model.topics.field.m2m_field_name(): OuterRef("pk")}, topic=topic)
    return Q(Exists(links))


def apply_filters(model, filters, walk_dates=False):
    """Published records of ``model`` narrowed by ``filters`` (from ``read_filters``), newest first.
    ``walk_dates``: the same records, the topic tested on each record met along the date index, which
    finds the newest few of a common topic without reading all of it."""
    records = listed(model)
    if "province" in filters:
        records = records.filter(province=filters["province"])
    if "municipality" in filters:
        records = records.filter(municipality=filters["municipality"])
    if "topic" in filters:
        records = records.filter(_with_topic(model, filters["topic"]) if walk_dates else Q(topics=filters["topic"]))
    if "year" in filters:
        records = records.filter(date__range=jalali.year_range(filters["year"]))
    involvement = type_for(model).involvement
    if "involved" in filters and involvement is not None:
        records = records.filter(**{involvement.field: filters["involved"]})
        if involvement.exclude_own:
            records = records.exclude(municipality=filters["involved"])
    return records.select_related("province", "municipality").order_by("-date", "-pk")


def filter_records(model, query):
    """Apply the filters in ``query`` (a QueryDict): (records, filters)."""
    filters = read_filters(query)
    return apply_filters(model, filters), filters


def listing_query(filters):
    """The query string that gives ``filters`` back to ``read_filters``."""
    query = QueryDict(mutable=True)
    for name, value in filters.items():
        if name == "year":
            query[name] = str(value)
        elif name == "province":
            query[name] = value.code
        else:
            query[name] = f"{value.province.code}/{value.slug}" if name == "involved" else value.slug
    return query.urlencode()


@dataclass(frozen=True)
class LatestSection:
    label: str
    records: list  # the newest ``LATEST`` only
    count: int
    more_url: str  # the type's listing with the same filters: every one of them, page by page


def latest_sections(filters, request=None, involved=False, limit=LATEST):
    """For each record type, its newest ``limit`` published records matching ``filters`` and how many
    match in all; ``involved``: only the types with an ``Involvement``, by it («حاضر بود», «طرف است»)."""
    sections = []
    for record_type in record_types():
        if involved and record_type.involvement is None:
            continue
        records = apply_filters(record_type.model, filters)
        count = records.count()
        if "topic" in filters and count >= WALK_FROM:
            records = apply_filters(record_type.model, filters, walk_dates=True)
        index = record_type.index_model.objects.live().first()
        url = f"{index.get_url(request)}?{listing_query(filters)}" if index else ""
        label = record_type.involvement.heading if involved else record_type.plural
        sections.append(LatestSection(label, list(records[:limit]), count, url))
    return sections


def jalali_years(records):
    """The Jalali years ``records`` have dates in, newest first. Each question is an index seek that
    stops at the first record found (the oldest and newest date, then one EXISTS per year in between,
    all in one query): the cost does not grow with the number of records."""
    newest = records.order_by("-date").values_list("date", flat=True).first()
    if newest is None:
        return []
    oldest = records.order_by("date").values_list("date", flat=True).first()
    years = range(jalali.jalali_year(newest), jalali.jalali_year(oldest) - 1, -1)
    found = records.annotate(
        **{f"y{year}": Exists(records.filter(date__range=jalali.year_range(year))) for year in years}
    ).values(*(f"y{year}" for year in years))[0]
    return [year for year in years if found[f"y{year}"]]


def filter_choices(model):
    """Provinces, topics and Jalali years that actually occur among the published records: one EXISTS
    per province and per topic, each an index seek, never a pass over the records."""
    records = listed(model)
    return {
        "filter_provinces": Province.objects.filter(Exists(records.filter(province=OuterRef("pk")))),
        "filter_topics": Topic.objects.filter(Exists(records.filter(topics=OuterRef("pk")))),
        "filter_years": jalali_years(records),
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
