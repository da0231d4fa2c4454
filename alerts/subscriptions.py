"""Making, confirming and changing saved searches: what the views and the office's admin view do."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .models import Address, RecordChange, SavedSearch
from .tasks import send_confirmation


def address_for(email):
    address, _ = Address.objects.get_or_create(email=email.strip().lower())
    return address


def _now_seen():
    """Matching starts from the changes after this moment: nothing older is sent."""
    return RecordChange.objects.aggregate(m=Max("pk"))["m"] or 0


def subscribe(email, name, query, frequency, user=None, municipality=None, confirmed=False):
    """A saved search; unless already confirmed (a signed-in user's own address, an office's), a
    confirmation link goes to the address and nothing else will until it is followed."""
    saved = SavedSearch.objects.create(
        address=address_for(email),
        user=user,
        municipality=municipality,
        name=name.strip(),
        query=query,
        frequency=frequency,
        confirmed_at=timezone.now() if confirmed else None,
        seen_change=_now_seen(),
    )
    if not confirmed:
        transaction.on_commit(lambda: send_confirmation.enqueue(saved.pk))
    return saved


def confirm(saved):
    if saved.confirmed_at is None:
        SavedSearch.objects.filter(pk=saved.pk).update(confirmed_at=timezone.now(), seen_change=_now_seen())
        saved.refresh_from_db()
    return saved


def change(saved, action, name="", frequency=""):
    if action == "delete":
        saved.delete()
        return None
    if action == "rename":
        saved.name = name.strip()
    elif action == "frequency":
        saved.frequency = frequency
    elif action == "pause":
        saved.paused = True
    elif action == "resume" and saved.paused:
        saved.paused, saved.seen_change = False, _now_seen()  # nothing of the pause is sent afterwards
    saved.save()
    return saved
