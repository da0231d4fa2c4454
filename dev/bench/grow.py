"""A larger archive for the page-cache and dashboard benchmarks: copies of a published meeting, each
with its resolutions, under new refs, added without revisions (figures, not fidelity)."""

import datetime

from django.db import transaction

from meetings import status_summary
from records.publication import published
from records.registry import record_types

BATCH = 500  # meetings per transaction: one transaction for all let SQLite's write-ahead log grow past a GB


def add_meetings(count, batch=BATCH):
    meetings = record_types()[0]
    index = meetings.index_model.objects.first()
    template = published(meetings.model).filter(resolutions__isnull=False).first()
    now = datetime.datetime.now(datetime.UTC)
    taken = meetings.model.objects.filter(ref__startswith="BENCH-").count()
    for start in range(taken, taken + count, batch):
        with transaction.atomic():
            add_copies(index, template, range(start, min(start + batch, taken + count)), now)
    with transaction.atomic():
        status_summary.rebuild()  # bulk_create skipped the dashboard's summary


def add_copies(index, template, numbers, now):
    resolutions = list(template.resolutions.all())
    Resolution = type(resolutions[0])  # noqa: N806 - a model class
    for number in numbers:
        page = type(template)(
            title=f"{template.title} {number}",
            slug=f"bench-{number:06d}",
            ref=f"BENCH-{number:06d}",
            date=template.date - datetime.timedelta(days=number % 2000),
            province_id=template.province_id,
            summary=template.summary,
            body=template.body,
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
        index.add_child(instance=page)
        Resolution.objects.bulk_create(
            Resolution(
                meeting=page,
                number=r.number,
                text=r.text,
                responsible=r.responsible,
                deadline=r.deadline and r.deadline - datetime.timedelta(days=number % 700),
                status=r.status,
                current_status=r.status,  # bulk_create skips Resolution.save; no follow-up names these
                sort_order=r.sort_order,
            )
            for r in resolutions
        )
