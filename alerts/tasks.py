"""The alerts' background tasks (``records.background``): matching, sending digests, confirmations."""

import logging
import smtplib

from django.utils import timezone
from django_tasks import task

from records.background import BACKGROUND

from . import digest, links, matching, sending
from .models import Frequency, SavedSearch

log = logging.getLogger(__name__)


@task(backend=BACKGROUND)
def match_changes():
    """Queue the new matches of every saved search; send those that want them at once, in one task
    (their digests share the changed records' rows and snippets)."""
    fed = matching.match_changes()
    immediate = SavedSearch.objects.filter(pk__in=fed, frequency=Frequency.IMMEDIATE).values_list("pk", flat=True)
    if immediate:
        send_immediate.enqueue(sorted(immediate))
    return len(fed)


@task(backend=BACKGROUND)
def send_immediate(saved_ids):
    outcomes = sending.send_digests(saved_ids)
    for pk, outcome in outcomes.items():
        if outcome == sending.Outcome.RETRY:
            _retry_later(send_alerts, pk)
    return len(outcomes)


@task(backend=BACKGROUND)
def send_alerts(saved_id):
    outcome = sending.send_digest(saved_id)
    if outcome == sending.Outcome.RETRY:
        _retry_later(send_alerts, saved_id)
    return outcome


@task(backend=BACKGROUND)
def send_due():
    """Every digest whose time has come (daily, weekly, retries): run by ``manage.py send_alerts``."""
    return sending.send_digests(sending.due_searches())


@task(backend=BACKGROUND)
def send_confirmation(saved_id):
    saved = SavedSearch.objects.select_related("address").filter(pk=saved_id, confirmed_at__isnull=True).first()
    if saved is None or saved.address.bounced_at:
        return False
    try:
        digest.confirmation(saved, links.confirm_url(saved)).send()
    except (smtplib.SMTPException, OSError) as error:
        if sending.permanent(error):
            type(saved.address).objects.filter(pk=saved.address_id).update(
                bounced_at=timezone.now(), bounce_reason=str(error)[:500]
            )
            return False
        log.warning("confirmation for search %s not sent: %s", saved_id, error)
        _retry_later(send_confirmation, saved_id, attempts=1)
        return False
    return True


def _retry_later(the_task, saved_id, attempts=None):
    """Enqueue the task again after the back-off, on a backend that can wait (the database's); on one
    that cannot, ``send_due`` picks the digest up once its ``retry_at`` has passed."""
    saved = SavedSearch.objects.filter(pk=saved_id).first()
    if saved is None or not the_task.get_backend().supports_defer:
        return
    wait = sending.backoff(attempts or saved.attempts)
    the_task.using(run_after=timezone.now() + wait).enqueue(saved_id)
