"""A large archive of real pages, written in bulk, for the page benchmark (``make bench-pages``).

Meetings with resolutions and follow-ups, agreements with parties and documents (some restricted),
best practices; spread over the provinces (Zipf weights: a few provinces hold most records, as in a
real archive), their municipalities, the topics, Jalali years 1390–1405 and the statuses; the text in
the demo archive's style (``dev.bench.search.synthetic``: real sentences and Zipf-drawn words).

Creating pages through Wagtail (``add_child``, ``save_revision``) costs tens of milliseconds each;
here the rows are written directly: ``wagtailcore_page`` rows with their treebeard materialised
paths computed here, then the record tables, their parts and links, what publishing leaves beside
them (``history``: the live revision, log entries, reference index, the backend's page index), then
the search entries and their index rows; each batch is committed on its own.

Run in a configured Django process on a database holding the demo archive::

    python manage.py shell -c "from dev.bench.pages.generate import main; main(10000)"
"""

import datetime
import hashlib
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Count
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page
from wagtail.search.backends import get_search_backend

from agreements.models import AgreementPage, AgreementStatus, RestrictedDocument
from dev.bench.pages.history import write_history
from dev.bench.search.synthetic import archive_sentences, filler_sentence, zipf_vocabulary
from meetings.models import FollowUp, MeetingPage, Resolution, ResolutionStatus
from meetings.stored_status import refresh
from persian import jalali
from persian.analysis import compact_ref
from persian.text import to_persian_digits
from places.models import Municipality, Province, Topic
from practices.models import BestPracticePage
from records.refs import ref_key
from records.registry import type_for
from records.site_tree import home_page_model
from search.models import EntryKind, SearchEntry

ALPHABET = Page.alphabet  # treebeard's: 0-9A-Z, each level a step of Page.steplen (4) characters
FIRST_DAY = jalali.parse_date("1390/01/01")
KINDS = ((MeetingPage, 0.5), (AgreementPage, 0.25), (BestPracticePage, 0.25))
LETTERS = {MeetingPage: "M", AgreementPage: "T", BestPracticePage: "P"}
AGREEMENT_STATUSES = (
    (AgreementStatus.IN_FORCE, 0.4),
    (AgreementStatus.SIGNED, 0.3),
    (AgreementStatus.TERMINATED, 0.1),
    (AgreementStatus.EXPIRED, 0.1),
    (AgreementStatus.DRAFT, 0.1),
)
FOLLOW_UP_STATUSES = (
    ResolutionStatus.IN_PROGRESS,
    ResolutionStatus.DONE,
    ResolutionStatus.DONE,
    ResolutionStatus.CANCELLED,
)
OPEN = {ResolutionStatus.PENDING, ResolutionStatus.IN_PROGRESS}
SQLITE_CACHE_KB = 512 * 1024


def path_step(number):
    """Treebeard's step for the ``number``-th child: 4 base-36 digits, zero-padded."""
    digits = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    if len(digits) > Page.steplen:
        raise ValueError(f"a page cannot have {number} children")
    return digits.rjust(Page.steplen, "0")


def path_number(step):
    return int(step, len(ALPHABET))


def insert_rows(model, objects):
    """INSERT the rows of ``model``'s own table only (a multi-table child's, which ``bulk_create``
    refuses), from unsaved instances whose parent link is set."""
    fields = model._meta.local_concrete_fields
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    rows = [[f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] for obj in objects]
    with connection.cursor() as cursor:
        # names from the model's own metadata, values as parameters
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608


class Text:
    """The demo archive's sentences and words, drawn the way the search benchmark draws them."""

    def __init__(self, rng):
        self.rng = rng
        self.sentences = archive_sentences()
        self.words, self.weights = zipf_vocabulary(self.sentences)

    def sentence(self):
        return self.rng.choice(self.sentences)

    def filler(self):
        return filler_sentence(self.rng, self.words, self.weights)

    def paragraph(self, real=1, filler=(2, 4)):
        parts = [self.sentence() for _ in range(real)] + [self.filler() for _ in range(self.rng.randint(*filler))]
        return ". ".join(parts) + "."

    def body(self):
        """(Markdown, its plain text as ``persian.markdown.plain_text`` gives it, without rendering it)."""
        heading = self.filler()[:60].strip()
        paragraphs = [self.paragraph() for _ in range(self.rng.randint(2, 4))]
        return f"## {heading}\n\n" + "\n\n".join(paragraphs), "\n".join([heading, *paragraphs])


