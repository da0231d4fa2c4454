"""``/api/v1/``: a list and detail endpoint per registered record type (its section's name:
``meetings/``, ``agreements/``, ``practices/``), all of them together (``records/``), the places, and
the OpenAPI description with a Swagger UI served from our own static files."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from records.registry import record_types

from . import views

THROTTLED = views.PublicReadOnly.throttle_classes  # building the description is the dearest request

router = DefaultRouter()
router.APIRootView = views.ApiRoot
router.register("records", views.RecordsViewSet, basename="api_v1_record")
for rt in record_types():
    router.register(rt.section, views.record_viewset(rt), basename=f"api_v1_{rt.name}")
router.register("provinces", views.ProvinceViewSet, basename="api_v1_province")
router.register("municipalities", views.MunicipalityViewSet, basename="api_v1_municipality")
router.register("topics", views.TopicViewSet, basename="api_v1_topic")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(throttle_classes=THROTTLED), name="api_v1_schema"),
    path("docs/", views.ApiDocs.as_view(url_name="api_v1_schema"), name="api_v1_docs"),
    path("", include(router.urls)),
    re_path(r"", views.NoSuchEndpoint.as_view()),
]
