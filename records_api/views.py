"""The API's views: one viewset per registered record type (``record_viewset``), every type together
(``RecordsViewSet``), and the places records are filed under. Read-only, anonymous (so what any
visitor may see is all anyone gets), throttled per address, errors as ``{"error": "…"}``."""

from django.conf import settings
from django.db.models import F, Value
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.routers import APIRootView
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from agreements.access import open_attachment_rows
from persian import params
from persian.params import shown
from places.models import Municipality, Province, Topic
from records.publication import published
from records.refs import ref_key
from records.registry import record_type, record_types

from . import errors, filters
from .pagination import Pagination
from .serializers import MunicipalitySerializer, ProvinceSerializer, TopicSerializer, record_serializer
from .shape import record_prefetches


class PublicReadOnly:
    """What every view of the API shares."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]
    renderer_classes = [JSONRenderer]
    pagination_class = Pagination
    lookup_value_regex = "[^/]+"

    def get_exception_handler(self):
        return errors.handle


class ApiRoot(PublicReadOnly, APIRootView):
    """The API's endpoints (``/api/v1/``)."""


class NoSuchEndpoint(PublicReadOnly, APIView):
    """Any other path under /api/v1/: the API's 404, not the site's HTML page."""

    schema = None  # not an endpoint of the description

    def get(self, request, *args, **kwargs):
        raise NotFound(errors.NOT_FOUND)


# The site's policy, but Swagger UI sets inline styles (never inline scripts: the split view loads its
# start-up script from /api/v1/docs/?script).
DOCS_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)


class ApiDocs(SpectacularSwaggerSplitView):
    """Swagger UI from drf-spectacular-sidecar's files in our static files, throttled like the API."""

    throttle_classes = PublicReadOnly.throttle_classes

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        report_only = getattr(settings, "CSP_REPORT_ONLY", False)
        response["Content-Security-Policy-Report-Only" if report_only else "Content-Security-Policy"] = DOCS_POLICY
        return response


def public_documents(model):
    """The attachment rows of ``model`` an anonymous visitor may download (the API shows only public records)."""
    rows = open_attachment_rows(model._meta.get_field("documents").related_model)
    return rows.select_related("document").order_by("sort_order")


def one_or_404(rows, message):
    found = rows.first()
    if found is None:
        raise NotFound(message)
    return found


def records_of(rt, chosen=None):
    """Published records of one type, filtered by ``chosen``, with everything the API shows of them."""
    records = published(rt.model)
    if chosen is not None:
        records = filters.apply(records, rt, chosen)
    records = records.select_related("province", "municipality__province")
    return records.prefetch_related(*record_prefetches(rt.model, public_documents(rt.model))).order_by("-date", "-pk")


def find_record(records, lookup):
    """A record by its ref (``QOM-1403-11``, compared as the importer compares refs) or its id."""
    record = records.filter(ref_key=ref_key(lookup)).first()
    if record is None and lookup.isascii() and lookup.isdecimal() and len(lookup) < 10:
        record = records.filter(pk=int(lookup)).first()
    if record is None:
        raise NotFound(f"سند منتشرشده‌ای با شماره یا شناسهٔ «{shown(lookup)}» نیست.")
    return record


def filter_parameters(rt=None):
    """The filters as OpenAPI parameters, described in Persian."""
    scoped = [rt] if rt is not None else record_types()
    statuses = list(dict.fromkeys(status.value for t in scoped for status in t.statuses))
    described = [
        OpenApiParameter("province", OpenApiTypes.STR, description="کد استان (مانند QOM) یا نام آن"),
        OpenApiParameter("municipality", OpenApiTypes.STR, description="نامک شهرداری (از /api/v1/municipalities/)"),
        OpenApiParameter("topic", OpenApiTypes.STR, description="نامک موضوع (از /api/v1/topics/) یا نام آن"),
        OpenApiParameter("year", OpenApiTypes.INT, description="سال شمسی، مانند ۱۴۰۳ یا 1403"),
    ]
    if statuses:
        described.append(
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                many=True,
                enum=statuses,
                description="وضعیت امروز: مصوبه‌های نشست (یکی از مصوبه‌ها) یا تفاهم‌نامه؛ تکرارپذیر",
            )
        )
    if rt is None:
        kinds = [t.name for t in record_types()]
        kind = OpenApiParameter("type", OpenApiTypes.STR, many=True, enum=kinds, description="نوع سند؛ تکرارپذیر")
        described.insert(0, kind)
    return described


class RecordTypeViewSet(PublicReadOnly, viewsets.ReadOnlyModelViewSet):
    record_type = None

    def get_queryset(self):
        if self.action == "list":
            return records_of(self.record_type, filters.parse(self.request.query_params, self.record_type))
        return records_of(self.record_type)

    def get_object(self):
        return find_record(self.get_queryset(), self.kwargs[self.lookup_field])


