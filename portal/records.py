"""Looking records up by their archive ref, across every record type."""

from django.apps import apps

from portal.persian import normalize

RECORD_MODELS = (
    "meetings.MeetingPage",
    "agreements.AgreementPage",
    "portal.BestPracticePage",
)


def ref_key(ref):
    """The form a ref is compared in: folded characters, Latin digits, upper case, no spaces."""
    return normalize(ref).replace(" ", "").upper()


def record_models():
    return [apps.get_model(label) for label in RECORD_MODELS]


def ref_owner(key):
    """The record (of any type) that holds this ref key, or None."""
    for model in record_models():
        record = model.objects.filter(ref_key=key).first()
        if record is not None:
            return record
    return None
