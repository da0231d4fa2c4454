"""/sitemap.xml: a sitemap index over files split by section and, for records, by Jalali year.

Sections: each record type's records of one Jalali year (``meetings-1403``), then the other pages —
``pages`` (home, section pages, the province and thesaurus lists), ``provinces`` (each province and
its open resolutions), ``municipalities``, ``topics``, ``thesaurus`` (its concepts). A section longer
than the protocol allows (50,000 URLs or 10 MB a file) is paged (``?p=2``). Only public pages
(records/publication.py) are listed; addresses are built from ``url_path`` below the request's site
root on the request's own host, a bounded number of queries per file whatever the archive's size.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db.models import Count, Func, IntegerField, Max, Value
from django.db.models.functions import Greatest, Length
from django.urls import reverse
from django.utils.encoding import iri_to_uri
from wagtail.models import Page, Site

from persian import jalali
from places.models import Municipality, Province, Topic
from records.listing import EPOCH
from records.publication import public, published
from records.registry import record_types
from thesaurus.models import Concept

MAX_URLS = 50_000  # the sitemaps protocol's limits for one file
MAX_BYTES = 10 * 1024 * 1024
_HEADER_BYTES = 512  # the XML declaration, <urlset …> and </urlset>
_ENTRY_BYTES = 64  # <url><loc></loc><lastmod>YYYY-MM-DD</lastmod></url> around each address


class OctetLength(Func):
    """A text's length in bytes (UTF-8)."""

    function = "OCTET_LENGTH"
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="LENGTH(CAST(%(expressions)s AS BLOB))", **extra)


def encoded_length(field):
    """The longest its value can be once percent-encoded (``iri_to_uri``), from its characters ``C`` and
    bytes ``B``: every byte of a non-ASCII character becomes three, and at least ``2C - B`` characters
    are ASCII, so ``3B - 2·max(0, 2C - B)`` (exact for ASCII-only and for two-byte letters)."""
    chars, octets = Length(field), OctetLength(field)
    return 3 * octets - 2 * Greatest(Value(0), 2 * chars - octets)


