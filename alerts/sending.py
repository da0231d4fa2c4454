"""Sending saved searches' digests: once per item, retried with back-off when the mail server fails,
stopped for good when the address bounces (a permanent 5xx).

Digests go out in batches. A batch's queued items are claimed in one transaction (``claim``, a token
of the run, and ``claimed_at``), its e-mails share one connection to the mail server, and each digest
the server accepts is recorded as sent at once, in a short transaction of its own, before the next is
sent (one UPDATE of its items, committed): that commit is what keeps a digest from being sent twice.
The saved searches' own «last sent» is written for the whole batch at its end.

If the process dies mid-batch: the digests recorded are done and never sent again; the items of the
others stay claimed until the claim's lease runs out (``LEASE``), then the next run that finds them
due (``send_due``, from cron) claims and sends them: nothing is lost, only late. The one digest that
can arrive twice is one the server accepted in the instant before the process died, before its
UPDATE was committed, as before batching. The digests recorded keep their search's earlier «last
sent», so a daily or weekly search's next digest can come early (with new items only).
"""

import datetime
import json
import logging
import smtplib
import uuid

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from .digest import Digests, message
from .models import AlertItem, Frequency, SavedSearch

log = logging.getLogger(__name__)

PERIODS = {Frequency.DAILY: datetime.timedelta(days=1), Frequency.WEEKLY: datetime.timedelta(days=7)}
FIRST_RETRY = datetime.timedelta(minutes=1)
LONGEST_RETRY = datetime.timedelta(hours=6)
BATCH = 200  # digests claimed together and sent over one connection
LEASE = datetime.timedelta(minutes=15)  # a claim older than this was left by a run that died


class Outcome:
    SENT, NOTHING, NOT_DUE, HELD, RETRY, BOUNCED = "sent", "nothing", "not due", "held", "retry", "bounced"


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


def answered(error):
    """Whether the server answered (about this message or recipient): the connection is still good."""
    return isinstance(error, (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused))


def unclaimed(now, prefix=""):
    """Items no live run holds: never claimed, or claimed by a run that died (its lease ran out)."""
    return Q(**{f"{prefix}claim__isnull": True}) | Q(**{f"{prefix}claimed_at__lte": now - LEASE})


def send_digest(saved_id, now=None, force=False):
    """``send_digests`` of one saved search: its ``Outcome``."""
    return send_digests([saved_id], now=now, force=force)[saved_id]


def send_digests(saved_ids, now=None, force=False, batch=BATCH):
    """{id: Outcome}: each saved search's queued items sent as one digest if its frequency says it is
    time (``force``: whatever it says), the digests of a run sharing the records' rows and snippets.
    Every queued item is marked sent, those the e-mail lists and those it counts in its «و n سند دیگر»
    line alike."""
    now = now or timezone.now()
    digests = Digests()
    saved_ids = list(saved_ids)
    outcomes = {}
    for start in range(0, len(saved_ids), batch):
        outcomes.update(_send_batch(saved_ids[start : start + batch], now, force, digests))
    return outcomes


def _send_batch(saved_ids, now, force, digests):
    outcomes = dict.fromkeys(saved_ids, Outcome.NOTHING)
    token, claimed = _claim(saved_ids, now, force, outcomes)
    if not claimed:
        return outcomes
    entries = _claimed_entries(list(claimed), token)
    record_sent = _recorder(token, now)
    sent = []
    mail = get_connection()
    down = None  # the error that showed the mail server unreachable
    try:
        for pk, saved in claimed.items():
            found, count = digests.rows(saved, entries.get(pk, ()))
            if not found:  # everything queued was since unpublished or restricted
                record_sent(pk)
                continue
            if down:
                outcomes[pk] = _failed(saved, token, down, now)
                continue
            try:
                mail.open()
                mail.send_messages([message(saved, found, count)])
            except (smtplib.SMTPException, OSError) as error:
                outcomes[pk] = _failed(saved, token, error, now)
                if not answered(error):  # the server is down or went away: the rest wait for their back-off
                    down = error
                continue
            record_sent(pk)
            outcomes[pk] = Outcome.SENT
            sent.append(pk)
    finally:
        _close(mail)
        SavedSearch.objects.filter(pk__in=sent).update(last_sent_at=now, attempts=0, retry_at=None)
    return outcomes