class Archive:
    """What the new records hang on: the section pages, places, topics, and the counters of the run."""

    def __init__(self, rng):
        self.rng = rng
        self.home = home_page_model().objects.get()
        self.site_root = self.home.url_path
        self.sections = {model: type_for(model).index_model.objects.child_of(self.home).get() for model in dict(KINDS)}
        self.next_step = {}
        for model, section in self.sections.items():
            last = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1).order_by("-path").first()
            self.next_step[model] = path_number(last.path[-Page.steplen :]) + 1 if last else 1
        self.content_types = {model: ContentType.objects.get_for_model(model) for model in dict(KINDS)}
        self.locale_id = self.home.locale_id
        self.collection_id = Collection.get_first_root_node().pk
        # the provinces with demo records first, so the benchmark's demo URLs point at the largest ones
        demo = records_per_province()
        provinces = sorted(Province.objects.all(), key=lambda p: (-demo.get(p.pk, 0), p.code))
        self.provinces = provinces
        self.province_weights = [1 / rank for rank in range(1, len(provinces) + 1)]
        self.municipalities = {p.pk: [] for p in provinces}
        for municipality in Municipality.objects.order_by("pk"):
            self.municipalities[municipality.province_id].append(municipality)
        self.topics = list(Topic.objects.order_by("pk"))
        self.topic_weights = [1 / rank for rank in range(1, len(self.topics) + 1)]
        self.open_resolutions = {p.pk: [] for p in provinces}  # (resolution id, ref), oldest first
        self.backend = get_search_backend()
        self.serial = MeetingPage.objects.count() + AgreementPage.objects.count() + BestPracticePage.objects.count()

    def place(self):
        province = self.rng.choices(self.provinces, self.province_weights)[0]
        municipalities = self.municipalities[province.pk]
        return province, municipalities

    def topics_for(self):
        chosen = {t.pk: t for t in self.rng.choices(self.topics, self.topic_weights, k=self.rng.randint(1, 3))}
        return list(chosen.values())


def records_per_province():
    counts = {}
    for model, _ in KINDS:
        for row in model.objects.values("province").annotate(n=Count("pk")):
            counts[row["province"]] = counts.get(row["province"], 0) + row["n"]
    return counts


def random_dates(rng, count, today):
    days = (today - FIRST_DAY).days
    return sorted(FIRST_DAY + datetime.timedelta(days=rng.randrange(days)) for _ in range(count))


def main(size, seed=1405, batch=1000, out=print):
    """Add ``size`` records to the archive; print what was written and how fast."""
    started = datetime.datetime.now()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # the indexes of a growing archive stay in memory, not re-read
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KB}")
    rng = random.Random(seed)
    text = Text(rng)
    archive = Archive(rng)
    dates = random_dates(rng, size, datetime.date.today())
    models, weights = zip(*KINDS, strict=True)
    entries = 0
    for start in range(0, size, batch):
        plan = [(rng.choices(models, weights)[0], date) for date in dates[start : start + batch]]
        with transaction.atomic():
            entries += write_batch(archive, text, plan)
        if (start // batch) % 10 == 9 or start + batch >= size:
            out(f"  {min(size, start + batch)} records, {entries} search entries ({seconds_since(started):.0f} s)")
    with transaction.atomic():
        for section in archive.sections.values():
            children = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1).count()
            Page.objects.filter(pk=section.pk).update(numchild=children)
        corrected = correct_statuses()
        refresh(Resolution.objects.all())  # bulk_create skipped the stored status and the dashboard's summary
    archive.backend.refresh_indexes()
    out(
        f"{size} records, {entries} search entries ({corrected} statuses changed by later follow-ups) "
        f"in {seconds_since(started):.0f} s"
    )


def seconds_since(moment):
    return (datetime.datetime.now() - moment).total_seconds()


