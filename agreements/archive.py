"""The agreement part of the archive exchange format."""

from django.db.models import Prefetch

from meetings.archive import find_resolution, of_public_meeting, resolution_exists
from meetings.models import Resolution
from persian import jalali
from records.archive.errors import ArchiveError
from records.archive.parse import date_value, list_value, resolution_ref, text_value
from records.archive.taxonomy import check_municipality_names, link_municipalities

from .models import AgreementPage, AgreementStatus

STATUSES = set(AgreementStatus.values)


class AgreementHandler:
    model = AgreementPage
    fields = ("parties", "valid_until", "status", "approved_by", "restricted_attachments")

    def validate(self, data):
        parties = check_municipality_names(list_value(data, "parties"), "parties")
        if not parties:
            raise ArchiveError("parties", "دست‌کم یک طرف تفاهم‌نامه لازم است.")
        status = text_value(data, "status") or AgreementStatus.SIGNED
        if status not in STATUSES:
            raise ArchiveError("status", f"وضعیت «{status}» نامعتبر است؛ یکی از {', '.join(sorted(STATUSES))}.")
        approved_by = text_value(data, "approved_by")
        restricted = list_value(data, "restricted_attachments")
        attachments = set(list_value(data, "attachments"))
        for name in restricted:
            if name not in attachments:
                raise ArchiveError("restricted_attachments", f"«{name}» در فهرست attachments نیست.")
            if not name.lower().endswith((".pdf", ".docx")):
                raise ArchiveError("restricted_attachments", f"«{name}»: فقط سند PDF یا DOCX محرمانه می‌شود.")
        return {
            "restricted_attachments": restricted,
            "parties": parties,
            "valid_until": date_value(data, "valid_until"),
            "status": status,
            "approved_by": resolution_ref(approved_by, "approved_by") if approved_by else None,
        }

    def check_references(self, record, batch):
        approved_by = record.extra["approved_by"]
        if approved_by and not resolution_exists(*approved_by, batch):
            raise ArchiveError("approved_by", f"مصوبه «{approved_by[0]}#{approved_by[1]}» در بایگانی نیست.")
        valid_until = record.extra["valid_until"]
        if valid_until and valid_until < record.date:
            raise ArchiveError("valid_until", "پایان اعتبار پیش از تاریخ امضاست.")

    def apply(self, page, record):
        extra = record.extra
        page.parties = "\n".join(extra["parties"])
        page.valid_until = extra["valid_until"]
        page.status = extra["status"]
        page.approved_by = find_resolution(*extra["approved_by"]) if extra["approved_by"] else None
        page.party_municipalities = link_municipalities(record.province, extra["parties"])

    def document_fields(self, record, attachment):
        """Extra fields of the attachment row: ``restricted`` when the file is listed as such."""
        restricted = {(record.path.parent / name).resolve() for name in record.extra["restricted_attachments"]}
        return {"restricted": attachment.path in restricted}

    def export_prefetch(self):
        """What ``export`` reads, for a chunk of pages at once: an export names only public records."""
        approving = Resolution.objects.filter(of_public_meeting("meeting_id"))
        return [Prefetch("approved_by", queryset=approving.select_related("meeting"), to_attr="export_approved_by")]

    def export(self, page):
        data = {"parties": page.party_list, "status": page.status}
        if page.valid_until:
            data["valid_until"] = jalali.format_numeric(page.valid_until, persian_digits=False)
        if page.export_approved_by:
            data["approved_by"] = page.export_approved_by.ref
        return data
