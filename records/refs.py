"""Looking records up by their archive ref, across every record type."""

from persian.text import normalize

from .registry import record_models


def ref_key(ref):
    """The form a ref is compared in: folded characters, Latin digits, upper case, no spaces."""
    return normalize(ref).replace(" ", "").upper()


def ref_owner(key):
    """The record (of any type) that holds this ref key, or None."""
    for model in record_models():
        record = model.objects.filter(ref_key=key).first()
        if record is not None:
            return record
    return None
