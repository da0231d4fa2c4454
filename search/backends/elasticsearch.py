"""Wagtail's OpenSearch / Elasticsearch backends with the Persian pipeline (``search.analysis``).

The pipeline runs in Python on both sides, as on the database backends: documents carry analysed
terms, queries are built from analysed word groups. The engine only splits at whitespace and
lower-cases, so it cannot fold a word differently from SQLite or PostgreSQL. What the engine adds:
character n-grams of the terms (``_all_text.grams``), asked when no word matches (``search.cluster``),
aggregations for facets, ``more_like_this`` for similar records, and atomic rebuilds (alias swap).

Selected by ``{"BACKEND": "search.backends.elasticsearch", "ENGINE": "opensearch2", ...}``;
``ENGINE`` names one of modelsearch's engine modules. Writes the cluster misses are kept in
``search.PendingIndexUpdate`` and replayed by the next write that gets through (or by
``manage.py search_catch_up``).
"""

from importlib import import_module
import logging
import time

from django.conf import settings
from modelsearch.index import AutocompleteField, SearchField

from search import outbox
from search.analysis import fold_phrase, index_terms
from search.config import ENGINES

from .terms import AllOf, AnyTerm, TermTree, autocomplete_groups, search_groups

# A tokenizer, not a token filter: each n-gram gets its own position, so "most of the n-grams" can
# be asked for (a filter's n-grams share their word's position and count as one).
GRAMS = {"type": "ngram", "min_gram": 3, "max_gram": 4, "token_chars": ["letter", "digit"]}
# Terms arrive analysed: the engine splits at whitespace and lower-cases, nothing else.
log = logging.getLogger("search.cluster")
ANALYSIS = {
    "analyzer": {
        "default": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]},
        "edgengram_analyzer": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase", "edgengram"]},
        "persian_grams": {"type": "custom", "tokenizer": "persian_grams", "filter": ["lowercase"]},
    },
    "tokenizer": {"persian_grams": GRAMS},
}


_down_until = 0.0


def is_resting():
    """True for SEARCH_RETRY_AFTER seconds after the cluster failed: it is not asked meanwhile, so a
    dead node costs one timeout, not one per visitor."""
    return time.monotonic() < _down_until


def mark_down(error):
    global _down_until
    _down_until = time.monotonic() + getattr(settings, "SEARCH_RETRY_AFTER", 30)
    log.warning("search cluster unavailable, answering from the database: %s", error)


def mark_up():
    global _down_until
    _down_until = 0.0


def _analysed(value, analyse):
    if isinstance(value, str):
        return analyse(value)
    if isinstance(value, (list, tuple)):
        return [analyse(item) if isinstance(item, str) else item for item in value]
    return value


class PersianMapping:
    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": "default"}

    def _get_document_field_data(self, field, obj):
        name, value, edgengrams = super()._get_document_field_data(field, obj)
        if isinstance(field, AutocompleteField):
            value = _analysed(value, fold_phrase)
            edgengrams = [value] if edgengrams else []
        elif isinstance(field, SearchField):
            value = _analysed(value, index_terms)
        return name, value, edgengrams

    def get_mapping(self):
        mapping = super().get_mapping()
        mapping["properties"]["_all_text"]["fields"] = {"grams": {"type": "text", "analyzer": "persian_grams"}}
        return mapping


def text_query(groups, fields, required=None, boost=1.0, summed=False):
    """AND over word groups (or any ``required`` of them), OR over each group's alternatives; a term's
    score is its best field's, or with ``summed`` the sum over the fields, as the database's bm25
    sums its columns."""
    names = [field.field_name_with_boost for field in fields]
    kind = {"type": "most_fields"} if summed else {}
    clauses = [
        {"multi_match": {"query": " ".join(sorted(group)), "fields": names, "operator": "or", **kind}}
        for group in groups
    ]
    query = {"bool": {"should": clauses, "minimum_should_match": required or len(clauses)}}
    if boost != 1.0:
        query["bool"]["boost"] = boost
    return query


def tree_query(tree, fields):
    """A ``TermTree`` (``search.expansion``) as the engine's bool query, as the database writes it."""
    if isinstance(tree, frozenset):
        return text_query((tree,), fields)
    children = [tree_query(child, fields) for child in tree.children]
    if isinstance(tree, AllOf):
        return {"bool": {"must": children}}
    return {"bool": {"should": children, "minimum_should_match": 1}}


class PersianQueryCompiler:
    def _compile_plaintext_query(self, query, fields, boost=1.0):
        if isinstance(query, TermTree):
            return tree_query(query.tree, fields)
        found = search_groups(query)
        if found is None:
            return self._process_match_none()
        groups, required = found
        # «records like these» weigh every field a term is found in, as the database does
        return text_query(groups, fields, required=required, boost=boost, summed=isinstance(query, AnyTerm))

    def _compile_phrase_query(self, query, fields):
        return self._compile_plaintext_query(query, fields)


class PersianAutocompleteCompiler(PersianQueryCompiler):
    def _compile_plaintext_query(self, query, fields, boost=1.0):
        groups = autocomplete_groups(query)
        if not groups:
            return self._process_match_none()
        return text_query(groups, fields, boost=boost)


