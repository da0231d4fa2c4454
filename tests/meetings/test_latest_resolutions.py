"""The home page's newest resolutions are read from the newest meetings only, and are the same as a sort
of every published resolution would give."""

import datetime

import pytest

from meetings.services import latest_resolutions, published_resolutions
from tests.factories import MeetingPageFactory

pytestmark = pytest.mark.django_db


def test_latest_resolutions_are_the_newest_published_ones():
    day = datetime.date(2024, 11, 5)
    for back in range(8):
        count = 1 + back % 3
        resolutions = [{"number": n, "text": f"مصوبه {back}-{n}"} for n in range(1, count + 1)]
        MeetingPageFactory.create_quickly([day - datetime.timedelta(days=back)], resolutions=resolutions)
    newer = MeetingPageFactory.create_quickly([day + datetime.timedelta(days=1)], resolutions=[{"number": 1}])[0]
    newer.unpublish()
    everything = list(published_resolutions().order_by("-meeting__date", "number"))
    for count in (1, 4, 10, 100):
        assert list(latest_resolutions(count)) == everything[:count]
    assert newer.resolutions.get() not in everything