def record_viewset(rt):
    """The list and detail endpoints of one registered record type."""
    view = type(
        f"{rt.name.capitalize()}ViewSet",
        (RecordTypeViewSet,),
        {"record_type": rt, "serializer_class": record_serializer(rt), "lookup_field": "ref"},
    )
    return extend_schema_view(
        list=extend_schema(
            summary=f"{rt.plural} منتشرشده",
            description=f"{rt.plural} منتشرشده، تازه‌ترین نخست، صفحه‌بندی‌شده و پالایش‌پذیر.",
            parameters=filter_parameters(rt),
            tags=[rt.plural],
        ),
        retrieve=extend_schema(
            summary=f"یک {rt.label}",
            description=f"یک {rt.label} منتشرشده با شماره (ref) یا شناسهٔ عددی آن.",
            parameters=[OpenApiParameter("ref", OpenApiTypes.STR, OpenApiParameter.PATH, description="شماره یا شناسه")],
            tags=[rt.plural],
        ),
    )(view)


def any_record():
    return PolymorphicProxySerializer(
        component_name="Record",
        serializers={rt.name: record_serializer(rt) for rt in record_types()},
        resource_type_field_name="type",
    )


@extend_schema_view(
    list=extend_schema(
        summary="همهٔ سندهای منتشرشده",
        description="نشست‌ها، تفاهم‌نامه‌ها و تجربه‌های موفق با هم، تازه‌ترین نخست؛ هر یک با نوعش (type).",
        parameters=filter_parameters(),
        responses=any_record(),
        tags=["همهٔ سندها"],
    ),
    retrieve=extend_schema(
        summary="یک سند از هر نوع",
        parameters=[OpenApiParameter("ref", OpenApiTypes.STR, OpenApiParameter.PATH, description="شماره یا شناسه")],
        responses=any_record(),
        tags=["همهٔ سندها"],
    ),
)
class RecordsViewSet(PublicReadOnly, viewsets.ViewSet):
    """Every record type in one list: a page of (id, date, type) keys over all types, newest first,
    then each type's records of that page fetched as its own endpoint fetches them."""

    lookup_field = "ref"

    def list(self, request):
        chosen = filters.parse(request.query_params)
        types = [rt for rt in record_types() if not chosen.types or rt.name in chosen.types]
        keys = [
            filters.apply(published(rt.model), rt, chosen)
            .annotate(key=F("pk"), kind=Value(rt.name))
            .values_list("key", "date", "kind")
            .order_by()
            for rt in types
        ]
        union = keys[0].union(*keys[1:], all=True).order_by("-date", "-key")
        paginator = Pagination()
        page = paginator.paginate_queryset(union, request, view=self)
        shown = {}
        for rt in types:
            wanted = [key for key, _, kind in page if kind == rt.name]
            if wanted:
                records = records_of(rt).filter(pk__in=wanted)
                items = record_serializer(rt)(records, many=True, context={"request": request}).data
                shown.update({(rt.name, item["id"]): item for item in items})
        return paginator.get_paginated_response([shown[(kind, key)] for key, _, kind in page])

    def retrieve(self, request, ref=None):
        for rt in record_types():
            try:
                return Response(self.represent(find_record(records_of(rt), ref)))
            except NotFound:
                continue
        raise NotFound(f"سند منتشرشده‌ای با شماره یا شناسهٔ «{shown(ref)}» نیست.")

    def represent(self, record):
        return record_serializer(record_type(record.record_type))(record, context={"request": self.request}).data


@extend_schema_view(
    list=extend_schema(summary="استان‌ها", tags=["استان‌ها، شهرداری‌ها و موضوع‌ها"]),
    retrieve=extend_schema(summary="یک استان با کد آن", tags=["استان‌ها، شهرداری‌ها و موضوع‌ها"]),
)
class ProvinceViewSet(PublicReadOnly, viewsets.ReadOnlyModelViewSet):
    queryset = Province.objects.order_by("code")
    serializer_class = ProvinceSerializer
    lookup_field = "code"

    def get_object(self):
        code = self.kwargs["code"]
        return one_or_404(Province.objects.filter(code__iexact=code), f"استانی با کد «{shown(code)}» نیست.")


@extend_schema_view(
    list=extend_schema(
        summary="شهرداری‌ها",
        parameters=[OpenApiParameter("province", OpenApiTypes.STR, description="کد استان یا نام آن")],
        tags=["استان‌ها، شهرداری‌ها و موضوع‌ها"],
    ),
)
class MunicipalityViewSet(PublicReadOnly, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = MunicipalitySerializer

    def get_queryset(self):
        municipalities = Municipality.objects.select_related("province").order_by("province__code", "name")
        province = filters.province_named(params.text(self.request.query_params.get("province"), "province"))
        return municipalities if province is None else municipalities.filter(province=province)


@extend_schema_view(
    list=extend_schema(summary="موضوع‌ها", tags=["استان‌ها، شهرداری‌ها و موضوع‌ها"]),
    retrieve=extend_schema(summary="یک موضوع با نامک آن", tags=["استان‌ها، شهرداری‌ها و موضوع‌ها"]),
)
class TopicViewSet(PublicReadOnly, viewsets.ReadOnlyModelViewSet):
    queryset = Topic.objects.order_by("name")
    serializer_class = TopicSerializer
    lookup_field = "slug"

    def get_object(self):
        slug = self.kwargs["slug"]
        return one_or_404(Topic.objects.filter(slug=slug), f"موضوعی با نامک «{shown(slug)}» نیست.")
