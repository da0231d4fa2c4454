"""An agreement's own columns in the open-data tables: parties, status and term of validity."""

from records.publication import is_published
from records.registry import Column

from .status import IN_FORCE_STATUSES, AgreementStatus, effective_status


def _approved_by(agreement):
    resolution = agreement.approved_by
    return resolution.ref if resolution and is_published(resolution.meeting) else ""


COLUMNS = (
    Column("parties", "list", "طرف‌های تفاهم‌نامه، هر شهرداری یا دستگاه یک مقدار", lambda a: a.party_list),
    Column(
        "party_municipalities",
        "list",
        "شهرداری‌های طرف تفاهم‌نامه که در فهرست شهرداری‌های استان هستند",
        lambda a: [municipality.name for municipality in a.party_municipalities.all()],
        prefetch=("party_municipalities",),
    ),
    Column("status", "text", "وضعیت ثبت‌شده (کد)", lambda a: a.status),
    Column(
        "effective_status",
        "text",
        "وضعیت امروز (کد): امضاشده یا در حال اجرا که مدتش گذشته، منقضی است",
        lambda a: effective_status(a),
    ),
    Column(
        "effective_status_label", "text", "وضعیت امروز به فارسی", lambda a: AgreementStatus(effective_status(a)).label
    ),
    Column("valid_from", "date", "آغاز اعتبار: تاریخ تفاهم‌نامه", lambda a: a.date),
    Column("valid_until", "date", "پایان اعتبار؛ خالی یعنی بی‌پایان", lambda a: a.valid_until),
    Column(
        "in_force",
        "boolean",
        "امروز در حال اجراست یا نه",
        lambda a: effective_status(a) in IN_FORCE_STATUSES,
    ),
    Column("approved_by", "text", "شماره مصوبه‌ای که تفاهم‌نامه را تأیید کرد", _approved_by, ("approved_by__meeting",)),
)
