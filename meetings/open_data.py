"""A meeting's own columns in the open-data tables, and the tables of its parts: its resolutions with
their current status, and the follow-ups that make each resolution's status history."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from records.pages import split_lines
from records.registry import Column, Table

from .models import Resolution, public_follow_ups
from .status import ResolutionStatus


def _label(value):
    return ResolutionStatus(value).label if value in ResolutionStatus.values else value


COLUMNS = (
    Column("participants", "list", "حاضران نشست، هر شهرداری یا دستگاه یک مقدار", lambda m: m.participant_list),
    Column(
        "participant_municipalities",
        "list",
        "شهرداری‌های حاضر که در فهرست شهرداری‌های استان هستند",
        lambda m: [municipality.name for municipality in m.participant_municipalities.all()],
        prefetch=("participant_municipalities",),
    ),
    Column("resolution_count", "integer", "شمار مصوبات نشست", lambda m: len(m.resolutions.all()), ("resolutions",)),
    Column(
        "next_meeting_municipality",
        "text",
        "شهرداری میزبان نشست بعد",
        lambda m: m.next_meeting_municipality.name if m.next_meeting_municipality else "",
        prefetch=("next_meeting_municipality",),
    ),
    Column("next_meeting_date", "date", "تاریخ اعلام‌شده نشست بعد", lambda m: m.next_meeting_date),
)


def resolution_rows(meetings):
    resolutions = Resolution.objects.filter(meeting__in=meetings.values("pk"))
    counted = public_follow_ups().filter(resolution=OuterRef("pk")).values("resolution").annotate(n=Count("pk"))
    resolutions = resolutions.annotate(follow_up_count=Coalesce(Subquery(counted.values("n")), 0))
    return resolutions.select_related("meeting").order_by("meeting__date", "meeting_id", "number")


RESOLUTIONS = Table(
    name="resolutions",
    title="مصوبات",
    columns=(
        Column("ref", "text", "شماره مصوبه: شماره نشست، نشانه # و شماره بند", lambda r: r.ref),
        Column("meeting_ref", "text", "شماره نشستی که مصوبه را تصویب کرد", lambda r: r.meeting.ref),
        Column("meeting_date", "date", "تاریخ نشست تصویب", lambda r: r.meeting.date),
        Column("number", "integer", "شماره بند مصوبه در صورت‌جلسه", lambda r: r.number),
        Column("text", "text", "متن مصوبه", lambda r: r.text),
        Column("responsible", "list", "مسئولان اجرا، هر دستگاه یک مقدار", lambda r: split_lines(r.responsible)),
        Column("deadline", "date", "مهلت اجرا", lambda r: r.deadline),
        Column("adopted_status", "text", "وضعیت هنگام تصویب (کد)", lambda r: r.status),
        Column(
            "current_status",
            "text",
            "وضعیت کنونی (کد): آخرین پیگیری نشست‌های منتشرشده، یا وضعیت هنگام تصویب",
            lambda r: r.current_status,
        ),
        Column("current_status_label", "text", "وضعیت کنونی به فارسی", lambda r: _label(r.current_status)),
        Column(
            "follow_up_count",
            "integer",
            "شمار پیگیری‌های این مصوبه در نشست‌های منتشرشده (ردیف‌های follow_ups)",
            lambda r: r.follow_up_count,
        ),
    ),
    rows=resolution_rows,
)


def follow_up_rows(meetings):
    return (
        public_follow_ups()
        .filter(meeting__in=meetings.values("pk"), resolution__meeting__in=meetings.values("pk"))
        .select_related("meeting", "resolution__meeting")
        .order_by("resolution__meeting__date", "resolution_id", "meeting__date", "meeting_id", "sort_order")
    )


FOLLOW_UPS = Table(
    name="follow_ups",
    title="پیگیری مصوبات (تاریخچه وضعیت)",
    columns=(
        Column("resolution_ref", "text", "شماره مصوبه‌ای که پیگیری شد", lambda f: f.resolution.ref),
        Column("meeting_ref", "text", "شماره نشستی که پیگیری را ثبت کرد", lambda f: f.meeting.ref),
        Column("date", "date", "تاریخ نشست پیگیری: وضعیت از این تاریخ", lambda f: f.meeting.date),
        Column("status", "text", "وضعیت تازه (کد)", lambda f: f.status),
        Column("status_label", "text", "وضعیت تازه به فارسی", lambda f: _label(f.status)),
        Column("note", "text", "توضیح پیگیری", lambda f: f.note),
    ),
    rows=follow_up_rows,
)

TABLES = (RESOLUTIONS, FOLLOW_UPS)
