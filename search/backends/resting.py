"""Whether the search cluster is resting after a failure: for ``SEARCH_RETRY_AFTER`` seconds it is
not asked, so a dead node costs one timeout, not one per visitor."""

import logging
import time

from django.conf import settings

log = logging.getLogger("search.cluster")

_down_until = 0.0


def is_resting():
    """True for SEARCH_RETRY_AFTER seconds after the cluster failed: it is not asked meanwhile, so a
    dead node costs one timeout, not one per visitor."""
    return time.monotonic() < _down_until


def mark_down(error):
    global _down_until
    _down_until = time.monotonic() + getattr(settings, "SEARCH_RETRY_AFTER", 30)
    log.warning("search cluster unavailable, answering from the database: %s", error)


def mark_up():
    global _down_until
    _down_until = 0.0
