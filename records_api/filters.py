"""The API's filters, with the search API's parameter names (search-api.md): ``type``, ``province``
(code, or name in Persian), ``municipality`` (slug), ``topic`` (slug, or name), ``year`` (Jalali) and
``status``. A malformed value, or a place nobody has, is a ``BadParameter`` (400), never an empty page
that looks like an answer."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from persian import jalali, params
from places.models import Municipality, Province, Topic
from records.registry import record_types

from .shape import has_current_status, parent_key, parts


@dataclass(frozen=True)
class Filters:
    types: tuple = ()
    province: Province = None
    municipality: str = ""
    topic: Topic = None
    year: int = None
    statuses: tuple = ()


def parse(query, record_type=None):
    """The filters in ``query`` (a QueryDict); ``record_type`` when the endpoint is one type's."""
    kinds = [rt.name for rt in record_types()]
    types = tuple(params.choices(query.getlist("type"), kinds, "type")) if record_type is None else ()
    if record_type is not None:
        in_scope = [record_type]
    else:
        in_scope = [rt for rt in record_types() if rt.name in types or not types]
    allowed = list(dict.fromkeys(status.value for rt in in_scope for status in rt.statuses))
    statuses = query.getlist("status")
    if statuses and not allowed:
        raise params.BadParameter("این نوع سند وضعیت ندارد؛ پارامتر status برای آن به کار نمی‌رود.")
    return Filters(
        types=types,
        province=province_named(params.text(query.get("province"), "province")),
        municipality=municipality_slug(params.text(query.get("municipality"), "municipality")),
        topic=topic_named(params.text(query.get("topic"), "topic")),
        year=params.jalali_year(query["year"]) if query.get("year") else None,
        statuses=tuple(params.choices(statuses, allowed, "status")),
    )


def province_named(value):
    if not value:
        return None
    province = Province.objects.filter(Q(code__iexact=value) | Q(name=value)).first()
    if province is None:
        raise params.BadParameter(f"استانی با کد یا نام «{params.shown(value)}» نیست؛ فهرست: /api/v1/provinces/")
    return province


def municipality_slug(value):
    if value and not Municipality.objects.filter(slug=value).exists():
        raise params.BadParameter(f"شهرداری‌ای با نامک «{params.shown(value)}» نیست؛ فهرست: /api/v1/municipalities/")
    return value


def topic_named(value):
    if not value:
        return None
    topic = Topic.objects.filter(Q(slug=value) | Q(name=value)).first()
    if topic is None:
        raise params.BadParameter(f"موضوعی با نامک یا نام «{params.shown(value)}» نیست؛ فهرست: /api/v1/topics/")
    return topic


def apply(records, record_type, filters):
    """``records`` (published records of ``record_type``) narrowed by ``filters``."""
    if filters.province is not None:
        records = records.filter(province=filters.province)
    if filters.municipality:
        records = records.filter(municipality__slug=filters.municipality)
    if filters.topic is not None:
        records = records.filter(topics=filters.topic)
    if filters.year is not None:
        records = records.filter(date__range=jalali.year_range(filters.year))
    if filters.statuses:
        records = records.filter(status_condition(record_type, filters.statuses))
    return records


def status_condition(record_type, statuses):
    """Records whose status, as the public sees it today, is one of ``statuses``: the record's own
    (lapsing with time, as an agreement past its term), or else one of its parts' current status (a
    meeting with a resolution now in progress). A type without statuses matches none."""
    wanted = [status for status in statuses if status in {s.value for s in record_type.statuses}]
    model = record_type.model
    if not wanted:
        return Q(pk__in=[])
    if any(field.name == "status" for field in model._meta.local_fields):
        return _lapsing(wanted, record_type.lapse)
    condition = Q(pk__in=[])
    for _accessor, part_model in parts(model):
        if has_current_status(part_model):
            key = parent_key(part_model).name
            matching = part_model.objects.filter(**{key: OuterRef("pk"), "current_status__in": wanted})
            condition |= Exists(matching)
    return condition


def _lapsing(statuses, lapse):
    if lapse is None:
        return Q(status__in=statuses)
    today = jalali.today()
    condition = Q(pk__in=[])
    for status in statuses:
        if status == lapse.becomes:
            condition |= Q(status=status) | lapse.q(today)
        elif status in lapse.statuses:
            condition |= Q(status=status) & ~lapse.q(today)
        else:
            condition |= Q(status=status)
    return condition
