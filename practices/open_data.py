"""A best practice's own columns in the open-data tables."""

from agreements.models import AgreementPage
from meetings.models import MeetingPage
from records.publication import published
from records.registry import Column


def _related_resolutions(practice):
    resolutions = practice.related_resolutions.filter(meeting__in=published(MeetingPage).values("pk"))
    return [r.ref for r in resolutions.select_related("meeting").order_by("meeting__date", "number")]


def _related_agreements(practice):
    agreements = practice.related_agreements.filter(pk__in=published(AgreementPage).values("pk"))
    return [a.ref for a in agreements.order_by("date", "pk")]


COLUMNS = (
    Column("results", "text", "نتیجه‌های سنجیده", lambda p: p.results),
    Column("contact", "text", "برای پرسش به چه کسی یا کجا", lambda p: p.contact),
    Column("featured", "boolean", "برگزیده در صفحه اصلی یا نه", lambda p: p.featured),
    Column("related_resolutions", "list", "شماره مصوبه‌های مرتبط", _related_resolutions),
    Column("related_agreements", "list", "شماره تفاهم‌نامه‌های مرتبط", _related_agreements),
)
