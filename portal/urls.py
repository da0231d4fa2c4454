from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from desk.reports import report_urls
from meetings import views as meeting_views
from portal import views
from portal.feeds import LatestRecordsAtomFeed, LatestRecordsFeed
from portal.ops import health, media
from search import concept_views as thesaurus_views
from search import views as search_views

urlpatterns = [
    *report_urls(),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("feeds/atom/", LatestRecordsAtomFeed(), name="feed_atom"),
    path("feeds/rss/", LatestRecordsFeed(), name="feed_rss"),
    path("provinces/", views.province_list, name="province_list"),
    path("provinces/<str:slug>/", views.province_detail, name="province_detail"),
    path(
        "provinces/<str:slug>/open-resolutions/",
        meeting_views.open_resolutions_page,
        name="province_open_resolutions",
    ),
    path("provinces/<str:province_slug>/<str:slug>/", views.municipality_detail, name="municipality_detail"),
    path("topics/<str:slug>/", views.topic_detail, name="topic_detail"),
    path("ref/<path:ref>/", views.by_ref, name="by_ref"),
    path("search/", search_views.search_page, name="search"),
    path("api/search/", search_views.api_search, name="api_search"),
    path("api/search/suggest/", search_views.api_suggest, name="api_search_suggest"),
    path("healthz", health.healthz, name="healthz"),
    path("open-data/", include("opendata.urls")),
    path("thesaurus/", thesaurus_views.concept_list, name="concept_list"),
    path("thesaurus/<slug:slug>/", thesaurus_views.concept_detail, name="concept_detail"),
]

if settings.SERVE_PUBLIC_IMAGES:
    # Images only: documents are served through /documents/, which checks restricted agreements.
    folders = "|".join(media.PUBLIC_FOLDERS)
    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<folder>{folders})/(?P<path>.+)$", media.public_image)
    )

urlpatterns += [path("", include(wagtail_urls))]
