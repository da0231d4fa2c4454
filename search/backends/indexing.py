"""What each record contributes to the index's title, body and autocomplete columns, analysed."""

from modelsearch.index import AutocompleteField, SearchField

from search.analysis import fold_phrase, index_terms

TITLE_BOOST = 1.0  # fields with a boost above this go to the weighted title column…
TITLE_WEIGHT = 10.0  # …which weighs this much more than the body, on every backend


def _values(indexer, kind, in_title):
    for field in indexer.search_fields:
        for current, value in indexer.prepare_field(indexer.obj, field):
            if not isinstance(current, kind):
                continue
            if kind is AutocompleteField or (
                (current.field_name == "title" or (current.boost or 1) > TITLE_BOOST) == in_title
            ):
                yield value


def analysed_title(indexer):
    return " ".join(index_terms(value) for value in _values(indexer, SearchField, in_title=True))


def analysed_body(indexer):
    return " ".join(index_terms(value) for value in _values(indexer, SearchField, in_title=False))


def analysed_autocomplete(indexer):
    return " ".join(fold_phrase(value) for value in _values(indexer, AutocompleteField, in_title=False))
