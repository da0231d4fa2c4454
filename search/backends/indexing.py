"""What each record contributes to the index's title, body and autocomplete columns, analysed.

Shared by the SQLite and PostgreSQL backends, so both index exactly the same terms.
"""

from functools import cached_property

from modelsearch.index import AutocompleteField, SearchField
from modelsearch.utils import get_content_type_pk

from persian.analysis import fold_phrase, index_terms

TITLE_BOOST = 1.0  # fields with a boost above this go to the weighted title column…
TITLE_WEIGHT = 10.0  # …which weighs this much more than the body, on every backend


def is_title(field):
    """Whether a search field belongs to the title column (titles and refs) rather than the body."""
    return field.field_name == "title" or (field.boost or 1) > TITLE_BOOST


def _values(indexer, kind, in_title):
    for field in indexer.search_fields:
        # modelsearch's SQLite indexer yields (field, value), its PostgreSQL one (field, weight, value).
        for current, *_, value in indexer.prepare_field(indexer.obj, field):
            if not isinstance(current, kind):
                continue
            if kind is AutocompleteField or is_title(current) == in_title:
                yield value


def analysed_title(indexer):
    return " ".join(index_terms(value) for value in _values(indexer, SearchField, in_title=True))


def analysed_body(indexer):
    return " ".join(index_terms(value) for value in _values(indexer, SearchField, in_title=False))


def analysed_autocomplete(indexer):
    return " ".join(fold_phrase(value) for value in _values(indexer, AutocompleteField, in_title=False))


class AnalysedText:
    """Mixin for a modelsearch ObjectIndexer: title, body and autocomplete as analysed text."""

    title = cached_property(analysed_title)
    body = cached_property(analysed_body)
    autocomplete = cached_property(analysed_autocomplete)


class AnalysedIndex:
    """Mixin for a modelsearch database index that indexes through ``indexer_class``.

    modelsearch's ``add_items`` builds its own ObjectIndexer, so this replaces it; each backend
    writes the rows in ``write_entries(content_type_pk, indexers)``.
    """

    indexer_class = None

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if indexers:
            self.write_entries(get_content_type_pk(model), indexers)

    def _refresh_title_norms(self, full=False):
        # title_norm does not enter the Persian ranking; keeping it current costs a scan per save.
        pass
