"""Agreement status as the public sees it — the one place that says which agreements are in force.

The rule: an agreement signed («امضا شده») or marked in force («در حال اجرا») is in force while its term
runs (no ``valid_until``, or one not yet passed); once the term has passed it is expired, whoever
forgot to edit it. One marked expired is expired; drafts and terminated ones are neither. ``LAPSE``
holds the rule once; the pages, the listing's filter, the search index and the cluster all read it.
"""

import datetime

from django.db import models
from django.db.models import Q

from persian import jalali
from records.registry import Lapse


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", "پیش‌نویس"
    SIGNED = "signed", "امضا شده"
    IN_FORCE = "in_force", "در حال اجرا"
    EXPIRED = "expired", "منقضی"
    TERMINATED = "terminated", "فسخ شده"


LAPSE = Lapse(
    statuses=(AgreementStatus.SIGNED, AgreementStatus.IN_FORCE),
    date_field="valid_until",
    becomes=AgreementStatus.EXPIRED,
)
LAPSING_STATUSES = LAPSE.statuses
IN_FORCE_STATUSES = LAPSING_STATUSES
EXPIRING_WITHIN_DAYS = 90


class Term:
    """The values of the agreements listing's ``status`` filter, with their labels."""

    IN_FORCE = "in_force"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    LABELS = {
        IN_FORCE: "در حال اجرا",
        EXPIRING: "رو به پایان (تا ۹۰ روز)",
        EXPIRED: "منقضی",
    }


def effective_status(agreement, today=None):
    return LAPSE.status_of(agreement.status, agreement.valid_until, today or jalali.today())


def in_force_q(today):
    return Q(status__in=IN_FORCE_STATUSES) & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))


def expiring_q(today):
    """In force, and the term ends within EXPIRING_WITHIN_DAYS days."""
    return in_force_q(today) & Q(valid_until__lte=today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS))


def expired_q(today):
    return Q(status=AgreementStatus.EXPIRED) | LAPSE.q(today)


TERM_FILTERS = {Term.IN_FORCE: in_force_q, Term.EXPIRING: expiring_q, Term.EXPIRED: expired_q}


def filter_by_term(agreements, term, today=None):
    """``agreements`` narrowed to one Term value; an unknown value leaves them as they are."""
    condition = TERM_FILTERS.get(term)
    return agreements.filter(condition(today or jalali.today())) if condition else agreements


def term_counts(agreements, today=None):
    """How many of ``agreements`` are in force, expiring, expired: [(value, label, count)]."""
    today = today or jalali.today()
    return [
        (term, Term.LABELS[term], agreements.filter(condition(today)).count())
        for term, condition in TERM_FILTERS.items()
    ]
