"""One page of a public listing and the links around it, the same for every listing.

A page number that is not one (``0``, ``-1``, ``abc``, more than ``params.MAX_PAGE``) is a
``BadParameter`` (a Persian 400); a page past the end shows the last page. The rows of a page are
fetched by their primary keys, found first by a narrow query over the listing's indexed ordering:
the wide row (joins for the card) is read for the page's rows only, however deep the page.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from persian import params

AROUND = 2  # page numbers shown on each side of the current one


class KeyedPaginator(Paginator):
    """Slices a queryset in two steps: the page's keys over the ordering's index, then their rows."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self.object_list
        if isinstance(rows, QuerySet):
            keys = list(rows.values_list("pk", flat=True)[bottom : bottom + self.per_page])
            by_key = {row.pk: row for row in rows.filter(pk__in=keys).order_by()}
            return Page([by_key[key] for key in keys if key in by_key], number, self)
        return super().page(number)


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap «…»
    href: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    """What ``includes/pagination.html`` shows: first, previous, numbers around the current, next, last."""

    page: Page
    links: list
    first: str = ""
    previous: str = ""
    next: str = ""
    last: str = ""


def page_href(query, number):
    """``?…&page=n`` keeping every other parameter of ``query``; page 1 has no ``page``."""
    kept = query.copy()
    kept.pop("page", None)
    if number > 1:
        kept["page"] = str(number)
    encoded = kept.urlencode()
    return f"?{encoded}" if encoded else "?"


def paginate(items, query, per_page, count=None):
    """(page, pagination) of ``items`` for ``query``'s ``page``; pagination is None on a single page.
    ``count``: how many ``items`` there are, when the caller counted them already."""
    paginator = KeyedPaginator(items, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: the paginator does not count again
    page = paginator.get_page(params.page(query))
    return page, links(page, query)


def links(page, query):
    last = page.paginator.num_pages
    if last <= 1:
        return None
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=AROUND, on_ends=1)
    shown = [
        PageLink(n, page_href(query, n), n == page.number) if isinstance(n, int) else PageLink(None) for n in numbers
    ]
    current = page.number
    return Pagination(
        page,
        shown,
        first=page_href(query, 1) if current > 1 else "",
        previous=page_href(query, current - 1) if current > 1 else "",
        next=page_href(query, current + 1) if current < last else "",
        last=page_href(query, last) if current < last else "",
    )
