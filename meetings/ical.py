"""iCalendar feeds of meetings: the published meetings held, and the next meetings they announced.

Every event lasts the whole day (a DATE value: the archive keeps a meeting's day, not its hour). A held
meeting is CONFIRMED; an announced next meeting (``next_meeting_date``, today or later) is TENTATIVE
until its own record is published. UIDs come from the meeting's ref, so they do not change when a page
moves or is retitled. The format itself (escaping, line folding) is the ``icalendar`` library's.
"""

import datetime

from icalendar import Calendar, Event

from persian.display import display_text
from persian.jalali import format_long, today
from records.publication import published

from .models import MeetingPage

CALENDAR_SIZE = 300  # newest meetings per calendar; the announced ones are few and come on top
UID_DOMAIN = "hamandishi"
PRODID = "-//Hamandishi//Meetings//FA"


def held(condition):
    return (
        published(MeetingPage)
        .filter(condition)
        .select_related("province", "municipality")
        .order_by("-date", "-pk")[:CALENDAR_SIZE]
    )


def announced(condition):
    return (
        published(MeetingPage)
        .filter(condition, next_meeting_date__gte=today())
        .select_related("province", "next_meeting_municipality__province")
        .order_by("next_meeting_date", "pk")[:CALENDAR_SIZE]
    )


def _place(municipality, province):
    names = [f"شهرداری {municipality.name}" if municipality else "", f"استان {province.name}"]
    return display_text("، ".join(filter(None, names)))


def _event(uid, day, summary, place, description, url, status, stamp):
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("location", place)
    event.add("description", description)
    event.add("url", url)
    event.add("status", status)
    event.add("transp", "TRANSPARENT")
    return event


def held_event(meeting, url):
    lines = [f"تاریخ: {format_long(meeting.date)}", display_text(meeting.summary), url]
    return _event(
        f"meeting-{meeting.ref_key}",
        meeting.date,
        display_text(meeting.title),
        _place(meeting.municipality, meeting.province),
        "\n".join(filter(None, lines)),
        url,
        "CONFIRMED",
        meeting.last_published_at or meeting.first_published_at,
    )


def announced_event(meeting, url):
    host = meeting.next_meeting_municipality
    province = host.province if host else meeting.province
    title = f"نشست بعد شهرداران{f' به میزبانی شهرداری {host.name}' if host else ''} (اعلام‌شده)"
    lines = [
        f"تاریخ: {format_long(meeting.next_meeting_date)}",
        f"اعلام‌شده در «{display_text(meeting.title)}»",
        url,
    ]
    return _event(
        f"next-meeting-{meeting.ref_key}",
        meeting.next_meeting_date,
        display_text(title),
        _place(host, province),
        "\n".join(lines),
        url,
        "TENTATIVE",
        meeting.last_published_at or meeting.first_published_at,
    )


def meetings_calendar(name, held_where, announced_where, absolute):
    """The calendar ``name``: meetings matching ``held_where`` and next meetings announced by meetings
    matching ``announced_where`` (Q objects); ``absolute(url)`` makes a page's URL absolute."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", display_text(name))
    for meeting in announced(announced_where):
        calendar.add_component(announced_event(meeting, absolute(meeting.url)))
    for meeting in held(held_where):
        calendar.add_component(held_event(meeting, absolute(meeting.url)))
    return calendar
