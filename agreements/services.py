"""Published agreements in force, for the home page and the province pages."""

from persian import jalali
from records.publication import published

from .models import AgreementPage
from .status import effective_status, filter_by_term, in_force_q, term_counts

__all__ = ["effective_status", "filter_by_term", "in_force", "term_counts"]


def in_force(today=None):
    """Published agreements in force today (signed or in force, term not passed)."""
    return published(AgreementPage).filter(in_force_q(today or jalali.today()))
