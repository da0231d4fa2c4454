"""Whole public pages cached for anonymous visitors, keyed by the archive's version.

One "archive version" token lives in the ``pages`` cache and is part of every key; any change to what
the public sees (a page published, unpublished, moved or deleted; a record's related rows; places,
topics, concepts, documents, images, redirects, sites; ``records.signals.record_changed``) replaces
it, so no cached page outlives a change: nothing is looked up or deleted page by page. Today's date is
in the key too (an agreement lapses, a deadline passes, without anyone editing).

Only what every anonymous visitor would get alike is stored: GET of an allowed view (the home page
and every Wagtail page, section listings, provinces, municipalities, topics, the thesaurus, feeds,
sitemaps — never search, the API, the admin, documents or media), asked without a session or any other
cookie but the CSRF one, answered 200 without setting a cookie, without using a CSRF token, and not
marked private or no-store (Wagtail marks view-restricted pages so). A cache that fails (Redis down,
a full disk) serves the page uncached.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.db.models import signals
from django.http import HttpResponse
from wagtail.signals import page_published, page_unpublished, post_page_move

from persian import jalali
from records.signals import record_changed

log = logging.getLogger(__name__)

ALIAS = "pages"
VERSION_KEY = "archive-version"
CACHED_VIEWS = frozenset(
    {
        "wagtail_serve",
        "sitemap",
        "sitemap_section",
        "feed_atom",
        "feed_rss",
        "province_list",
        "province_detail",
        "province_open_resolutions",
        "municipality_detail",
        "topic_detail",
        "concept_list",
        "concept_detail",
    }
)
REFUSED_CACHE_CONTROL = ("private", "no-store", "no-cache")
HIT_HEADER = "X-Page-Cache"


def _cache():
    return caches[ALIAS]


def archive_version():
    version = _cache().get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        _cache().add(VERSION_KEY, version, None)
        version = _cache().get(VERSION_KEY, version)
    return version


def _bump():
    try:
        _cache().set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:  # a cache that is down holds no pages to go stale
        log.exception("page cache: the archive version could not be renewed")


class _BumpAtCommit:
    done = False

    def __call__(self):
        self.done = True
        _bump()


def archive_changed(**kwargs):
    """Every cached page is stale once the change commits (before, another request could store the
    page as it still was). Once per transaction however many rows change in it: a pending bump is
    still in the connection's commit callbacks (a rollback drops it)."""
    if not connection.in_atomic_block:
        _bump()
    elif not any(isinstance(entry[1], _BumpAtCommit) and not entry[1].done for entry in connection.run_on_commit):
        transaction.on_commit(_BumpAtCommit())


def _anonymous(request):
    return request.method in ("GET", "HEAD") and not (set(request.COOKIES) - {settings.CSRF_COOKIE_NAME})


def _key(request):
    address = f"{request.get_host()}|{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page:{archive_version()}:{jalali.today().isoformat()}:{digest}"


def _storable(request, response):
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in REFUSED_CACHE_CONTROL)
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and request.method == "GET" and _storable(request, response):
            headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
            try:
                _cache().set(key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS)
            except Exception:
                log.exception("page cache: a page could not be stored")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.PAGE_CACHE_SECONDS <= 0 or not _anonymous(request):
            return None
        if request.resolver_match is None or request.resolver_match.url_name not in CACHED_VIEWS:
            return None
        try:
            key = _key(request)
            stored = _cache().get(key)
        except Exception:
            log.exception("page cache: unreadable, serving uncached")
            return None
        if stored is None:
            request._page_cache_key = key
            return None
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HIT_HEADER] = "hit"
        return response


# --- what changes the archive -------------------------------------------------------------------

WATCHED_APPS = frozenset(
    {
        *("places", "thesaurus", "records", "meetings", "agreements", "practices", "portal"),
        *("wagtailcore", "wagtaildocs", "wagtailimages", "wagtailredirects"),
    }
)
# Renditions are made while a page is read; download counts may lag by PAGE_CACHE_SECONDS.
UNWATCHED_MODELS = frozenset({"wagtailimages.rendition", "portal.documentdownload"})


def _row_changed(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta and meta.app_label in WATCHED_APPS and meta.label_lower not in UNWATCHED_MODELS:
        archive_changed()


def connect():
    """Called once from ``PortalConfig.ready``."""
    for signal in (signals.post_save, signals.post_delete, signals.m2m_changed):
        signal.connect(_row_changed, dispatch_uid=f"page_cache_{id(signal)}")
    for signal in (page_published, page_unpublished, post_page_move, record_changed):
        signal.connect(archive_changed, dispatch_uid=f"page_cache_{id(signal)}")
