"""The record types of the archive, each written down once by its own app.

A record app (meetings, agreements, practices) registers a ``RecordType`` in its ``AppConfig.ready``;
every list that names the types — the archive format's types and their order, the section pages,
desk permissions, search entries, feeds, sitemap, export, counts, facets — loops over ``record_types()``.
Adding a record type is one new app that registers itself (README: "Adding a record type").
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.module_loading import import_string

from persian.markdown import plain_text


@dataclass(frozen=True)
class SearchItem:
    """What the search index keeps of a record, or of one part of it (a meeting's resolution)."""

    kind: str
    ref: str
    title: str
    url: str
    text: str
    places: tuple = ()
    status: str = ""
    valid_until: object = None
    part: object = None  # the part's own object (a Resolution), for the search entry's link to it
    whole: bool = True  # the record itself: carries its topics' names and its attachments' text


def record_item(page, name, *more_text, places=()):
    """The ``SearchItem`` of a record as a whole: its summary, body and ``more_text``; its province,
    municipality and ``places`` (the record types add what is their own)."""
    text = "\n".join(filter(None, [page.summary, plain_text(page.body), *more_text]))
    return SearchItem(name, page.ref, page.title, page.url, text, place_names(page, *places))


def place_names(page, *more):
    return tuple(n for n in (page.province.name, page.municipality.name if page.municipality else "", *more) if n)


@dataclass(frozen=True)
class Status:
    """One value of a record type's public status, with its Persian label."""

    value: str
    label: str


@dataclass(frozen=True)
class Lapse:
    """A stored status that lapses: a record whose status is one of ``statuses`` and whose
    ``date_field`` has passed is shown as ``becomes`` (an agreement past its term is expired).
    Written once as data; the pages, the database search and the cluster queries all apply it."""

    statuses: tuple
    date_field: str
    becomes: str

    def status_of(self, status, date, today):
        return self.becomes if status in self.statuses and date is not None and date < today else status

    def q(self, today):
        """Records (or search entries: they carry ``status`` and the same date field) that have lapsed."""
        return Q(status__in=self.statuses, **{f"{self.date_field}__lt": today})


@dataclass(frozen=True)
class Involvement:
    """Municipalities a record involves besides its own (a meeting's participants, an agreement's
    parties): ``field`` is the many-to-many to them, ``heading`` the municipality page's section."""

    field: str
    heading: str
    exclude_own: bool = False  # leave out the records the municipality itself holds (hosted meetings)


@dataclass(frozen=True)
class Column:
    """One column of an open-data table: ``value(row)`` gives it for a row (a record, or one of its parts).
    ``type`` is ``text``, ``integer``, ``boolean``, ``date`` (written ISO and Jalali) or ``list`` (of text)."""

    name: str
    type: str
    meaning: str  # in Persian, for the data dictionary
    value: Callable
    prefetch: tuple = ()  # relations ``value`` reads, fetched once for the whole table


@dataclass(frozen=True)
class Table:
    """An open-data table of a record type's parts (a meeting's resolutions): ``rows(records)`` gives its
    rows for the published records of the type."""

    name: str  # the file's name without extension: ``resolutions``
    title: str  # «مصوبات»
    columns: tuple
    rows: Callable


@dataclass(frozen=True, eq=False)  # one object per type: compared and hashed by identity
class RecordType:
    name: str  # the archive format's ``type`` and the search API's ``type`` value
    model: type  # the record page model
    index_model: type  # the section page records of this type live under
    section: str  # the section page's slug and URL prefix
    section_title: str
    label: str  # «تفاهم‌نامه»
    plural: str  # «تفاهم‌نامه‌ها»
    archive_handler: str  # dotted path of its archive-format handler (``records.archive.handlers``)
    search_items: Callable  # page -> [SearchItem]: the record, and its parts if it has any
    statuses: tuple = ()  # Status values its records (or their parts) can have, as the public sees them
    status_kind: str = ""  # the search entry kind whose status the ``status`` filter reads
    lapse: Lapse = None  # how a stored status lapses with time, if it does
    affected_by: Callable = None  # page -> other records whose search entries this one changes
    search_related: tuple = ()  # Related: child rows ``search_items`` reads, prefetched for many pages
    parts: tuple = ()  # (kind, label) of the parts indexed on their own (a meeting's resolutions)
    staff_may_propose: bool = False  # municipal staff may add records of this type for review
    involvement: Involvement = None  # ``?involved=<municipality>`` in its listing, if it has one
    columns: tuple = ()  # Column: its own fields in the open-data table of its records (after the shared ones)
    tables: tuple = ()  # Table: open-data tables of its parts

    def handler(self):
        return import_string(self.archive_handler)()

    @property
    def document_link_model(self):
        """The attachment-row model listing a record's documents."""
        return self.model._meta.get_field("documents").related_model

    def status_label(self, value):
        return next((status.label for status in self.statuses if status.value == value), value)


_types = {}


def register(record_type):
    if record_type.name in _types and _types[record_type.name] is not record_type:
        raise ValueError(f"record type {record_type.name!r} registered twice")
    _types[record_type.name] = record_type


def record_types():
    """Every registered type, in the order the apps are installed (meetings, agreements, practices)."""
    return list(_types.values())


def record_type(name):
    """The type named ``name``; ``KeyError`` for one nobody registered."""
    return _types[name]


def type_for(model):
    """The type whose records are ``model``'s instances, or None."""
    return next((rt for rt in _types.values() if rt.model is model), None)


def type_of(page):
    """The type of a record page (a Wagtail Page or the specific record), or None for any other page."""
    return type_for(page.specific_class if hasattr(page, "specific_class") else type(page))


def record_models():
    return [rt.model for rt in _types.values()]


def type_names():
    return [rt.name for rt in _types.values()]


def entry_kinds():
    """(kind, label) of everything the search index holds: each type, then each type's parts."""
    kinds = [(rt.name, rt.label) for rt in _types.values()]
    return kinds + [part for rt in _types.values() for part in rt.parts]


def all_statuses():
    return [status for rt in _types.values() for status in rt.statuses]
