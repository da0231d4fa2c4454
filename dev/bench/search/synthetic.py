"""Search entries in the demo archive's style, in bulk, for latency benchmarks.

Each record gets one or two real sentences of the published records (resolution texts, minutes,
practice write-ups) and a few sentences of the archive's own words drawn with Zipf weights, with
random provinces, years, kinds and topics. A real archive of 50,000 records has a far larger
vocabulary than 33 demo records: reusing whole demo sentences alone would make every query match
half the corpus, which no real archive does.
"""

from collections import Counter
import datetime
from itertools import accumulate
import random
import re

from django.db import transaction

from agreements.models import AgreementStatus
from meetings.models import ResolutionStatus
from places.models import Province, Topic
from search.models import EntryKind, SearchEntry

KIND_WEIGHTS = (
    (EntryKind.RESOLUTION, 0.55),
    (EntryKind.MEETING, 0.2),
    (EntryKind.AGREEMENT, 0.1),
    (EntryKind.PRACTICE, 0.15),
)
STATUSES = {
    EntryKind.RESOLUTION: ResolutionStatus.values,
    # in this order: the seeded draws, and so the benchmark's records, stay those of earlier runs
    EntryKind.AGREEMENT: [
        s.value
        for s in (AgreementStatus.SIGNED, AgreementStatus.IN_FORCE, AgreementStatus.TERMINATED, AgreementStatus.DRAFT)
    ],
}
CODES = {}


def archive_sentences():
    sentences = []
    for entry in SearchEntry.objects.all():
        for text in (entry.text, entry.attachment_text):
            sentences += [s.strip() for s in re.split(r"[.!؟\n]+", text) if len(s.split()) >= 5]
    return sentences


def zipf_vocabulary(sentences):
    """The archive's words, most frequent first, with weights falling off as 1/rank."""
    counts = Counter(word for sentence in sentences for word in sentence.split())
    words = [word for word, _ in counts.most_common()]
    return words, list(accumulate(1 / rank for rank in range(1, len(words) + 1)))


def filler_sentence(rng, words, cumulative):
    sentence = rng.choices(words, cum_weights=cumulative, k=rng.randint(8, 18))
    sentence.insert(rng.randrange(len(sentence)), str(rng.randint(2, 99999)))
    return " ".join(sentence)


def generate(count, seed=1404, batch=2000):
    """Add ``count`` synthetic entries; returns the new entries' ids."""
    rng = random.Random(seed)
    sentences = archive_sentences()
    vocabulary, frequency = zipf_vocabulary(sentences)
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
                    text="، ".join(
                        rng.sample(sentences, k=rng.randint(1, 2))
                        + [filler_sentence(rng, vocabulary, frequency) for _ in range(rng.randint(2, 5))]
                    ),
                    places=province.name,
                )
            )
        with transaction.atomic():
            created = SearchEntry.objects.bulk_create(entries)
            links = [through(searchentry_id=e.pk, topic_id=t.pk) for e in created for t in rng.sample(topics, 2)]
            through.objects.bulk_create(links)
        ids += [e.pk for e in created]
    return ids
