"""Meetings with their resolutions and the follow-ups later meetings make of them.

``resolutions`` and ``follow_ups`` take dicts (or ready rows): ``{"number": 1, "status": "done"}``,
``{"resolution": <Resolution>, "status": "done", "note": "…"}``. ``participants`` takes names; those the
province has a municipality for are linked, as the importer links them.
"""

import factory

from meetings.models import FollowUp, MeetingPage, Resolution
from persian.jalali import parse_date

from .places import MunicipalityFactory
from .records import RecordPageFactory


def rows(model, items):
    return [item if isinstance(item, model) else model(**item) for item in items]


class ResolutionFactory(factory.Factory):
    """An unsaved resolution, to hand to ``MeetingPageFactory(resolutions=[…])``."""

    class Meta:
        model = Resolution

    number = factory.Sequence(lambda n: n + 1)
    text = factory.LazyAttribute(lambda resolution: f"مصوبه شماره {resolution.number} اجرا شود.")
    status = "pending"


class MeetingPageFactory(RecordPageFactory):
    class Meta:
        model = MeetingPage

    title = factory.Sequence(lambda n: f"نشست شهرداران شماره {n}")
    ref = factory.Sequence(lambda n: f"QOM-1403-{n + 100}")
    participants = ()
    participant_municipalities = None  # the province's municipalities named among the participants
    resolutions = ()
    follow_ups = ()

    @classmethod
    def _prepare(cls, model_class, kwargs):
        kwargs = super()._prepare(model_class, kwargs)
        if kwargs["participant_municipalities"] is None:
            named = kwargs["province"].municipalities.filter(name__in=kwargs["participants"])
            kwargs["participant_municipalities"] = list(named)
        kwargs["participants"] = "\n".join(kwargs["participants"])
        kwargs["resolutions"] = rows(Resolution, kwargs["resolutions"])
        kwargs["follow_ups"] = rows(FollowUp, kwargs["follow_ups"])
        return kwargs


QOM_RESOLUTIONS = (
    {
        "number": 1,
        "text": "پیشنهاد افزایش منطقی تعرفه عوارض بهای خدمات تهیه شود.",
        "responsible": "دفتر امور شهری استانداری قم",
        "deadline": parse_date("۱۴۰۳/۰۹/۳۰"),
        "status": "in_progress",
    },
    {"number": 2, "text": "نشست بعد در قنوات برگزار شود.", "status": "pending"},
)


class QomMeetingFactory(MeetingPageFactory):
    """The Qom mayors' meeting the Markdown tests write with ``tests.conftest.meeting_fields``:
    QOM-1403-11 in Dastjerd, resolution 1 in progress with a deadline, resolution 2 pending, next
    meeting in Qanavat."""

    class Params:
        town = "دستجرد"

    ref = "QOM-1403-11"
    title = "همایش شهرداران استان قم به میزبانی شهرداری دستجرد"
    date = factory.LazyFunction(lambda: parse_date("۱۴۰۳/۰۸/۱۵"))
    participants = ("قم", "قنوات", "دفتر امور شهری استانداری قم")
    topics = ("مدیریت پسماند", "درآمد پایدار")
    summary = "مکان‌یابی سایت دفن بهداشتی زباله و تعرفه عوارض."
    body = "متن صورت‌جلسه."
    resolutions = QOM_RESOLUTIONS
    next_meeting_municipality = factory.SubFactory(
        MunicipalityFactory, province=factory.SelfAttribute("..province"), name="قنوات"
    )
    next_meeting_date = factory.LazyFunction(lambda: parse_date("1403-10-20"))


class QazvinMeetingFactory(QomMeetingFactory):
    """The Qazvin meeting of ``tests.conftest.qazvin_meeting_fields``: QZV-1404-06, one pending resolution."""

    class Params:
        province_code = "QZV"
        town = "قزوین"

    ref = "QZV-1404-06"
    title = "نشست شهرداران استان قزوین"
    date = factory.LazyFunction(lambda: parse_date("1404/06/23"))
    participants = ("قزوین",)
    topics = ("بودجه‌ریزی مشارکتی",)
    resolutions = ({"number": 1, "text": "مقرر شد پایلوت بودجه‌ریزی مشارکتی اجرا شود.", "status": "pending"},)
    next_meeting_municipality = None
    next_meeting_date = None
