"""Fixtures of the tests of what is kept for anonymous visitors (the page cache, search answers): the
cache on (a file cache, or a real Redis server), and changes committed as a request would commit them."""

import tempfile

from django.core.cache import caches
import pytest

from tests.redis_server import redis_url  # noqa: F401  (a fixture)


@pytest.fixture(params=["file", "redis"])
def page_cache(request, settings):
    if request.param == "redis":
        backend = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": request.getfixturevalue("redis_url"),
        }
    else:
        backend = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": tempfile.mkdtemp()}
    settings.CACHES = {**settings.CACHES, "pages": backend}
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    return caches["pages"]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """``with commit(): …``: the change commits, as far as the archive version is concerned."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
