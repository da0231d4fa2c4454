from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("provinces/", views.province_list, name="province_list"),
    path("provinces/<str:slug>/", views.province_detail, name="province_detail"),
    path("provinces/<str:province_slug>/<str:slug>/", views.municipality_detail, name="municipality_detail"),
    path("topics/<str:slug>/", views.topic_detail, name="topic_detail"),
    path("ref/<path:ref>/", views.by_ref, name="by_ref"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
