"""The best-practice part of the archive exchange format.

``related`` (a list of agreement refs and ``MEETING#n`` resolution refs) is this portal's
compatible extension: other tools may leave it out.
"""

from django.db.models import Prefetch

from agreements.models import AgreementPage
from meetings.archive import find_resolution, of_public_meeting, resolution_exists
from meetings.models import Resolution
from records.archive.errors import ArchiveError, check_length
from records.archive.parse import list_value, resolution_ref, text_value
from records.publication import published
from records.refs import ref_key

from .models import BestPracticePage


class PracticeHandler:
    model = BestPracticePage
    fields = ("results", "contact", "related", "featured")

    def validate(self, data):
        related = list_value(data, "related")
        return {
            "results": text_value(data, "results"),
            "contact": check_length(text_value(data, "contact"), "contact", BestPracticePage, "contact"),
            "featured": bool(data.get("featured")),
            "related_resolutions": [resolution_ref(ref, "related") for ref in related if "#" in ref],
            "related_agreements": [ref for ref in related if "#" not in ref],
        }

    def check_references(self, record, batch):
        for meeting_ref, number in record.extra["related_resolutions"]:
            if not resolution_exists(meeting_ref, number, batch):
                raise ArchiveError("related", f"مصوبه «{meeting_ref}#{number}» در بایگانی نیست.")
        for ref in record.extra["related_agreements"]:
            key = ref_key(ref)
            if key not in batch.record_refs and not AgreementPage.objects.filter(ref_key=key).exists():
                raise ArchiveError("related", f"تفاهم‌نامه «{ref}» در بایگانی نیست.")

    def apply(self, page, record):
        extra = record.extra
        page.results = extra["results"]
        page.contact = extra["contact"]
        page.featured = extra["featured"]
        page.related_resolutions = [find_resolution(*ref) for ref in extra["related_resolutions"]]
        page.related_agreements = list(
            AgreementPage.objects.filter(ref_key__in=[ref_key(r) for r in extra["related_agreements"]])
        )

    def export_prefetch(self):
        """What ``export`` reads, for a chunk of pages at once: an export names only public records, not a
        draft's resolution, nor a draft agreement."""
        resolutions = Resolution.objects.filter(of_public_meeting("meeting_id"))
        return [
            Prefetch(
                "related_resolutions",
                queryset=resolutions.select_related("meeting").order_by("sort_order", "pk"),
                to_attr="export_resolutions",
            ),
            Prefetch(
                "related_agreements", queryset=published(AgreementPage).order_by("pk"), to_attr="export_agreements"
            ),
        ]

    def export(self, page):
        data = {"results": page.results, "contact": page.contact}
        if page.featured:
            data["featured"] = True
        related = [r.ref for r in page.export_resolutions] + [a.ref for a in page.export_agreements]
        if related:
            data["related"] = related
        return {key: value for key, value in data.items() if value}
