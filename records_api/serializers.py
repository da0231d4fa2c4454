"""What the API returns: places, documents, and one record serializer per registered type, built from
its model by ``record_serializer`` (``shape`` says which fields are what)."""

from functools import cache

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from persian import jalali
from places.models import Municipality, Province, Topic

from .shape import has_current_status, history, is_place, is_reference, own_fields, parent_key, parts


def absolute(request, url):
    return request.build_absolute_uri(url) if request is not None and url else url


@extend_schema_field(OpenApiTypes.STR)
class JalaliDateField(serializers.ReadOnlyField):
    """A date as the office writes it, ``1403/08/15`` (Latin digits, as in the search API)."""

    def to_representation(self, value):
        return jalali.format_numeric(value, persian_digits=False) or None


@extend_schema_field(OpenApiTypes.STR)
class LabelField(serializers.ReadOnlyField):
    """The Persian label of a choice value."""

    def __init__(self, choices, **kwargs):
        self.labels = dict(choices)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return self.labels.get(value, value)


@extend_schema_field(OpenApiTypes.STR)
class EffectiveStatusField(serializers.ReadOnlyField):
    """A stored status that lapses with time (``records.registry.Lapse``), as the public sees it today;
    its label with ``labels``."""

    def __init__(self, lapse, labels=None, **kwargs):
        self.lapse, self.labels = lapse, labels
        super().__init__(source="*", **kwargs)

    def to_representation(self, record):
        value = self.lapse.status_of(record.status, getattr(record, self.lapse.date_field), jalali.today())
        return self.labels.get(value, value) if self.labels is not None else value


@extend_schema_field(OpenApiTypes.STR)
class RefField(serializers.RelatedField):
    """Another record, or a part of one (a resolution: ``QOM-1403-11#1``), by its ref."""

    def to_representation(self, value):
        return value.ref


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.ReadOnlyField):
    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def to_representation(self, page):
        request = self.context.get("request")
        return absolute(request, page.get_url(request=request))


@extend_schema_field(OpenApiTypes.URI)
class PartUrlField(serializers.ReadOnlyField):
    """A part's place on its record's page (``…/qom-1403-11/#resolution-1``)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def to_representation(self, part):
        request = self.context.get("request")
        record = getattr(part, parent_key(type(part)).name)
        return absolute(request, f"{record.get_url(request=request)}#{part.anchor}")


class PlaceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="نشانی صفحهٔ آن در درگاه")

    def get_url(self, place) -> str:
        return absolute(self.context.get("request"), place.get_absolute_url())


class ProvinceSerializer(PlaceSerializer):
    class Meta:
        model = Province
        fields = ["code", "name", "capital", "url"]


class MunicipalitySerializer(PlaceSerializer):
    province = serializers.CharField(source="province.code", help_text="کد استان")

    class Meta:
        model = Municipality
        fields = ["slug", "name", "province", "url"]


class TopicSerializer(PlaceSerializer):
    class Meta:
        model = Topic
        fields = ["slug", "name", "url"]


PLACE_SERIALIZERS = {Province: ProvinceSerializer, Municipality: MunicipalitySerializer, Topic: TopicSerializer}


class DocumentSerializer(serializers.Serializer):
    """A public attachment. Restricted agreement documents never get here (``documents.public_rows``)."""

    title = serializers.CharField(source="label")
    file_name = serializers.CharField(source="document.filename")
    file_size = serializers.IntegerField(source="document.file_size", allow_null=True)
    url = serializers.SerializerMethodField(help_text="نشانی بارگیری")

    def get_url(self, row) -> str:
        return absolute(self.context.get("request"), row.document.url)


def field_set(model, skip=()):
    """(names ModelSerializer builds itself, fields declared here) for ``model``'s own fields."""
    names, declared = [], {}
    for field in own_fields(model):
        if field.name in skip:
            continue
        if is_place(field):
            options = {"many": True} if field.many_to_many else {"allow_null": True}
            declared[field.name] = PLACE_SERIALIZERS[field.related_model](read_only=True, **options)
        elif is_reference(field):
            options = {"many": True} if field.many_to_many else {"allow_null": True}
            declared[field.name] = RefField(read_only=True, **options)
        elif not field.is_relation:
            names.append(field.name)
        if field.get_internal_type() == "DateField":
            declared[f"{field.name}_jalali"] = JalaliDateField(source=field.name)
        if field.choices:
            declared[f"{field.name}_label"] = LabelField(field.choices, source=field.name)
    return names, declared


