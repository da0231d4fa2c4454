"""Sending a saved search's digest: once per item, retried with back-off when the mail server fails,
stopped for good when the address bounces (a permanent 5xx)."""

import datetime
import logging
import smtplib

from django.db import transaction
from django.utils import timezone

from .digest import Digests, message
from .models import AlertItem, Frequency, SavedSearch

log = logging.getLogger(__name__)

PERIODS = {Frequency.DAILY: datetime.timedelta(days=1), Frequency.WEEKLY: datetime.timedelta(days=7)}
FIRST_RETRY = datetime.timedelta(minutes=1)
LONGEST_RETRY = datetime.timedelta(hours=6)


class Outcome:
    SENT, NOTHING, NOT_DUE, RETRY, BOUNCED = "sent", "nothing", "not due", "retry", "bounced"


def backoff(attempts):
    """1, 2, 4 … minutes after each failure, at most six hours: never given up, never lost."""
    return min(FIRST_RETRY * 2 ** max(0, attempts - 1), LONGEST_RETRY)


def due(saved, now):
    if saved.retry_at and saved.retry_at > now:
        return False
    period = PERIODS.get(saved.frequency)
    return period is None or saved.last_sent_at is None or saved.last_sent_at + period <= now


def permanent(error):
    """A 5xx answer about the recipient: the address bounces."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(code >= 500 for code, _ in error.recipients.values())
    return (
        isinstance(error, smtplib.SMTPResponseException)
        and error.smtp_code >= 500
        and not isinstance(error, smtplib.SMTPSenderRefused)
    )


def send_digest(saved_id, now=None, force=False, digests=None):
    """Send the saved search's queued items if its frequency says it is time; returns an ``Outcome``.
    ``digests``: what the digests of one run share (``send_digests``). Every queued item is marked
    sent, those the e-mail lists and those it counts in its «و n سند دیگر» line alike."""
    now = now or timezone.now()
    digests = digests or Digests()
    with transaction.atomic():
        saved = SavedSearch.objects.select_for_update().select_related("address").filter(pk=saved_id).first()
        if saved is None or not SavedSearch.objects.active().filter(pk=saved.pk).exists():
            return Outcome.NOTHING
        if not force and not due(saved, now):
            return Outcome.NOT_DUE
        queued = list(AlertItem.objects.filter(search=saved, sent_at__isnull=True).only("pk", "page_id", "entries"))
        found, count = digests.rows(saved, queued)
        if not found:  # everything queued was since unpublished or restricted
            AlertItem.objects.filter(pk__in=[i.pk for i in queued]).update(sent_at=now)
            return Outcome.NOTHING
        try:
            message(saved, found, count).send()
        except (smtplib.SMTPException, OSError) as error:
            return _failed(saved, error, now)
        AlertItem.objects.filter(pk__in=[i.pk for i in queued]).update(sent_at=now)
        SavedSearch.objects.filter(pk=saved.pk).update(last_sent_at=now, attempts=0, retry_at=None)
        return Outcome.SENT


def _failed(saved, error, now):
    if permanent(error):
        log.warning("alerts to %s bounce: %s", saved.address.email, error)
        reason = str(error)[:500]
        type(saved.address).objects.filter(pk=saved.address.pk).update(bounced_at=now, bounce_reason=reason)
        return Outcome.BOUNCED
    attempts = saved.attempts + 1
    log.warning("sending alerts of search %s failed (attempt %s): %s", saved.pk, attempts, error)
    SavedSearch.objects.filter(pk=saved.pk).update(attempts=attempts, retry_at=now + backoff(attempts))
    return Outcome.RETRY


def send_digests(saved_ids, now=None):
    """{id: Outcome} of ``send_digest`` for each saved search, sharing the records' rows and snippets."""
    digests = Digests()
    return {pk: send_digest(pk, now=now, digests=digests) for pk in saved_ids}


def due_searches(now=None):
    """Ids of the active saved searches with queued items whose time has come."""
    now = now or timezone.now()
    waiting = SavedSearch.objects.active().filter(items__sent_at__isnull=True).distinct().select_related("address")
    return [saved.pk for saved in waiting if due(saved, now)]
