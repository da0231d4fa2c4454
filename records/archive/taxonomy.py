"""Resolving the names an archive file uses to municipalities and topics.

During a batch (``names_cached()``) the rows are looked up once and kept in dicts; rows created by a file
join them only once that file is written (``file_written()``), so a file that rolls back leaves none behind.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from persian.text import display_name, normalize
from places.models import Municipality, Province, Topic

from .errors import check_length

MUNICIPALITY_PREFIX = "شهرداری "
_PREFIXES = (MUNICIPALITY_PREFIX, "شهر ")


def _strip_prefix(name):
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


class Names:
    """Topics by name and each province's municipalities by name, as committed; ``created``: rows the file
    being written has added so far."""

    def __init__(self):
        self.topics = None
        self.municipalities = {}  # province id: {name: municipality}
        self.created = []
        self.provinces = None  # an import creates none
        self.memo = {}  # other names a record type resolves (``batch_memo``)
        self.changing = []  # keys of ``memo`` the file being written changes

    def topic_map(self):
        if self.topics is None:
            self.topics = {topic.name: topic for topic in Topic.objects.all()}
        return self.topics

    def municipality_map(self, province):
        if province.pk not in self.municipalities:
            self.municipalities[province.pk] = {m.name: m for m in Municipality.objects.filter(province=province)}
        return self.municipalities[province.pk]

    def file_written(self, ok):
        changing, self.changing = self.changing, []
        for key in changing:
            self.memo.pop(key, None)
        created, self.created = self.created, []
        if not ok:
            # Forget what the file's rollback removed (the maps are read again when next needed).
            for row in created:
                if isinstance(row, Topic):
                    self.topics = None
                else:
                    self.municipalities.pop(row.province_id, None)


_names = ContextVar("archive_names", default=None)


@contextmanager
def names_cached():
    token = _names.set(Names())
    try:
        yield _names.get()
    finally:
        _names.reset(token)


@contextmanager
def writing_file():
    """Around one file's transaction: rows it created are kept in the cache only if it was written."""
    names = _names.get()
    if names is None:
        yield
        return
    try:
        yield
    except BaseException:
        names.file_written(False)
        raise
    names.file_written(True)


def batch_memo():
    """A dict a record type keeps what it looked up in during a batch (None outside one): an entry lives
    until a file says it changes what the entry names (``changing``)."""
    cache = _names.get()
    return None if cache is None else cache.memo


def changing(key):
    """The file being written changes what ``key`` of ``batch_memo()`` names: forgotten now and again once
    the file is written or rolled back."""
    cache = _names.get()
    if cache is not None:
        cache.memo.pop(key, None)
        cache.changing.append(key)


def provinces():
    cache = _names.get()
    if cache is None:
        return list(Province.objects.all())
    if cache.provinces is None:
        cache.provinces = list(Province.objects.all())
    return cache.provinces


def municipality_name(name):
    """The name a municipality written as ``name`` (perhaps «شهرداری X») is stored under."""
    return display_name(_strip_prefix(normalize(name)))


def municipality_in(province, name):
    """The named municipality of ``province``, created if the province does not have it yet."""
    name = municipality_name(name)
    cache = _names.get()
    if cache is None:
        return Municipality.objects.get_or_create(province=province, name=name)[0]
    known = cache.municipality_map(province)
    if name not in known:
        known[name], created = Municipality.objects.get_or_create(province=province, name=name)
        if created:
            cache.created.append(known[name])
    return known[name]


def check_municipality_names(names, field, always=False):
    """Refuse, before writing, a name that would create a municipality longer than its column.

    In a participants/parties list only «شهرداری X» creates one (``always`` for a host's name).
    """
    for name in names:
        if always or normalize(name).startswith(MUNICIPALITY_PREFIX):
            check_length(municipality_name(name), field, Municipality, "name")
    return names


def link_municipalities(province, names):
    """Municipalities of ``province`` named in a participants/parties list.

    «شهرداری X» always names a municipality (created if new); a bare name is linked only when the
    province already has it, since these lists also hold bodies such as «دفتر امور شهری استانداری».
    """
    cache = _names.get()
    known = cache.municipality_map(province).values() if cache is not None else province.municipalities.all()
    by_name = {normalize(m.name): m for m in known}
    found = []
    for name in names:
        key = normalize(name)
        if _strip_prefix(key) in by_name:
            municipality = by_name[_strip_prefix(key)]
        elif key.startswith(MUNICIPALITY_PREFIX):
            municipality = municipality_in(province, key)
        else:
            continue
        if municipality not in found:
            found.append(municipality)
    return found


def topics_named(names):
    cache = _names.get()
    topics = []
    for name in map(display_name, names):
        if cache is None:
            topics.append(Topic.objects.get_or_create(name=name)[0])
            continue
        known = cache.topic_map()
        if name not in known:
            known[name], created = Topic.objects.get_or_create(name=name)
            if created:
                cache.created.append(known[name])
        topics.append(known[name])
    return topics