def write_batch(archive, text, plan):
    rng = archive.rng
    pages, specifics = [], []
    for model, date in plan:
        archive.serial += 1
        province, municipalities = archive.place()
        municipality = rng.choice(municipalities) if municipalities else None
        year = jalali.jalali_year(date)
        ref = f"{province.code}-{year}-{LETTERS[model]}{archive.serial:06d}"
        slug = slugify(ref)
        section = archive.sections[model]
        step = archive.next_step[model]
        archive.next_step[model] += 1
        moment = datetime.datetime.combine(date, datetime.time(10), tzinfo=datetime.UTC)
        title = title_for(model, text, province, municipality, municipalities)
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                path=section.path + path_step(step),
                depth=section.depth + 1,
                numchild=0,
                url_path=f"{section.url_path}{slug}/",
                content_type=archive.content_types[model],
                locale_id=archive.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=moment,
                last_published_at=moment,
            )
        )
        body, body_text = text.body()
        record = model(
            title=title,
            ref=ref,
            ref_key=ref_key(ref),
            date=date,
            province=province,
            municipality=municipality,
            summary=text.paragraph(real=1, filler=(1, 2)),
            body=body,
            **fields_of(model, archive, text, province, municipality, municipalities, date),
        )
        record.body_text = body_text
        record.first_published_at = moment
        record.topic_list = archive.topics_for()
        record.public_url = f"{section.url_path[len(archive.site_root) - 1 :]}{slug}/"
        record.follow_up_lines, record.resolution_list, record.document_titles = [], [], []
        specifics.append(record)
    Page.objects.bulk_create(pages)
    for page, record in zip(pages, specifics, strict=True):
        record.page_ptr_id = page.pk
        record.pk = page.pk
    for model in dict(KINDS):
        insert_rows(model, [r for r in specifics if type(r) is model])
        through = model.topics.through
        through.objects.bulk_create(
            [
                through(**{f"{model._meta.model_name}_id": r.pk, "topic_id": t.pk})
                for r in specifics
                if type(r) is model
                for t in r.topic_list
            ]
        )
    meetings = [r for r in specifics if isinstance(r, MeetingPage)]
    write_meeting_parts(archive, text, meetings)
    write_agreement_parts(archive, [r for r in specifics if isinstance(r, AgreementPage)])
    write_practice_parts(archive, [r for r in specifics if isinstance(r, BestPracticePage)])
    write_history(archive.backend, specifics)
    entries = [entry for record in specifics for entry in entries_for(record)]
    SearchEntry.objects.bulk_create(entries)
    through = SearchEntry.topics.through
    through.objects.bulk_create([through(searchentry_id=e.pk, topic_id=t) for e in entries for t in e._topic_ids])
    archive.backend.add_bulk(SearchEntry, entries)
    return len(entries)


def title_for(model, text, province, municipality, municipalities):
    rng = text.rng
    host = municipality.name if municipality else province.capital
    subject = rng.choice(text.words[:400])
    if model is MeetingPage:
        return f"نشست هم‌اندیشی شهرداران استان {province.name} به میزبانی شهرداری {host} درباره {subject}"
    if model is AgreementPage:
        other = rng.choice(municipalities).name if municipalities else province.capital
        return f"تفاهم‌نامه همکاری شهرداری {host} و شهرداری {other} در زمینه {subject}"
    return f"تجربه شهرداری {host} در {subject} و {rng.choice(text.words[:400])}"


def fields_of(model, archive, text, province, municipality, municipalities, date):
    rng = archive.rng
    names = [m.name for m in rng.sample(municipalities, min(len(municipalities), rng.randint(2, 5)))]
    office = f"دفتر امور شهری استانداری {province.name}"
    if model is MeetingPage:
        return {"participants": "\n".join([*names, office])}
    if model is AgreementPage:
        status = rng.choices(*zip(*AGREEMENT_STATUSES, strict=True))[0]
        valid_until = date + datetime.timedelta(days=rng.randrange(365, 5 * 365)) if rng.random() < 0.8 else None
        return {
            "parties": "\n".join(f"شهرداری {n}" for n in names or [province.capital]),
            "status": status,
            "valid_until": valid_until,
        }
    return {
        "results": text.paragraph(real=0, filler=(1, 3)),
        "contact": f"روابط عمومی شهرداری {municipality.name if municipality else province.capital}",
        "featured": rng.random() < 0.002,
    }


