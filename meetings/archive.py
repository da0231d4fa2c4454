"""The meeting part of the archive exchange format: resolutions, follow-ups, next meeting."""

from django.db.models import Exists, OuterRef, Prefetch

from persian import jalali
from records.archive.errors import ArchiveError
from records.archive.parse import date_value, int_value, list_value, resolution_ref, text_value
from records.archive.taxonomy import (
    batch_memo,
    changing,
    check_municipality_names,
    link_municipalities,
    municipality_in,
)
from records.publication import published
from records.refs import ref_key

from .models import FollowUp, MeetingPage, Resolution, ResolutionStatus

STATUSES = set(ResolutionStatus.values)


def resolution_exists(meeting_ref, number, batch):
    """A resolution stored, or one of a meeting being imported in the same batch."""
    key = ref_key(meeting_ref)
    if batch is not None and (key, number) in batch.resolution_refs:
        return True
    return Resolution.objects.filter(meeting__ref_key=key, number=number).exists()


def of_public_meeting(meeting_field):
    """A condition on rows whose ``meeting_field`` is a published meeting: as an EXISTS per row, many times
    faster on SQLite than ``IN (published meetings)`` beside a join."""
    return Exists(published(MeetingPage).filter(pk=OuterRef(meeting_field)))


def find_resolution(meeting_ref, number):
    """The stored resolution; in a batch, a meeting's resolutions are read once, until a file rewrites it."""
    key = ref_key(meeting_ref)
    memo = batch_memo()
    if memo is None:
        return Resolution.objects.filter(meeting__ref_key=key, number=number).first()
    if ("resolutions", key) not in memo:
        memo["resolutions", key] = {r.number: r for r in Resolution.objects.filter(meeting__ref_key=key)}
    return memo["resolutions", key].get(number)


def _status(value, name, default=None):
    status = str(value or default or "").strip()
    if status not in STATUSES:
        raise ArchiveError(name, f"وضعیت «{value}» نامعتبر است؛ یکی از {', '.join(sorted(STATUSES))}.")
    return status


class MeetingHandler:
    model = MeetingPage
    fields = ("participants", "resolutions", "follows_up", "next_meeting")

    def validate(self, data):
        resolutions = []
        items = data.get("resolutions") or []
        if not isinstance(items, list):
            raise ArchiveError("resolutions", "باید فهرستی از مصوبه‌ها باشد.")
        for position, item in enumerate(items, start=1):
            name = f"resolutions[{position}]"
            if not isinstance(item, dict):
                raise ArchiveError(name, "هر مصوبه باید number و text داشته باشد.")
            resolutions.append(
                {
                    "number": int_value(item.get("number"), f"{name}.number"),
                    "text": text_value(item, "text", required=True),
                    "responsible": list_value(item, "responsible"),
                    "deadline": date_value(item, "deadline"),
                    "status": _status(item.get("status"), f"{name}.status", default="pending"),
                }
            )
        numbers = [r["number"] for r in resolutions]
        if len(numbers) != len(set(numbers)):
            raise ArchiveError("resolutions", "شماره مصوبه‌ها تکراری است.")

        follow_ups = []
        items = data.get("follows_up") or []
        if not isinstance(items, list):
            raise ArchiveError("follows_up", "باید فهرستی از پیگیری‌ها باشد.")
        for position, item in enumerate(items, start=1):
            name = f"follows_up[{position}]"
            if not isinstance(item, dict):
                raise ArchiveError(name, "هر پیگیری باید ref، status و note داشته باشد.")
            meeting_ref, number = resolution_ref(item.get("ref") or item.get("resolution"), f"{name}.ref")
            follow_ups.append(
                {
                    "meeting_ref": meeting_ref,
                    "number": number,
                    "status": _status(item.get("status"), f"{name}.status"),
                    "note": text_value(item, "note"),
                }
            )

        next_meeting = data.get("next_meeting") or {}
        if not isinstance(next_meeting, dict):
            raise ArchiveError("next_meeting", "باید به شکل {municipality, date} باشد.")
        next_municipality = text_value(next_meeting, "municipality")
        check_municipality_names([next_municipality] if next_municipality else [], "next_meeting", always=True)
        return {
            "participants": check_municipality_names(list_value(data, "participants"), "participants"),
            "resolutions": resolutions,
            "follow_ups": follow_ups,
            "next_municipality": next_municipality,
            "next_date": date_value(next_meeting, "date"),
        }

    def check_references(self, record, batch):
        for item in record.extra["follow_ups"]:
            if not resolution_exists(item["meeting_ref"], item["number"], batch):
                raise ArchiveError("follows_up", f"مصوبه «{item['meeting_ref']}#{item['number']}» در بایگانی نیست.")

    def apply(self, page, record):
        extra = record.extra
        changing(("resolutions", ref_key(record.ref)))
        page.participants = "\n".join(extra["participants"])
        existing = {r.number: r for r in page.resolutions.all()} if page.pk else {}
        resolutions = []
        for item in extra["resolutions"]:
            resolution = existing.get(item["number"]) or Resolution(number=item["number"])
            resolution.text = item["text"]
            resolution.responsible = "\n".join(item["responsible"])
            resolution.deadline = item["deadline"]
            resolution.status = item["status"]
            resolutions.append(resolution)
        page.resolutions = resolutions
        follow_ups = []
        for item in extra["follow_ups"]:
            target = find_resolution(item["meeting_ref"], item["number"])
            if target is None:
                raise ArchiveError("follows_up", f"مصوبه «{item['meeting_ref']}#{item['number']}» در بایگانی نیست.")
            follow_ups.append(FollowUp(resolution=target, status=item["status"], note=item["note"]))
        page.follow_ups = follow_ups
        page.next_meeting_municipality = (
            municipality_in(record.province, extra["next_municipality"]) if extra["next_municipality"] else None
        )
        page.next_meeting_date = extra["next_date"]
        page.participant_municipalities = link_municipalities(record.province, extra["participants"])

    def export_prefetch(self):
        """What ``export`` reads, for a chunk of pages at once: only public records are named, so a
        follow-up of a draft meeting's resolution stays out."""
        public_follow_ups = FollowUp.objects.filter(of_public_meeting("resolution__meeting_id"))
        return [
            Prefetch("resolutions", queryset=Resolution.objects.order_by("number"), to_attr="export_resolutions"),
            Prefetch(
                "follow_ups",
                queryset=public_follow_ups.select_related("resolution__meeting").order_by("sort_order", "pk"),
                to_attr="export_follow_ups",
            ),
            "next_meeting_municipality",
        ]

    def export(self, page):
        data = {"participants": page.participant_list}
        data["resolutions"] = [
            {
                "number": r.number,
                "text": r.text,
                "responsible": r.responsible_list,
                **({"deadline": jalali.format_numeric(r.deadline, persian_digits=False)} if r.deadline else {}),
                "status": r.status,
            }
            for r in page.export_resolutions
        ]
        data["follows_up"] = [
            {"ref": f.resolution.ref, "status": f.status, "note": f.note} for f in page.export_follow_ups
        ]
        next_meeting = {}
        if page.next_meeting_municipality:
            next_meeting["municipality"] = page.next_meeting_municipality.name
        if page.next_meeting_date:
            next_meeting["date"] = jalali.format_numeric(page.next_meeting_date, persian_digits=False)
        if next_meeting:
            data["next_meeting"] = next_meeting
        return {key: value for key, value in data.items() if value}
