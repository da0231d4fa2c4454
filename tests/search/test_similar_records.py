"""«سوابق مشابه» on a record page: more_like_this on the cluster, shared topics on the database."""

import pytest

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