def write_meeting_parts(archive, text, meetings):
    rng = archive.rng
    resolutions, follow_ups, participant_links = [], [], []
    for meeting in meetings:
        open_here = archive.open_resolutions[meeting.province_id]
        # follow-ups of recent open resolutions of earlier meetings of the province, each advancing or closing one
        for _ in range(min(len(open_here), rng.choice((0, 0, 1, 2, 3)))):
            resolution_id, resolution_ref = open_here.pop(len(open_here) - 1 - rng.randrange(min(len(open_here), 40)))
            status = rng.choice(FOLLOW_UP_STATUSES)
            note = text.filler()
            follow_ups.append(
                FollowUp(
                    meeting_id=meeting.pk,
                    resolution_id=resolution_id,
                    status=status,
                    note=note,
                    sort_order=len(meeting.follow_up_lines),
                )
            )
            meeting.follow_up_lines.append(f"پیگیری مصوبه {resolution_ref}: {ResolutionStatus(status).label}. {note}")
            if status in OPEN:
                open_here.append((resolution_id, resolution_ref))
        for number in range(1, rng.randint(1, 4) + 1):
            resolution = Resolution(
                meeting_id=meeting.pk,
                number=number,
                sort_order=number - 1,
                text="مقرر شد " + (text.sentence() if rng.random() < 0.5 else text.filler()),
                responsible="\n".join(meeting.participants.splitlines()[: rng.randint(1, 2)]),
                deadline=meeting.date + datetime.timedelta(days=rng.randrange(30, 400)),
                status=rng.choices(
                    (ResolutionStatus.PENDING, ResolutionStatus.IN_PROGRESS, ResolutionStatus.DONE), (6, 3, 1)
                )[0],
            )
            resolution.current_status = resolution.status  # as stored when it is published: no follow-up yet
            resolutions.append(resolution)
            meeting.resolution_list.append(resolution)
        municipalities = archive.municipalities[meeting.province_id]
        for municipality in rng.sample(municipalities, min(len(municipalities), rng.randint(1, 4))):
            participant_links.append((meeting.pk, municipality.pk))
    Resolution.objects.bulk_create(resolutions)
    for meeting in meetings:
        for resolution in meeting.resolution_list:
            if resolution.status in OPEN:
                ref = f"{meeting.ref}#{resolution.number}"
                archive.open_resolutions[meeting.province_id].append((resolution.pk, ref))
    FollowUp.objects.bulk_create(follow_ups)
    through = MeetingPage.participant_municipalities.through
    through.objects.bulk_create([through(meetingpage_id=m, municipality_id=p) for m, p in participant_links])
    minutes = [m for m in meetings if rng.random() < 0.3]
    write_documents(archive, type_for(MeetingPage).document_link_model, minutes, "صورت‌جلسه")


def write_agreement_parts(archive, agreements):
    rng = archive.rng
    through = AgreementPage.party_municipalities.through
    links = []
    for agreement in agreements:
        municipalities = archive.municipalities[agreement.province_id]
        for municipality in rng.sample(municipalities, min(len(municipalities), rng.randint(1, 3))):
            links.append(through(agreementpage_id=agreement.pk, municipality_id=municipality.pk))
    through.objects.bulk_create(links)
    link_model = type_for(AgreementPage).document_link_model
    documents = write_documents(archive, link_model, agreements, "متن امضاشده", restricted_share=0.1)
    RestrictedDocument.objects.bulk_create(
        [RestrictedDocument(document_id=d.document_id, province_id=d.province_id) for d in documents if d.restricted]
    )


