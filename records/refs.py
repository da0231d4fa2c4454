"""Looking records up by their archive ref, across every record type."""

from django.db.models import IntegerField, Value

from persian.text import normalize

from .registry import record_models


def ref_key(ref):
    """The form a ref is compared in: folded characters, Latin digits, upper case, no spaces."""
    return normalize(ref).replace(" ", "").upper()


def ref_owner(key):
    """The record (of any type) that holds this ref key, or None: one query asks every record table."""
    models = record_models()
    holders = [
        model.objects.filter(ref_key=key).order_by().annotate(kind=Value(n, IntegerField())).values_list("pk", "kind")
        for n, model in enumerate(models)
    ]
    found = holders[0].union(*holders[1:], all=True)[:1] if len(holders) > 1 else holders[0][:1]
    for pk, kind in found:
        return models[kind].objects.filter(pk=pk).first()
    return None