def per_file(longest_path, domain):
    """How many URLs fit in one file when no address is longer than ``longest_path`` bytes, encoded."""
    entry = _ENTRY_BYTES + len("https://") + len(domain) + (longest_path or 0)
    return max(1, min(MAX_URLS, (MAX_BYTES - _HEADER_BYTES) // entry))


class Section(Sitemap):
    """One section's sitemap over ``items`` (a values() queryset or a list), ``count`` and
    ``latest`` (its latest lastmod) known beforehand so the index needs no query per section."""

    def __init__(self, items, *, location, count=None, latest=None, limit=MAX_URLS, lastmod_key=None):
        self._rows, self._where, self._count, self._latest = items, location, count, latest
        self.limit, self._lastmod_key = limit, lastmod_key

    def items(self):
        return self._rows

    def location(self, item):
        return iri_to_uri(self._where(item))

    def lastmod(self, item):
        return item[self._lastmod_key] if self._lastmod_key else None

    def get_latest_lastmod(self):
        return self._latest

    @property
    def paginator(self):
        paginator = Paginator(self._rows, self.limit)
        if self._count is not None:
            paginator.count = self._count  # a cached_property: no COUNT query
        return paginator


def _root(request):
    """(url_path, depth) of the request's site root page."""
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    return Page.objects.filter(pk=site.root_page_id).values_list("url_path", "depth").first() if site else None


def _path_pattern(name, *args):
    """A URL pattern's path with ``{}`` for each argument (one reverse() per section, not per row)."""
    marks = [f"ARG{i}MARK" for i in range(len(args) or 1)]
    path = reverse(name, args=marks[: len(args)] if args else None)
    for mark in marks:
        path = path.replace(mark, "{}")
    return path


def _record_sections(request, root_path, record_type, year=None):
    """{``meetings-1403``: Section} for each Jalali year with public records (only ``year`` if given)."""
    rows = published(record_type.model).filter(url_path__startswith=root_path).order_by()
    start = len(root_path) - 1
    stats = {"n": Count("pk"), "latest": Max("last_published_at"), "longest": Max(encoded_length("url_path"))}
    if year is not None:
        first, last = jalali.year_range(year)
        found = [{"year": year, **rows.filter(date__range=(first, last)).aggregate(**stats)}]
    else:
        # the oldest and newest dates walk the date index and stop at the first public record, where
        # MIN/MAX would read every record's page
        dates = rows.filter(date__gte=EPOCH).values_list("date", flat=True)
        first, last = dates.order_by("date").first(), dates.order_by("-date").first()
        if first is None:
            return {}
        year_of = jalali.year_of("date", jalali.jalali_year(first), jalali.jalali_year(last))
        found = rows.annotate(year=year_of).values("year").annotate(**stats).order_by("year")
    sections = {}
    for stat in found:
        first, last = jalali.year_range(stat["year"])
        items = rows.filter(date__range=(first, last)).order_by("date", "pk").values("url_path", "last_published_at")
        sections[f"{record_type.section}-{stat['year']}"] = Section(
            items,
            location=lambda row: row["url_path"][start:],
            count=stat["n"],
            latest=stat["latest"],
            limit=per_file(stat["longest"], request.get_host()),
            lastmod_key="last_published_at",
        )
    return sections


def _other_sections(request, root_path, root_depth):
    """The sections of pages that are not records. Their addresses are short and bounded by the slug
    fields' lengths; each is paged on its own."""
    start = len(root_path) - 1
    top = public(Page.objects.filter(url_path__startswith=root_path, depth__lte=root_depth + 1))
    top = top.values("url_path", "last_published_at").order_by("path")
    pages = [
        *({"path": p["url_path"][start:], "lastmod": p["last_published_at"]} for p in top),
        {"path": reverse("province_list"), "lastmod": None},
        {"path": reverse("concept_list"), "lastmod": None},
    ]
    province, open_resolutions = _path_pattern("province_detail", 0), _path_pattern("province_open_resolutions", 0)
    provinces = [
        path.format(code.lower())
        for code in Province.objects.order_by("code").values_list("code", flat=True)
        for path in (province, open_resolutions)
    ]
    municipality, topic = _path_pattern("municipality_detail", 0, 1), _path_pattern("topic_detail", 0)
    concept = _path_pattern("concept_detail", 0)
    per = per_file(12 * 255, request.get_host())  # any slug, every character four bytes
    return {
        "pages": Section(pages, location=lambda row: row["path"], limit=per, lastmod_key="lastmod"),
        "provinces": Section(provinces, location=str, limit=per),
        "municipalities": Section(
            Municipality.objects.order_by("pk").values_list("province__code", "slug"),
            location=lambda row: municipality.format(row[0].lower(), row[1]),
            limit=per,
        ),
        "topics": Section(
            Topic.objects.order_by("pk").values_list("slug", flat=True), location=topic.format, limit=per
        ),
        "thesaurus": Section(
            Concept.objects.order_by("pk").values_list("slug", flat=True), location=concept.format, limit=per
        ),
    }


def sitemaps_for(request, section=None):
    """Every section (for the index), or only ``section`` (for its file); unknown names give none."""
    root = _root(request)
    if root is None:
        return {}
    root_path, root_depth = root
    if section is None:
        sections = {}
        for record_type in record_types():
            sections.update(_record_sections(request, root_path, record_type))
        return sections | _other_sections(request, root_path, root_depth)
    name, _, year = section.rpartition("-")
    for record_type in record_types():
        if name == record_type.section and year.isascii() and year.isdigit() and len(year) == 4:
            return _record_sections(request, root_path, record_type, int(year))
    others = _other_sections(request, root_path, root_depth)
    return {section: others[section]} if section in others else {}


def index(request):
    return sitemap_views.index(request, sitemaps_for(request), sitemap_url_name="sitemap_section")


def section(request, section):
    return sitemap_views.sitemap(request, sitemaps_for(request, section), section=section)
