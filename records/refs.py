"""Looking records up by their archive ref, across every record type."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import IntegerField, Value

from persian.text import normalize

from .registry import record_models


def ref_key(ref):
    """The form a ref is compared in: folded characters, Latin digits, upper case, no spaces."""
    return normalize(ref).replace(" ", "").upper()


KEYS_PER_QUERY = 500  # each record table's IN list: well within every backend's limit of parameters
# {ref key: (record model, pk) or None} of the refs a bulk import writes, looked up once for all of them.
_known = ContextVar("ref_owners_known", default=None)


def _holders(models, keys):
    holders = [
        model.objects.filter(ref_key__in=keys)
        .order_by()
        .annotate(kind=Value(n, IntegerField()))
        .values_list("pk", "kind", "ref_key")
        for n, model in enumerate(models)
    ]
    return holders[0].union(*holders[1:], all=True) if len(holders) > 1 else holders[0]


def ref_owner(key):
    """The record (of any type) that holds this ref key, or None: one query asks every record table."""
    known = _known.get()
    if known is not None and key in known:
        held = known[key]
        return None if held is None else held[0].objects.filter(pk=held[1]).first()
    models = record_models()
    for pk, kind, _ in _holders(models, [key])[:1]:
        return models[kind].objects.filter(pk=pk).first()
    return None


@contextmanager
def owners_known(keys):
    """Within: ``ref_owner`` of ``keys`` answered from one query made now. Only for a writer that notes
    each of them it gives an owner (``owner_written``), as a bulk import does."""
    models = record_models()
    known = dict.fromkeys(keys)
    listed = list(known)
    for start in range(0, len(listed), KEYS_PER_QUERY):
        for pk, kind, key in _holders(models, listed[start : start + KEYS_PER_QUERY]):
            known[key] = (models[kind], pk)
    token = _known.set(known)
    try:
        yield
    finally:
        _known.reset(token)


def known_to_be_free(key):
    """True when ``owners_known`` found no record holding ``key`` (and none has taken it since)."""
    known = _known.get()
    return known is not None and key in known and known[key] is None


def owner_written(page):
    """``page`` now holds its ref (its write was committed)."""
    known = _known.get()
    if known is not None:
        known[page.ref_key] = (type(page), page.pk)
