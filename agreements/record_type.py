"""The agreement record type, as the registry knows it."""

from dataclasses import replace

from records.registry import Involvement, RecordType, Status, record_item, register

from . import open_data
from .models import AgreementIndexPage, AgreementPage
from .status import LAPSE, AgreementStatus


def search_items(page):
    item = record_item(page, "agreement", places=(page.parties,))
    return [replace(item, status=page.status, valid_until=page.valid_until)]


AGREEMENT = RecordType(
    name="agreement",
    model=AgreementPage,
    index_model=AgreementIndexPage,
    section="agreements",
    section_title="تفاهم‌نامه‌ها",
    label="تفاهم‌نامه",
    plural="تفاهم‌نامه‌ها",
    archive_handler="agreements.archive.AgreementHandler",
    search_items=search_items,
    statuses=tuple(Status(status.value, status.label) for status in AgreementStatus),
    status_kind="agreement",
    lapse=LAPSE,
    involvement=Involvement("party_municipalities", "تفاهم‌نامه‌هایی که طرف آن است"),
    columns=open_data.COLUMNS,
)


def register_type():
    register(AGREEMENT)