def model_serializer(model, base, names, declared, name=None):
    first = [field for field in ("ref", "record") if field in declared]
    fields = [*first, *names, *(field for field in declared if field not in first)]
    meta = type("Meta", (), {"model": model, "fields": fields})
    return type(f"{name or model.__name__}Serializer", (base,), {**declared, "Meta": meta})


@cache
def history_serializer(row_model, part_field):
    """A row of a later record about a part (a follow-up of a resolution): that record's ref and date."""
    key = parent_key(row_model).name
    names, declared = field_set(row_model, skip={part_field.name})
    declared = {
        "record": serializers.CharField(source=f"{key}.ref", help_text="شمارهٔ سندی که این را ثبت کرده است"),
        "date": serializers.DateField(source=f"{key}.date"),
        "date_jalali": JalaliDateField(source=f"{key}.date"),
        **declared,
    }
    name = f"{part_field.related_model.__name__}{row_model.__name__}"
    return model_serializer(row_model, serializers.ModelSerializer, names, declared, name=name)


@cache
def part_serializer(part_model):
    names, declared = field_set(part_model)
    if hasattr(part_model, "ref"):
        declared = {"ref": serializers.CharField(read_only=True), **declared}
    if hasattr(part_model, "anchor"):
        declared["url"] = PartUrlField()
    if has_current_status(part_model):
        choices = part_model._meta.get_field("status").choices
        declared["current_status"] = serializers.ChoiceField(choices, read_only=True)
        declared["current_status_label"] = LabelField(choices, source="current_status")
    for accessor, row_model, part_field in history(part_model):
        declared[accessor] = history_serializer(row_model, part_field)(many=True, read_only=True)
    return model_serializer(part_model, serializers.ModelSerializer, names, declared)


class RecordSerializer(serializers.ModelSerializer):
    """What every record carries; ``record_serializer`` adds its type's own fields and parts."""

    type = serializers.CharField(source="record_type", read_only=True, help_text="نوع سند")
    url = PageUrlField(help_text="نشانی صفحهٔ سند در درگاه")
    date_jalali = JalaliDateField(source="date", help_text="تاریخ شمسی")
    year = serializers.IntegerField(source="jalali_year", read_only=True, help_text="سال شمسی")
    province = ProvinceSerializer(read_only=True)
    municipality = MunicipalitySerializer(read_only=True, allow_null=True)
    topics = TopicSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True, help_text="پیوست‌های عمومی با نشانی بارگیری")

    COMMON = ["id", "type", "ref", "title", "url", "date", "date_jalali", "year", "province", "municipality"]
    COMMON_TAIL = ["topics", "summary", "body", "source", "documents", "last_published_at"]


@cache
def record_serializer(record_type):
    """The serializer of one record type: the shared fields, then its model's own fields and parts."""
    model = record_type.model
    names, declared = field_set(model)
    if record_type.lapse is not None:
        labels = {status.value: status.label for status in record_type.statuses}
        names = [name for name in names if name != "status"]
        declared["status"] = EffectiveStatusField(record_type.lapse, help_text="وضعیت امروز (مهلت‌گذشته: منقضی)")
        declared["status_label"] = EffectiveStatusField(record_type.lapse, labels)
    for accessor, part_model in parts(model):
        declared[accessor] = part_serializer(part_model)(many=True, read_only=True)
    fields = [*RecordSerializer.COMMON, *names, *declared, *RecordSerializer.COMMON_TAIL]
    meta = type("Meta", (), {"model": model, "fields": fields})
    name = f"{record_type.name.capitalize()}Serializer"
    return type(name, (RecordSerializer,), {**declared, "Meta": meta, "__doc__": record_type.plural})
