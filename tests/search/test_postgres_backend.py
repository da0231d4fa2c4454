"""The Persian PostgreSQL backend itself: what it indexes, how it matches and ranks, what it never raises.

These run in the PostgreSQL pass of `make test` (tests/pg/with-postgres.sh); the search API tests
run on both databases as they are.
"""

import re

from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import pytest

from search.models import SearchEntry

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL backend: runs in the PostgreSQL pass of make test"
    ),
]
ZWNJ = "\u200c"
BUDGET = {"QZV-1404-06", "QZV-1404-06#1", "BP-QZV-01"}


def backend():
    from wagtail.search.backends import get_search_backend

    return get_search_backend()


def by_backend(query):
    """Refs in the order the backend's own query compiler ranks them (not the search service's path)."""
    return [entry.ref for entry in backend().search(query, SearchEntry.objects.all())]


def by_engine(query):
    found = backend().match(query)
    entries = SearchEntry.objects.in_bulk(list(found.ranks))
    return [entries[pk].ref for pk in sorted(found.ranks, key=lambda pk: (found.ranks[pk], -pk))]


def vector(ref, column):
    """{lexeme: its positions with weight labels, e.g. '3A,7A'} of an entry's indexed column."""
    entry = SearchEntry.objects.get(ref=ref)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column}::text FROM wagtailsearch_indexentry WHERE object_id = %s "  # noqa: S608 - a constant
            "AND content_type_id = (SELECT id FROM django_content_type WHERE model = 'searchentry')",
            [str(entry.pk)],
        )
        return dict(re.findall(r"'([^']+)':(\S+)", cursor.fetchone()[0]))


def test_the_persian_backend_is_the_one_in_use():
    from search.backends.postgres import PersianPostgresSearchBackend

    assert isinstance(backend(), PersianPostgresSearchBackend)
    assert backend().config == "simple"


def test_index_holds_the_analysed_terms_title_as_a_and_body_as_b(corpus):
    title = vector("BP-QZV-01", "title")  # «بودجه ریزی مشارکتی در محله‌های قزوین»
    assert {"بودجهریزی", "بودجه", "ریزی", "محله", "bpqzv01"} <= set(title)  # fused, split, stemmed, the ref
    assert "محلههای" not in title
    assert all(position.endswith("A") for positions in title.values() for position in positions.split(","))
    # the searched document: the title as A and the text as B, in which «وي بر لزوم اجراي بودجهريزي
    # مشاركتي تاكيد كرد» is written with Arabic letters
    document = vector("QZV-1404-06", "body")
    assert {"تاکید", "مشارکتی", "بودجهریزی"} <= set(document)
    assert not any("ي" in lexeme or "ك" in lexeme for lexeme in document)
    assert all(position.endswith("B") for position in document["تاکید"].split(","))
    for lexeme in vector("QZV-1404-06", "title"):
        assert any(position.endswith("A") for position in document[lexeme].split(",")), lexeme


@pytest.mark.parametrize("query", [f"بودجه{ZWNJ}ریزی", "بودجه ریزی", "بودجهریزی", "بودجه ريزي", "بودجه‌ریزی‌ها"])
def test_fused_split_half_space_and_arabic_variants_match_the_same_records(corpus, query):
    assert set(by_backend(query)) == BUDGET
    assert set(by_engine(query)) == BUDGET


def test_no_english_stemming_or_stop_words(corpus):
    # 'english' would stem «sanitary»/«siting» and drop «for» and «and»; 'simple' keeps words as the pipeline left them
    assert by_engine("siting") == ["QOM-1403-11"]
    assert by_engine("site") == []
    assert by_engine("for and") == ["QOM-1403-11"]


def test_title_outranks_body_on_both_paths(corpus):
    # «تفاهمنامه ... دفن بهداشتی پسماند» is the agreement's title; the Qom meeting has the words in its text
    assert by_backend("دفن بهداشتی پسماند")[0] == "۱۲۳/۴۵۶"
    assert by_engine("دفن بهداشتی پسماند")[0] == "۱۲۳/۴۵۶"


def test_engine_and_backend_match_the_same_records(corpus):
    for query in ["پسماند", "شهرداریها", "غرفه هنرمندان", "QOM-1403-11", "۱۲۳/۴۵۶", "مصوبات"]:
        assert set(by_engine(query)) == set(by_backend(query)), query


def test_a_long_question_may_miss_one_word(corpus):
    question = "انتقال همکاری منابع طبیعی مکانیابی"  # «انتقال» is nowhere
    assert by_backend(question) == []
    assert "QOM-1403-11" in by_engine(question)


def test_autocomplete_matches_the_word_being_typed_as_a_prefix(corpus):
    titles = [e.ref for e in backend().autocomplete("بودجه ری", SearchEntry.objects.all())]
    assert "BP-QZV-01" in titles
    assert [e.ref for e in backend().autocomplete("بودجه ریز", SearchEntry.objects.all())] == ["BP-QZV-01"]
    assert list(backend().autocomplete("!!! ':*", SearchEntry.objects.all())) == []


TSQUERY_SYNTAX = ["'", "''", "\\", ":*", "a:*", "!", "!!x", "&", "|", "<->", "<2>", "(", ")", "a & | b", "'x':A"]


@pytest.mark.parametrize("query", TSQUERY_SYNTAX)
def test_tsquery_syntax_in_a_query_is_just_text(corpus, query):
    by_backend(query)
    by_engine(query)
    list(backend().autocomplete(query, SearchEntry.objects.all()))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(alphabet=st.sampled_from("پسماند ي‌'\\:*!&|<>()-0123 aZ\t"), max_size=40))
def test_any_mix_of_letters_and_tsquery_operators_matches_without_error(corpus, query):
    # the service may accept a long question missing one word; the backend alone never does
    assert set(by_backend(query)) <= set(by_engine(query))


def test_an_attachment_too_long_for_one_tsvector_is_indexed_by_its_leading_words(corpus):
    letters = "ابپتثجچحخدذرزسشصضطظعغفقکگلمنوهی"
    base = len(letters)
    words = ["".join(letters[n // base**i % base] for i in range(4)) + "ستان" for n in range(60_000)]
    entry = SearchEntry.objects.get(ref="QOM-1403-11")
    entry.attachment_text = " ".join(words)  # some 2 MB of distinct lexemes once pairs are fused
    entry.save()
    backend().add(entry)
    assert "QOM-1403-11" in by_engine(words[0])
    assert "QOM-1403-11" in by_engine("مکانیابی")  # its own text is still there


def test_the_searched_tsvectors_are_lz4_compressed():
    # migration portal_search 0002: ranking unpacks every matching row's body, lz4 does it faster
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attcompression FROM pg_attribute WHERE attrelid = 'wagtailsearch_indexentry'::regclass "
            "AND attname = 'body'"
        )
        assert cursor.fetchone()[0] == "l"
