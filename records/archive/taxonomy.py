"""Resolving the names an archive file uses to municipalities and topics."""

from persian.text import display_name, normalize
from places.models import Municipality, Topic

from .errors import check_length

MUNICIPALITY_PREFIX = "شهرداری "
_PREFIXES = (MUNICIPALITY_PREFIX, "شهر ")


def _strip_prefix(name):
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def municipality_name(name):
    """The name a municipality written as ``name`` (perhaps «شهرداری X») is stored under."""
    return display_name(_strip_prefix(normalize(name)))


def municipality_in(province, name):
    """The named municipality of ``province``, created if the province does not have it yet."""
    municipality, _ = Municipality.objects.get_or_create(province=province, name=municipality_name(name))
    return municipality


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
    by_name = {normalize(m.name): m for m in province.municipalities.all()}
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
    topics = []
    for name in names:
        topic, _ = Topic.objects.get_or_create(name=display_name(name))
        topics.append(topic)
    return topics
