"""Search outcomes kept for SEARCH_CACHE_SECONDS, shared by the search page and ``/api/search/``.

A search reads public records only and never the visitor, so the same parameters give everyone the same
outcome; still only anonymous visitors' searches are kept and served, as with the page cache. The key
holds the archive's version (``records.freshness``: renewed when a record, an entry, a place, a concept
or a document changes) and today's date (statuses lapse). An outcome the search cluster did not give
(``degraded``: the database answered in its place) is never kept. The lifetime is short because a
search cluster shows a write only after its refresh interval: an outcome stored in between lags it
for at most SEARCH_CACHE_SECONDS.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches

from persian import jalali
from records.freshness import ALIAS, version_to_keep

from .service import run_search

log = logging.getLogger(__name__)


def _key(version, search):
    parts = (
        search.q,
        search.types,
        [province.pk for province in search.provinces],
        [topic.pk for topic in search.topics],
        search.years,
        search.statuses,
        search.sort,
        search.page,
        search.page_size,
        search.exact,
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"search:{version}:{jalali.today().isoformat()}:{digest}"


def answer(search, user):
    """``run_search(search)``, from the cache when ``user`` is anonymous and it was asked lately."""
    seconds = settings.SEARCH_CACHE_SECONDS
    if seconds <= 0 or user.is_authenticated or search.within is not None:
        return run_search(search)
    version = version_to_keep()
    if version is None:
        return run_search(search)
    cache = caches[ALIAS]
    key = _key(version, search)
    try:
        stored = cache.get(key)
    except Exception:
        log.exception("search answers: unreadable, searching")
        return run_search(search)
    if stored is not None:
        return stored
    outcome = run_search(search)
    if not outcome.degraded:
        try:
            cache.set(key, outcome, seconds)
        except Exception:
            log.exception("search answers: an outcome could not be stored")
    return outcome
