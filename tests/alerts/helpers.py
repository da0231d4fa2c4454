"""Publishing records the way the office does (the archive import publishes a revision of each), and
following the links that arrive by e-mail."""

import re
from urllib.parse import urlsplit

from tests.alerts.smtp import text_of
from tests.conftest import meeting_fields

LINK = re.compile(r"https?://\S+")


def publish(archive, import_files, capture, name, fields):
    """Import (publish) one record file, then run what its commit starts (the matching, the sending)."""
    with capture(execute=True):
        archive.write(name, fields)
        report = import_files(archive.root / name)
    assert not report.failed, report.lines
    return report


def fee_meeting(ref="QOM-1403-12", text="مقرر شد تعرفه عوارض نوسازی در دستجرد بازنگری شود.", **overrides):
    """A Qom meeting whose one resolution speaks of عوارض."""
    return meeting_fields(
        ref=ref,
        date="1403/10/20",
        resolutions=[{"number": 1, "text": text, "status": "pending"}],
        next_meeting={},
        **overrides,
    )


def links_in(message):
    return LINK.findall(text_of(message))


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def link_to(message, fragment):
    return path_of(next(url for url in links_in(message) if fragment in url))
