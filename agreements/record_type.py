"""The agreement record type, as the registry knows it."""

from persian.markdown import plain_text
from records.registry import RecordType, SearchItem, Status, register

from .models import AgreementIndexPage, AgreementPage
from .status import LAPSE, AgreementStatus


def search_items(page):
    body = "\n".join(filter(None, [page.summary, plain_text(page.body)]))
    places = (page.province.name, page.municipality.name if page.municipality else "", page.parties)
    return [
        SearchItem(
            "agreement",
            page.ref,
            page.title,
            page.url,
            body,
            tuple(name for name in places if name),
            status=page.status,
            valid_until=page.valid_until,
        )
    ]


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
)


def register_type():
    register(AGREEMENT)