def _claim(saved_ids, now, force, outcomes):
    """In one transaction: the active saved searches of ``saved_ids`` that are due, whose queued items
    no live run holds, with those items marked as this run's. Returns (the claim, {id: SavedSearch})
    and notes in ``outcomes`` why the others are not sent."""
    token = uuid.uuid4()
    with transaction.atomic():
        searches = SavedSearch.objects.active().select_for_update(of=("self",)).select_related("address")
        searches = {saved.pk: saved for saved in searches.filter(pk__in=saved_ids)}
        held = AlertItem.objects.filter(search_id__in=list(searches), sent_at__isnull=True).exclude(unclaimed(now))
        held = set(held.values_list("search_id", flat=True))
        outcomes.update(dict.fromkeys(held, Outcome.HELD))
        wanted = {}
        for pk, saved in searches.items():
            if pk in held:
                continue
            if force or due(saved, now):
                wanted[pk] = saved
            else:
                outcomes[pk] = Outcome.NOT_DUE
        taken = AlertItem.objects.filter(search_id__in=list(wanted), sent_at__isnull=True).filter(unclaimed(now))
        taken.update(claim=token, claimed_at=now)
    return token, wanted


def _claimed_entries(saved_ids, token):
    """{saved search id: the entry ids its claimed items matched}. Read as JSON text and each distinct
    list decoded once: the searches a record matches mostly match the same entries of it, and decoding
    every item's list took close to a tenth of the sending."""
    items = AlertItem.objects.filter(search_id__in=saved_ids, sent_at__isnull=True, claim=token)
    decoded, entries = {}, {}
    for search_id, text in items.values_list("search_id", Cast("entries", TextField())):
        if text not in decoded:
            decoded[text] = json.loads(text)
        entries.setdefault(search_id, []).extend(decoded[text])
    return entries


def _recorder(token, now):
    """A function marking one saved search's claimed items sent, committed at once (outside a transaction,
    the UPDATE commits by itself)."""

    def record_sent(saved_id):
        AlertItem.objects.filter(search_id=saved_id, claim=token, sent_at__isnull=True).update(sent_at=now)

    return record_sent


def _failed(saved, token, error, now):
    AlertItem.objects.filter(search_id=saved.pk, sent_at__isnull=True, claim=token).update(claim=None, claimed_at=None)
    if permanent(error):
        log.warning("alerts to %s bounce: %s", saved.address.email, error)
        reason = str(error)[:500]
        type(saved.address).objects.filter(pk=saved.address.pk).update(bounced_at=now, bounce_reason=reason)
        return Outcome.BOUNCED
    attempts = saved.attempts + 1
    log.warning("sending alerts of search %s failed (attempt %s): %s", saved.pk, attempts, error)
    SavedSearch.objects.filter(pk=saved.pk).update(attempts=attempts, retry_at=now + backoff(attempts))
    return Outcome.RETRY


def _close(mail):
    try:
        mail.close()
    except (smtplib.SMTPException, OSError) as error:
        log.warning("closing the mail connection failed: %s", error)


def due_searches(now=None):
    """Ids of the active saved searches with queued items whose time has come and that no live run holds
    (those of a run that died come back once its lease runs out)."""
    now = now or timezone.now()
    waiting = SavedSearch.objects.active().filter(Q(items__sent_at__isnull=True) & unclaimed(now, "items__"))
    return [saved.pk for saved in waiting.distinct().select_related("address") if due(saved, now)]
