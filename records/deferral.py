"""Work that follows each record's publish (the search index's copy of it) put off to the end of a bulk
import, then done once for every record at the same time.

A layer above (search) asks ``defer(page, ...)`` in its signal handlers: inside ``deferred_updates()``
the page is noted and True is returned, and the handler does nothing more; ``flush()`` sends
``records_changed`` with every noted page, for the listeners to bring their copies up to date in bulk.
Outside ``deferred_updates()`` nothing is deferred. A page noted in a file that was then rolled back is
simply gone by the flush: listeners read each page as it is in the database then. Work that is done
once for any number of pages (the alerts' matching) asks ``deferring()`` and waits for the flush too.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from .signals import records_changed

_pending = ContextVar("records_deferred", default=None)


def defer(page_id, follow_links=False, model=None):
    """Note the page for the next flush, when updates are deferred; True if it was noted. With ``model``,
    the page was saved (its model's own search index to update), otherwise it changed in public."""
    pending = _pending.get()
    if pending is None:
        return False
    if model is not None:
        pending.models.setdefault(model, set()).add(page_id)
    else:
        pending[page_id] = pending.get(page_id, False) or follow_links
    return True


def deferring():
    """True inside ``deferred_updates()``: what follows a publish waits for the next flush."""
    return _pending.get() is not None


class Pending(dict):
    """{page id: whether records it affects (follow-ups) are to be refreshed too}; ``models``: model → ids
    saved (for a search backend's own copy of the page)."""

    def __init__(self):
        super().__init__()
        self.models = {}


def flush():
    """Hand every noted page to the listeners of ``records_changed``, until a flush notes nothing more
    (a listener's work, such as a task run inline, may note pages again)."""
    pending = _pending.get()
    while pending is not None and (pending or pending.models):
        pages, models = dict(pending), {model: set(ids) for model, ids in pending.models.items()}
        pending.clear()
        pending.models.clear()
        records_changed.send(sender=None, pages=pages, models=models)


@contextmanager
def deferred_updates():
    """Defer what follows each publish until ``flush()``, which also runs on leaving, error or not: what
    was committed before the error gets its copies."""
    if _pending.get() is not None:  # nested: the outer one flushes
        yield
        return
    token = _pending.set(Pending())
    try:
        yield
    finally:
        try:
            flush()
        finally:
            _pending.reset(token)