def write_practice_parts(archive, practices):
    rng = archive.rng
    through = BestPracticePage.related_resolutions.through
    recent = list(Resolution.objects.order_by("-pk").values_list("pk", flat=True)[:500])
    links = [
        through(bestpracticepage_id=practice.pk, resolution_id=resolution_id)
        for practice in practices
        if recent and rng.random() < 0.3
        for resolution_id in rng.sample(recent, 1)
    ]
    through.objects.bulk_create(links)
    reports = [p for p in practices if rng.random() < 0.2]
    write_documents(archive, type_for(BestPracticePage).document_link_model, reports, "گزارش")


def write_documents(archive, link_model, records, label, restricted_share=0.0):
    """One PDF document per record (rows only: the pages link to them, nobody downloads them here)."""
    rng = archive.rng
    Document = get_document_model()  # noqa: N806 - a model class
    documents = []
    for record in records:
        name = f"{record.ref}-{slugify(label, allow_unicode=True)}.pdf"
        documents.append(
            Document(
                title=f"{label} {record.ref}",
                file=f"documents/bench/{name}",
                file_size=rng.randrange(20_000, 900_000),
                file_hash=hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest(),
                collection_id=archive.collection_id,
            )
        )
    Document.objects.bulk_create(documents)
    links = []
    for record, document in zip(records, documents, strict=True):
        link = link_model(page_id=record.pk, document_id=document.pk, caption=label, sort_order=0)
        if restricted_share and rng.random() < restricted_share:
            link.restricted = True
        link.province_id = record.province_id
        links.append(link)
        if not getattr(link, "restricted", False):
            record.document_titles.append(document.title)
    link_model.objects.bulk_create(links)
    return links


def correct_statuses():
    """Give resolution entries the status their later follow-ups left them in (written before those existed)."""
    statuses = dict(Resolution.objects.values_list("pk", "status"))
    statuses.update(
        FollowUp.objects.order_by("meeting__date", "meeting_id", "sort_order").values_list("resolution_id", "status")
    )
    written = SearchEntry.objects.filter(kind=EntryKind.RESOLUTION).values_list("resolution_id", "status")
    changed = {}
    for resolution_id, status in written:
        if statuses[resolution_id] != status:
            changed.setdefault(statuses[resolution_id], []).append(resolution_id)
    for status, ids in changed.items():
        for start in range(0, len(ids), 5000):
            SearchEntry.objects.filter(resolution_id__in=ids[start : start + 5000]).update(status=status)
    return sum(len(ids) for ids in changed.values())


def entries_for(record):
    """The unsaved search entries of a record (and of its resolutions), as ``search.indexing.entries_for``
    and the record types' ``search_items`` write them, from what the generator holds in memory."""
    model = type(record)
    place_names = [record.province.name, record.municipality.name if record.municipality else ""]
    common = {"page_id": record.pk, "date": record.date, "year": jalali.jalali_year(record.date)}
    common["province_id"] = record.province_id
    more, extra_places, status, valid_until = [], [], "", None
    if model is MeetingPage:
        more, extra_places = ["\n".join(record.follow_up_lines)], [record.participants]
    elif model is AgreementPage:
        extra_places, status, valid_until = [record.parties], record.status, record.valid_until
    else:
        more = [record.results, record.contact]
    entries = [
        SearchEntry(
            kind=type_for(model).name,
            ref=record.ref,
            title=record.title,
            url=record.public_url,
            text="\n".join(filter(None, [record.summary, record.body_text, *more])),
            places="\n".join(filter(None, [*place_names, *extra_places])),
            status=status,
            valid_until=valid_until,
            topic_names="، ".join(t.name for t in record.topic_list),
            attachment_names="، ".join(record.document_titles)[:500],
            **common,
        )
    ]
    for resolution in record.resolution_list:
        entries.append(
            SearchEntry(
                kind=EntryKind.RESOLUTION,
                resolution_id=resolution.pk,
                ref=f"{record.ref}#{resolution.number}",
                title=f"مصوبه {to_persian_digits(resolution.number)} — {record.title}",
                url=f"{record.public_url}#{resolution.anchor}",
                text=resolution.text,
                places="\n".join(filter(None, [*place_names, resolution.responsible, record.ref])),
                status=resolution.status,
                **common,
            )
        )
    for entry in entries:
        entry.ref_key = compact_ref(entry.ref)
        entry._topic_ids = [t.pk for t in record.topic_list]
    return entries
