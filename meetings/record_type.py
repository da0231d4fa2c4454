"""The meeting record type, as the registry knows it: a meeting and each of its resolutions."""

from persian.text import to_persian_digits
from records.registry import Involvement, RecordType, SearchItem, Status, place_names, record_item, register
from records.related import Related

from . import open_data
from .models import MeetingIndexPage, MeetingPage, ResolutionStatus

RESOLUTION = "resolution"
RESOLUTIONS = Related("resolutions", lambda rows: rows.order_by("number"))
FOLLOW_UPS = Related("follow_ups", lambda rows: rows.select_related("resolution__meeting").order_by("sort_order", "pk"))


def _follow_up_text(page):
    return "\n".join(
        f"پیگیری مصوبه {f.resolution.ref}: {ResolutionStatus(f.status).label}. {f.note}" for f in FOLLOW_UPS.of(page)
    )


def search_items(page):
    items = [record_item(page, "meeting", _follow_up_text(page), places=(page.participants,))]
    for resolution in RESOLUTIONS.of(page):
        items.append(
            SearchItem(
                RESOLUTION,
                f"{page.ref}#{resolution.number}",
                f"مصوبه {to_persian_digits(resolution.number)} — {page.title}",
                f"{page.url}#{resolution.anchor}",
                resolution.text,
                place_names(page, resolution.responsible, page.ref),
                status=resolution.current_status,
                part=resolution,
                whole=False,
            )
        )
    return items


def followed_up_meetings(page):
    """Earlier meetings whose resolutions ``page`` follows up: their public statuses change with it."""
    return list({f.resolution.meeting for f in FOLLOW_UPS.of(page)})


MEETING = RecordType(
    name="meeting",
    model=MeetingPage,
    index_model=MeetingIndexPage,
    section="meetings",
    section_title="نشست‌ها و مصوبات",
    label="نشست",
    plural="نشست‌ها",
    archive_handler="meetings.archive.MeetingHandler",
    search_items=search_items,
    statuses=tuple(Status(status.value, status.label) for status in ResolutionStatus),
    status_kind=RESOLUTION,
    affected_by=followed_up_meetings,
    search_related=(RESOLUTIONS, FOLLOW_UPS),
    parts=((RESOLUTION, "مصوبه"),),
    involvement=Involvement("participant_municipalities", "نشست‌هایی که در آن حاضر بود", exclude_own=True),
    columns=open_data.COLUMNS,
    tables=open_data.TABLES,
)


def register_type():
    register(MEETING)
