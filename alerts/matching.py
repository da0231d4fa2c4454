"""Matching saved searches against the records changed since each last looked.

Each saved search runs through the search service (``search.service.matching_ids``) restricted to the
search entries of the changed records, never over the whole archive: each question (the words) is put
to the backend once over those candidates, and each saved search's filters then pick from what it
matched: type, province and year from the candidates' own columns, topic and status (the search page's
own conditions, ``DatabaseRecords.filtered``) in one query per saved search that asks for them.
Only public records have search entries (``search.indexing``), and their entries hold no restricted
document's text, so a draft or a restricted document can never match.
"""

from collections import defaultdict
from dataclasses import replace

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from search.backends.database_search import DatabaseRecords
from search.models import SearchEntry
from search.service import InvalidSearch, matching_ids

from .models import AlertItem, RecordChange, SavedSearch
from .queries import search_request

DATABASE = DatabaseRecords()  # the filters of the search page, in the ORM


class Candidates:
    """The search entries of the records changed after one mark, with the latest version of each."""

    def __init__(self, after, upto):
        changes = RecordChange.objects.filter(pk__gt=after, pk__lte=upto)
        self.versions = dict(changes.values("page_id").annotate(v=Max("version")).values_list("page_id", "v"))
        rows = SearchEntry.objects.filter(page_id__in=list(self.versions)).values_list(
            "pk", "page_id", "kind", "province_id", "year"
        )
        self.entries = {pk: (page_id, kind, province_id, year) for pk, page_id, kind, province_id, year in rows}

    def narrowed(self, request):
        """The entry ids a request's cheap filters (type, province, year) leave: the search runs on these."""
        provinces = {p.pk for p in request.provinces}
        return [
            pk
            for pk, (_, kind, province_id, year) in self.entries.items()
            if (not request.types or kind in request.types)
            and (not provinces or province_id in provinces)
            and (not request.years or year in request.years)
        ]


def match_changes():
    """Queue an ``AlertItem`` for every new matching record version of every active saved search;
    returns the ids of the searches that got new items."""
    upto = RecordChange.objects.aggregate(m=Max("pk"))["m"]
    if upto is None:
        return set()
    searches = SavedSearch.objects.active().filter(seen_change__lt=upto)
    by_mark = defaultdict(list)
    for saved in searches:
        by_mark[saved.seen_change].append(saved)
    fed = set()
    for mark, group in by_mark.items():
        fed |= _match_group(Candidates(mark, upto), group)
        SavedSearch.objects.filter(pk__in=[s.pk for s in group]).update(seen_change=upto)
    return fed


def _match_group(candidates, searches):
    questions = {}  # each question is put to the search backend once, over all the candidates
    answers = {}  # the same parameters are filtered once
    items = []
    for saved in searches:
        if saved.query not in answers:
            answers[saved.query] = _matches(saved, candidates, questions)
        found = answers[saved.query]
        if isinstance(found, str):
            SavedSearch.objects.filter(pk=saved.pk).update(invalid=found)
            continue
        for page_id, entry_ids in found.items():
            items.append((saved.pk, page_id, candidates.versions[page_id], entry_ids))
    _queue(items)
    return {item[0] for item in items}


ITEM_COLUMNS = ("search_id", "page_id", "version", "entries", "queued_at")


def _queue(items, batch=2000):
    """Insert the (search, page, version, entries) items, skipping those queued or sent before (the
    unique sent log): a thousand searches on a thousand records queue a hundred thousand rows, which
    the ORM's bulk_create builds an object and an SQL fragment for each, several times slower."""
    table = connection.ops.quote_name(AlertItem._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in ITEM_COLUMNS)
    marks = ", ".join(["%s"] * len(ITEM_COLUMNS))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT DO NOTHING"  # noqa: S608 - constant names
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    field = AlertItem._meta.get_field("entries")
    stored = {}  # many searches match a record's same entries: each list is encoded once
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(items), batch):
            rows = []
            for s, p, v, entries in items[start : start + batch]:
                key = tuple(entries)
                if key not in stored:
                    stored[key] = field.get_db_prep_save(entries, connection)
                rows.append((s, p, v, stored[key], now))
            cursor.executemany(sql, rows)


def _question(request, candidates, questions):
    """The candidate entries the request's words match (all of them without words): one search of the
    backend per question, whatever filters the saved searches add to it."""
    key = (request.q, request.exact, request.sort)
    if key not in questions:
        if request.q:
            asked = replace(request, types=[], provinces=[], topics=[], years=[], statuses=[])
            asked.within = list(candidates.entries)
            questions[key] = matching_ids(asked)
        else:
            questions[key] = list(candidates.entries)
    return questions[key]


def _matches(saved, candidates, questions):
    """{page id: [entry ids]} of the candidates the saved search matches, or the Persian reason its
    parameters no longer parse."""
    try:
        request = search_request(saved)
    except InvalidSearch as error:
        return str(error)
    narrowed = candidates.narrowed(request)
    if not narrowed:
        return {}
    matched = set(_question(request, candidates, questions))
    kept = sorted(pk for pk in narrowed if pk in matched)
    if kept and (request.topics or request.statuses):
        request.within = kept
        kept = DATABASE.filtered(SearchEntry.objects.all(), request).order_by("pk").values_list("pk", flat=True)
    found = defaultdict(list)
    for pk in kept:
        found[candidates.entries[pk][0]].append(pk)
    return dict(found)
