"""Whole public answers cached for anonymous visitors, keyed by the archive's version.

The version (``records.freshness``) is renewed when any change to what the public sees commits, and is
part of every key, so no stored answer outlives a change: nothing is looked up or deleted page by page.
Today's date is in the key too (an agreement lapses, a deadline passes, without anyone editing).

Only what every anonymous visitor would get alike is stored: GET of an allowed view (the home page
and every Wagtail page, section listings, provinces, municipalities, topics, the thesaurus, feeds,
sitemaps for PAGE_CACHE_SECONDS; ``/api/search/`` for SEARCH_CACHE_SECONDS — never the search page, which
carries a CSRF token, the records API, the admin, documents or media), asked without a session or any
other cookie but the CSRF one, answered 200 without setting a cookie, without using a CSRF token, and not
marked private or no-store (Wagtail marks view-restricted pages so; a search the cluster could not
answer is marked no-store). A cache that fails (Redis down, a full disk) serves the page uncached.

The middleware sits right after WhiteNoise: a stored answer is served before sessions, authentication,
messages, URL resolution and the view; only the security headers are added around it, as around every
answer. What it stores is the answer as everything below it made it (``Vary``, ``Content-Language``,
``X-Frame-Options`` included), so a stored answer is the uncached one byte for byte.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

from persian import jalali
from records.freshness import ALIAS, archive_version

log = logging.getLogger(__name__)

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
# Answers that follow the search index: kept briefly, as a search cluster shows a write only after its
# refresh interval, and an answer stored in between must not lag it for long.
SEARCH_VIEWS = frozenset({"api_search"})
REFUSED_CACHE_CONTROL = ("private", "no-store", "no-cache")
HIT_HEADER = "X-Page-Cache"


def _cache():
    return caches[ALIAS]


def _enabled():
    return settings.PAGE_CACHE_SECONDS > 0 or settings.SEARCH_CACHE_SECONDS > 0


def _anonymous(request):
    return request.method in ("GET", "HEAD") and not (set(request.COOKIES) - {settings.CSRF_COOKIE_NAME})


def _key(request, host):
    address = f"{host}|{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page:{archive_version()}:{jalali.today().isoformat()}:{digest}"


def _lifetime(request):
    """Seconds the answer of the view that ran may be kept; 0: never."""
    name = getattr(request.resolver_match, "url_name", None)
    if name in CACHED_VIEWS:
        return settings.PAGE_CACHE_SECONDS
    if name in SEARCH_VIEWS:
        return settings.SEARCH_CACHE_SECONDS
    return 0


def _storable(request, response):
    cache_control = response.get("Cache-Control", "").lower()
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in REFUSED_CACHE_CONTROL)
    )


def _replay(stored):
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response[HIT_HEADER] = "hit"
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _enabled() or not _anonymous(request):
            return self.get_response(request)
        host = request.get_host()  # a host not allowed is refused (400), never looked up
        try:
            key = _key(request, host)
            stored = _cache().get(key)
        except Exception:
            log.exception("page cache: unreadable, serving uncached")
            return self.get_response(request)
        if stored is not None:
            return _replay(stored)
        response = self.get_response(request)
        seconds = _lifetime(request)
        if seconds > 0 and _storable(request, response):
            headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
            try:
                _cache().set(key, (response.status_code, headers, response.content), seconds)
            except Exception:
                log.exception("page cache: a page could not be stored")
        return response
