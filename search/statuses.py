"""The statuses a search can filter by, their Persian labels, and the status the public sees of a
search entry (an agreement whose term has run out is expired, whatever its stored status says)."""

from django.db.models import Case, CharField, F, Q, Value, When

from agreements.services import LAPSING_STATUSES
from portal import jalali

from .models import EntryKind

RESOLUTION_STATUSES = ("pending", "in_progress", "done", "cancelled")
AGREEMENT_STATUSES = ("draft", "signed", "in_force", "expired", "terminated")
STATUS_LABELS = {
    "pending": "در انتظار اقدام",
    "in_progress": "در دست اقدام",
    "done": "انجام شد",
    "cancelled": "لغو شد",
    "draft": "پیش‌نویس",
    "signed": "امضا شده",
    "in_force": "در حال اجرا",
    "expired": "منقضی",
    "terminated": "فسخ شده",
}


def _lapsed(today):
    """Agreements whose term has run out: expired, whatever their stored status says."""
    return Q(kind=EntryKind.AGREEMENT, status__in=LAPSING_STATUSES, valid_until__lt=today)


def effective_status():
    """The status the public sees, as an SQL expression (for the result rows)."""
    return Case(When(_lapsed(jalali.today()), then=Value("expired")), default=F("status"), output_field=CharField())


def status_filter(statuses):
    """Rows whose effective status is one of ``statuses``, as conditions indexes can serve."""
    lapsed = _lapsed(jalali.today())
    condition = Q(pk__in=[])
    for status in statuses:
        if status == "expired":
            condition |= lapsed | Q(status="expired")
        elif status in LAPSING_STATUSES:
            condition |= Q(status=status) & ~lapsed
        else:
            condition |= Q(status=status)
    return condition
