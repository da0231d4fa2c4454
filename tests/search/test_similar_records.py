"""«سوابق مشابه» on a record page: more_like_this on the cluster, shared topics on the database."""

import datetime
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import pytest

from search import shared_topics
from search.models import EntryKind, SearchEntry
from search.related import similar_entries

pytestmark = pytest.mark.django_db


def page_of(ref):
    from records.registry import record_models

    for model in record_models():
        found = model.objects.filter(ref=ref).first()
        if found:
            return found
    raise LookupError(ref)


def test_the_practice_lists_the_meeting_on_the_same_subject_first(corpus):
    similar = similar_entries(page_of("BP-QZV-01"))
    refs = [entry.ref for entry in similar]
    assert refs and refs[0] == "QZV-1404-06"
    assert all(not ref.startswith("BP-QZV-01") for ref in refs)  # never the record itself


def test_the_similar_section_is_on_the_page_and_links_to_records(client, corpus):
    practice = page_of("BP-QZV-01")
    html = client.get(practice.url).content.decode()
    assert "سوابق مشابه" in html
    assert 'href="/meetings/qzv-1404-06/"' in html


def test_an_unpublished_record_is_never_offered_as_similar(corpus):
    meeting = page_of("QZV-1404-06")
    meeting.unpublish()
    refs = [entry.ref for entry in similar_entries(page_of("BP-QZV-01"))]
    assert not any(ref.startswith("QZV-1404-06") for ref in refs)


# The database's ranking against its definition, on random archives: any number of shared topics, ties
# of shared topics and of dates (broken by the newer id), resolutions and excluded entries left out,
# whatever part of the archive the first step's window of newest entries holds.

archives = st.lists(
    st.tuples(
        st.sampled_from([kind.value for kind in EntryKind]),
        st.integers(0, 6),  # days after the first date: many ties
        st.sets(st.integers(0, 5), max_size=4),
    ),
    min_size=1,
    max_size=25,
)


def expected_like(entry, entries, exclude, limit):
    """The definition: entries (not resolutions, not excluded) sharing at least one topic with ``entry``,
    the most shared topics first, then the newest date, then the newest id."""
    own = {topic.pk for topic in entry.topics.all()}
    shared = {e.pk: len(own & {topic.pk for topic in e.topics.all()}) for e in entries}
    candidates = [e for e in entries if shared[e.pk] and e.pk not in exclude and e.kind != EntryKind.RESOLUTION]
    candidates.sort(key=lambda e: (-shared[e.pk], -e.date.toordinal(), -e.pk))
    return [e.pk for e in candidates[:limit]]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=archives,
    chosen=st.integers(0, 24),
    excluded=st.sets(st.integers(0, 24), max_size=3),
    window=st.integers(0, 30),  # the newest entries ranked first: none, some or all of them
)
def test_the_database_ranks_records_like_an_entry_as_defined(rows, chosen, excluded, window, db):
    from wagtail.models import Page

    from places.models import Province
    from search.backends.configured import record_search
    from tests.factories.places import TopicFactory

    SearchEntry.objects.all().delete()
    topics = [TopicFactory(name=f"موضوع {letter}") for letter in ["الف", "ب", "پ", "ت", "ث", "ج"]]
    page, province = Page.objects.first(), Province.objects.first()
    first = datetime.date(2024, 1, 1)
    entries = []
    for n, (kind, day, topic_numbers) in enumerate(rows):
        date = first + datetime.timedelta(days=day)
        entry = SearchEntry.objects.create(
            kind=kind, page=page, ref=f"R-{n}", title="t", url="/", date=date, year=1402, province=province
        )
        entry.topics.set([topics[t] for t in topic_numbers])
        entries.append(entry)
    entry = entries[chosen % len(entries)]
    exclude = {entry.pk, *(entries[n % len(entries)].pk for n in excluded)}
    for limit in (1, 5, 30):
        with mock.patch.object(shared_topics, "WINDOW", window):
            found = record_search().database().records_like_entry(entry, list(exclude), limit)
        assert found == expected_like(entry, entries, exclude, limit)
