"""Agreement status as the public sees it: a term that has run out means expired."""

from django.db.models import Q

from portal import jalali
from portal.listing import published

from .models import AgreementPage, AgreementStatus

LAPSING_STATUSES = (AgreementStatus.SIGNED, AgreementStatus.IN_FORCE)


def effective_status(agreement, today=None):
    today = today or jalali.today()
    if agreement.status in LAPSING_STATUSES and agreement.valid_until and agreement.valid_until < today:
        return AgreementStatus.EXPIRED
    return agreement.status


def in_force(today=None):
    """Published agreements in force today (expired terms excluded)."""
    today = today or jalali.today()
    return (
        published(AgreementPage)
        .filter(status=AgreementStatus.IN_FORCE)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    )
