"""A best practice's own columns in the open-data tables."""

from django.db.models import Prefetch

from agreements.models import AgreementPage
from meetings.models import Resolution
from records.publication import public, public_through
from records.registry import Column


def _public_resolutions():
    """The related resolutions of published meetings, fetched for the whole table at once."""
    resolutions = public_through(Resolution.objects.select_related("meeting"), "meeting")
    return Prefetch(
        "related_resolutions", resolutions.order_by("meeting__date", "number"), to_attr="public_resolutions"
    )


def _public_agreements():
    agreements = public(AgreementPage.objects.all()).order_by("date", "pk")
    return Prefetch("related_agreements", agreements, to_attr="public_agreements")


COLUMNS = (
    Column("results", "text", "نتیجه‌های سنجیده", lambda p: p.results),
    Column("contact", "text", "برای پرسش به چه کسی یا کجا", lambda p: p.contact),
    Column("featured", "boolean", "برگزیده در صفحه اصلی یا نه", lambda p: p.featured),
    Column(
        "related_resolutions",
        "list",
        "شماره مصوبه‌های مرتبط",
        lambda p: [r.ref for r in p.public_resolutions],
        (_public_resolutions(),),
    ),
    Column(
        "related_agreements",
        "list",
        "شماره تفاهم‌نامه‌های مرتبط",
        lambda p: [a.ref for a in p.public_agreements],
        (_public_agreements(),),
    ),
)
