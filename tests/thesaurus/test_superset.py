"""No result set shrinks because of the thesaurus: on the demo archive with the seed thesaurus, for
every query of the relevance set, the records found with ``exact=1`` are all found without it, and
the concept questions find records that do not contain their words."""

from django.http import QueryDict
import pytest

from dev.bench.search.relevance import load_set
from search.service import parse_request, run_search
from tests.conftest import loaded_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with loaded_demo(django_db_blocker):
        yield


def found(query, exact):
    """Every record the search finds, over all its pages."""
    refs, page = set(), 1
    while True:
        params = QueryDict(mutable=True)
        params.update({"q": query, "page_size": "100", "page": str(page)})
        if exact:
            params["exact"] = "1"
        outcome = run_search(parse_request(params))
        refs |= {row["ref"] for row in outcome.results}
        if page >= outcome.pages:
            return refs, outcome
        page += 1


def test_every_record_the_exact_words_find_is_still_found(demo):
    widened = 0
    for item in load_set():
        exact, _ = found(str(item["query"]), exact=True)
        expanded, outcome = found(str(item["query"]), exact=False)
        assert exact <= expanded, item["query"]
        widened += len(expanded) > len(exact)
    assert widened >= 40  # the concept and spelling questions do find more


def test_a_concept_question_finds_records_without_its_words(demo):
    exact, _ = found("آوار ساختمانی", exact=True)
    expanded, outcome = found("آوار ساختمانی", exact=False)
    assert not exact and {"QOM-1403-07#3", "THR-1405-01#1"} <= expanded
    assert "نخاله ساختمانی" in outcome.expansion.labels
