"""What "public" means, once: live, not view-restricted, not under a view-restricted section.

Pages, listings, search, feeds, sitemap, export, counts and a resolution's public status all ask here.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def _restricted(path="path"):
    """View restrictions on the page itself or on any page above it (its path begins theirs)."""
    return PageViewRestriction.objects.filter(page__path=Substr(OuterRef(path), 1, Length("page__path")))


def published(model):
    """Live, publicly viewable records of one type. Every public listing starts here.

    Wagtail's ``.public()`` reads every view restriction in a query of its own each time it is called
    (six times for the home page); the same rule as one subquery: no restricted page's path begins
    this page's path.
    """
    return public(model.objects.all())


def public(pages):
    """The same rule on any page queryset (of one record type, or Wagtail pages of every type)."""
    return pages.live().exclude(Exists(_restricted()))


def public_through(rows, page):
    """Rows whose page (the relation ``page``: a resolution's ``"meeting"``) is public, by a join: the
    database reads the rows it is asked for and their pages, not every public page first."""
    return rows.filter(public_condition(page))


def public_condition(page):
    """The same rule as a condition on rows related to a page, to combine with others in a ``Q``."""
    return Q(**{f"{page}__live": True}) & ~Q(Exists(_restricted(f"{page}__path")))


def is_published(page):
    """The same rule for one page in hand."""
    return bool(page.live) and not page.get_view_restrictions().exists()