class DatabaseWhenDown:
    """Search results that come from the database backend when the cluster does not answer (or is
    resting after a failure), so every caller, the Wagtail admin included, gets an answer."""

    def _backend_do_search(self, body, **kwargs):
        return super()._backend_do_search(body, request_timeout=self.backend.search_timeout, **kwargs)

    def _do_search(self):
        if not is_resting():
            try:
                return list(super()._do_search())  # a generator: it fails when iterated
            except self.backend.unavailable as error:
                mark_down(error)
        return list(self._from_database()[self.start : self.stop])

    def _do_count(self):
        if not is_resting():
            index = self.backend.get_index_for_model(self.query_compiler.queryset.model).name
            try:
                body = self._get_es_body(for_count=True)
                total = self.backend.es.count(index=index, body=body, request_timeout=self.backend.search_timeout)
            except self.backend.unavailable as error:
                mark_down(error)
            else:
                stop = total["count"] if self.stop is None else min(total["count"], self.stop)
                return max(stop - self.start, 0)
        return self._from_database().count()

    def facet(self, field_name):
        if not is_resting():
            try:
                return super().facet(field_name)
            except self.backend.unavailable as error:
                mark_down(error)
        return self._from_database().facet(field_name)

    def _from_database(self):
        from wagtail.search.backends import get_search_backend

        compiler = self.query_compiler
        database = get_search_backend("database")
        search = database.autocomplete if isinstance(compiler, PersianAutocompleteCompiler) else database.search
        return search(
            compiler.query, compiler.queryset, fields=compiler.fields, order_by_relevance=compiler.order_by_relevance
        )


class PersianIndex:
    refresh_writes = False  # tests see each write at once; a live site leaves it to the refresh interval

    def add_items(self, model, items):
        super().add_items(model, items)
        if self.refresh_writes and items:
            self.refresh()

    def add_item(self, item):
        super().add_item(item)
        if self.refresh_writes:
            self.refresh()

    def delete_item(self, item):
        super().delete_item(item)
        if self.refresh_writes:
            self.refresh()


class PersianBackend:
    """The engine backend with the pipeline; every write that fails is remembered for a replay."""

    pins_exact_refs = True

    def __init__(self, params):
        params = dict(params)
        self.refresh_writes = params.pop("REFRESH_WRITES", False)
        # Searches give way quickly (the database answers instead); writes and rebuilds may take
        # longer, with the client's own TIMEOUT.
        self.search_timeout = params.pop("SEARCH_TIMEOUT", params.get("TIMEOUT", 10))
        super().__init__(params)
        self.settings["settings"]["analysis"] = _merged(self.settings["settings"].get("analysis", {}), ANALYSIS)
        self.unavailable = _transport_errors(self)

    def search_ids(self, model, body):
        """``(response, [(object id, score)])`` of a search written by hand, with the search timeout."""
        index = self.get_index_for_model(model).name
        body = {**body, "_source": False, "stored_fields": ["pk"]}
        response = self.es.search(index=index, body=body, request_timeout=self.search_timeout)
        hits = [(int(hit["fields"]["pk"][0]), hit["_score"] or 0.0) for hit in response["hits"]["hits"]]
        return response, hits

    def get_index_for_model(self, model):
        index = super().get_index_for_model(model)
        index.refresh_writes = self.refresh_writes
        return index

    def add(self, obj):
        self._write(lambda: super(PersianBackend, self).add(obj), [obj])

    def add_bulk(self, model, obj_list):
        obj_list = list(obj_list)
        self._write(lambda: super(PersianBackend, self).add_bulk(model, obj_list), obj_list)

    def delete(self, obj):
        self._write(lambda: super(PersianBackend, self).delete(obj), [obj])

    def _write(self, write, objs):
        try:
            write()
        except self.unavailable:
            outbox.remember(objs)
            raise
        outbox.replay_soon(self)


def _merged(current, extra):
    merged = {key: dict(value) for key, value in current.items()}
    for key, value in extra.items():
        merged.setdefault(key, {}).update(value)
    return merged


def _transport_errors(backend):
    module = import_module(type(backend.es).__module__.split(".")[0])
    exceptions = module.exceptions
    return (exceptions.ConnectionError, exceptions.TransportError)


def _engine_classes(engine):
    if engine not in ENGINES:
        raise ValueError(f"ENGINE must be one of {', '.join(ENGINES)}, not {engine!r}")
    module = import_module(f"modelsearch.backends.{engine}")
    stock = module.SearchBackend
    mapping = type("PersianMapping", (PersianMapping, stock.mapping_class), {})
    compiler = type(
        "PersianSearchQueryCompiler",
        (PersianQueryCompiler, stock.query_compiler_class),
        {"mapping_class": mapping},
    )
    autocomplete = type(
        "PersianAutocompleteQueryCompiler",
        (PersianAutocompleteCompiler, stock.autocomplete_query_compiler_class),
        {"mapping_class": mapping},
    )
    index = type("PersianIndex", (PersianIndex, stock.index_class), {})
    results = type("PersianSearchResults", (DatabaseWhenDown, stock.results_class), {})
    return type(
        f"Persian{stock.__name__}",
        (PersianBackend, stock),
        {
            "mapping_class": mapping,
            "query_compiler_class": compiler,
            "autocomplete_query_compiler_class": autocomplete,
            "index_class": index,
            "results_class": results,
        },
    )


_BACKENDS = {}


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for
    params = dict(params)
    engine = params.pop("ENGINE", "opensearch2")
    if engine not in _BACKENDS:
        _BACKENDS[engine] = _engine_classes(engine)
    return _BACKENDS[engine](params)
