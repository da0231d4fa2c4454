"""Search entries in the demo archive's style, in bulk, for latency benchmarks.

Sentences are drawn from the published records (resolution texts, minutes, practice write-ups),
recombined with random provinces, years, kinds and topics, so term statistics stay realistic.
"""

import datetime
import random
import re

from django.db import transaction

from portal.models import Province, Topic
from search.models import EntryKind, SearchEntry

KIND_WEIGHTS = (
    (EntryKind.RESOLUTION, 0.55),
    (EntryKind.MEETING, 0.2),
    (EntryKind.AGREEMENT, 0.1),
    (EntryKind.PRACTICE, 0.15),
)
STATUSES = {
    EntryKind.RESOLUTION: ["pending", "in_progress", "done", "cancelled"],
    EntryKind.AGREEMENT: ["signed", "in_force", "terminated", "draft"],
}
CODES = {}


def _sentences():
    sentences = []
    for entry in SearchEntry.objects.all():
        for text in (entry.text, entry.attachment_text):
            sentences += [s.strip() for s in re.split(r"[.!؟\n]+", text) if len(s.split()) >= 5]
    return sentences


def generate(count, seed=1404, batch=2000):
    """Add ``count`` synthetic entries; returns the new entries' ids."""
    rng = random.Random(seed)
    sentences = _sentences()
    titles = list(SearchEntry.objects.values_list("title", flat=True))
    page_id = SearchEntry.objects.values_list("page_id", flat=True).first()
    provinces = list(Province.objects.all())
    topics = list(Topic.objects.all())
    kinds, weights = zip(*KIND_WEIGHTS, strict=True)
    ids = []
    through = SearchEntry.topics.through
    for start in range(0, count, batch):
        entries = []
        for number in range(start, min(count, start + batch)):
            kind = rng.choices(kinds, weights)[0]
            province = rng.choice(provinces)
            date = datetime.date(2021, 3, 21) + datetime.timedelta(days=rng.randrange(0, 2000))
            entries.append(
                SearchEntry(
                    kind=kind,
                    page_id=page_id,
                    ref=f"SYN-{province.code}-{number:06d}",
                    ref_key=f"syn{province.code.lower()}{number:06d}",
                    title=rng.choice(titles),
                    url=f"/synthetic/{number}/",
                    date=date,
                    year=1400 + (date - datetime.date(2021, 3, 21)).days // 365,
                    province=province,
                    status=rng.choice(STATUSES.get(kind, [""])),
                    valid_until=date + datetime.timedelta(days=rng.randrange(200, 1500))
                    if kind == EntryKind.AGREEMENT
                    else None,
                    text=" ".join(rng.sample(sentences, k=min(len(sentences), rng.randint(2, 8)))),
                    places=province.name,
                )
            )
        with transaction.atomic():
            created = SearchEntry.objects.bulk_create(entries)
            links = [through(searchentry_id=e.pk, topic_id=t.pk) for e in created for t in rng.sample(topics, 2)]
            through.objects.bulk_create(links)
        ids += [e.pk for e in created]
    return ids
