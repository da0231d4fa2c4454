from django.conf import settings
from django.urls import include, path, re_path
from django.utils.feedgenerator import Rss201rev2Feed
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from desk.reports import report_urls
from meetings import views as meeting_views
from portal import feeds, sitemaps, views
from portal.feeds import ArchiveFeed
from portal.ops import health, media
from search import concept_views as thesaurus_views
from search import views as search_views

urlpatterns = [
    *report_urls(),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemaps.section, name="sitemap_section"),
    path("feeds/atom/", ArchiveFeed(feeds.latest), name="feed_atom"),
    path("feeds/rss/", ArchiveFeed(feeds.latest, Rss201rev2Feed), name="feed_rss"),
    path("feeds/provinces/<str:slug>/", ArchiveFeed(feeds.province), name="province_feed"),
    path("feeds/provinces/<str:province_slug>/<str:slug>/", ArchiveFeed(feeds.municipality), name="municipality_feed"),
    path("feeds/topics/<str:slug>/", ArchiveFeed(feeds.topic), name="topic_feed"),
    path("search/feed/", ArchiveFeed(feeds.search), name="search_feed"),
    path("calendar/meetings.ics", meeting_views.calendar_all, name="meetings_calendar"),
    path("calendar/<str:slug>.ics", meeting_views.calendar_province, name="province_calendar"),
    path(
        "calendar/<str:province_slug>/<str:slug>.ics", meeting_views.calendar_municipality, name="municipality_calendar"
    ),
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
    path("api/v1/", include("records_api.urls")),
    path("alerts/", include("alerts.urls")),
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
