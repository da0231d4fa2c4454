"""Creating an unpublished meeting from confirmed fields (the Word import's last step)."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.log_actions import log

from persian import jalali
from records.archive.writer import slug_for_ref
from records.registry import record_models
from records.site_tree import ensure_site_structure

from .models import MeetingPage, Resolution
from .word_import import fold


class DraftError(ValueError):
    """The draft cannot be created; the message is Persian."""


def next_free_ref(province, year):
    """The archive's next meeting ref for a province and Jalali year: QOM-1403-11 → QOM-1403-12."""
    prefix = f"{province.code.upper()}-{year}-"
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    used = [0]
    for model in record_models():
        for key in model.objects.filter(ref_key__startswith=prefix).values_list("ref_key", flat=True):
            match = pattern.match(key)
            if match:
                used.append(int(match.group(1)))
    return f"{prefix}{max(used) + 1:02d}"


def _lines(value):
    if isinstance(value, str):
        value = value.splitlines()
    return "\n".join(line.strip() for line in value or () if line.strip())


@transaction.atomic
def create_draft_meeting(*, title, ref, date, province, resolutions, municipality=None, body="", user=None):
    """A MeetingPage under the meetings index, never published, with one revision.

    ``resolutions`` are mappings or objects with ``text``, ``responsible`` (lines) and ``deadline``;
    they are numbered 1, 2, … in the given order.
    """
    if municipality is not None and municipality.province_id != province.pk:
        raise DraftError(f"شهرداری «{municipality.name}» در استان {province.name} نیست.")
    parent = ensure_site_structure()["meetings"]
    page = MeetingPage(
        title=title.strip(),
        slug=slug_for_ref(ref, parent),
        ref=ref.strip(),
        date=date,
        province=province,
        municipality=municipality,
        body=body,
        live=False,
        owner=user,
    )
    page.resolutions = [
        Resolution(
            number=number,
            text=_value(item, "text").strip(),
            responsible=_lines(_value(item, "responsible")),
            deadline=_value(item, "deadline"),
        )
        for number, item in enumerate(resolutions, start=1)
    ]
    try:
        parent.add_child(instance=page)
    except ValidationError as error:
        raise DraftError(" ".join(error.messages)) from None
    log(instance=page, action="wagtail.create", user=user)
    page.save_revision(user=user, log_action=False)
    return page


def _value(item, name):
    return item.get(name) if isinstance(item, dict) else getattr(item, name)


def match_municipality(province, place):
    """The province's municipality named in ``place`` («شهرداری دستجرد», «سالن شورای شهر کهک»), or None."""
    text = f" {fold(place)} "
    for municipality in sorted(province.municipalities.all(), key=lambda m: -len(m.name)):
        if f" {fold(municipality.name)} " in text:
            return municipality
    return None


def default_title(province):
    return f"صورت‌جلسه نشست شهرداران استان {province.name}"


def draft_from_proposal(proposal, *, province, municipality=None, date=None, user=None):
    """Every proposed resolution kept, the next free ref, the place matched to a municipality."""
    date = date or proposal.date
    if date is None:
        raise DraftError("تاریخ نشست در سند پیدا نشد.")
    municipality = municipality or match_municipality(province, proposal.place)
    title = proposal.title or default_title(province)
    return create_draft_meeting(
        title=title,
        ref=next_free_ref(province, jalali.jalali_year(date)),
        date=date,
        province=province,
        municipality=municipality,
        body=proposal.body,
        resolutions=proposal.resolutions,
        user=user,
    )
