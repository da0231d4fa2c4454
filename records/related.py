"""Child rows of a record page as one reader wants them: prefetched for many pages in a query, or read for one.

A reader that walks many records (the search flush of a bulk import) prefetches ``Related.prefetch(model)``;
``Related.of(page)`` then serves those rows, and on a page that was not prefetched runs the same query.
"""

from django.db.models import Prefetch


class Related:
    """The rows of relation ``name`` shaped by ``shape`` (a function of a manager or queryset: ordering,
    ``select_related``), the same way whether prefetched or read."""

    def __init__(self, name, shape=lambda rows: rows.all()):
        self.name, self.shape = name, shape
        self.attr = f"_related_{name}"

    def prefetch(self, model):
        related = model._meta.get_field(self.name).related_model
        return Prefetch(self.name, queryset=self.shape(related._default_manager.all()), to_attr=self.attr)

    def of(self, page):
        if hasattr(page, self.attr):
            return getattr(page, self.attr)
        return list(self.shape(getattr(page, self.name)))


DOCUMENTS = Related("documents", lambda rows: rows.select_related("document"))
IMAGES = Related("images")
