"""Wagtail's OpenSearch / Elasticsearch backends with the Persian pipeline (``search.analysis``).

The pipeline runs in Python on both sides, as on the database backends: documents carry analysed
terms, queries are built from analysed word groups. Every text field is analysed by the engine's
built-in ``whitespace`` analyzer, which every OpenSearch and Elasticsearch node ships (it needs no
``analysis-common`` module): the engine only splits at the spaces Python put there, so it cannot fold
a word differently from SQLite or PostgreSQL, and OpenSearch and Elasticsearch index the same terms.
The n-grams the engines would cut with ``analysis-common`` are cut in Python as well
(``search.backends.grams``): prefixes for autocomplete and character 3–4-grams, asked when no word
matches. What the engine adds: BM25 ranking, aggregations for facets, ``more_like_this`` for similar
records, and atomic rebuilds (alias swap); the record search's queries are ``search.backends.cluster``.

Selected by ``{"BACKEND": "search.backends.elasticsearch", "ENGINE": "opensearch2", ...}``;
``ENGINE`` names one of modelsearch's engine modules. Writes the cluster misses are kept in
``search.PendingIndexUpdate`` and replayed by the next write that gets through (or by
``manage.py search_catch_up``).
"""

from importlib import import_module
import logging
import re

from modelsearch.backends.elasticsearchbase import ElasticsearchAtomicIndexRebuilder
from modelsearch.index import AutocompleteField, SearchField

from persian.analysis import fold_phrase, index_terms
from search import outbox
from search.config import ENGINES

from .cluster import ClusterRecords
from .grams import GRAMS_FIELD, character_grams, edge_grams
from .resting import is_resting, mark_down
from .terms import AllOf, AnyTerm, TermTree, autocomplete_groups, search_groups

ANALYZER = "whitespace"  # built into every node: terms arrive analysed, the engine splits at spaces
log = logging.getLogger("search.cluster")  # as search.backends.resting's: one logger for the cluster


def _analysed(value, analyse):
    if isinstance(value, str):
        return analyse(value)
    if isinstance(value, (list, tuple)):
        return [analyse(item) if isinstance(item, str) else item for item in value]
    return value


class PersianMapping:
    edgengram_analyzer_config = {"analyzer": ANALYZER}

    def _get_document_field_data(self, field, obj):
        name, value, edgengrams = super()._get_document_field_data(field, obj)
        if isinstance(field, AutocompleteField):
            value = _analysed(value, lambda text: edge_grams(fold_phrase(text)))
            edgengrams = [value] if edgengrams else []
        elif isinstance(field, SearchField):
            value = _analysed(value, index_terms)
        return name, value, edgengrams

    def get_document(self, obj):
        document = super().get_document(obj)
        texts = []
        for field in self.model.get_search_fields():  # what ``_all_text`` holds: the search fields' terms
            value = document.get(self.get_field_column_name(field)) if isinstance(field, SearchField) else None
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, list):
                texts.extend(item for item in value if isinstance(item, str))
        document[GRAMS_FIELD] = character_grams(" ".join(texts))
        return document

    def get_mapping(self):
        mapping = super().get_mapping()
        mapping["properties"][GRAMS_FIELD] = {"type": "text"}
        _whitespace_only(mapping["properties"])
        return mapping


def _whitespace_only(properties):
    for field in properties.values():
        if field.get("type") == "text":
            field.pop("search_analyzer", None)
            field["analyzer"] = ANALYZER
        _whitespace_only(field.get("properties", {}))


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
        client, timeout = self.backend.searching()
        if self.backend.use_new_elasticsearch_api:
            return client.search(**body, **kwargs, **timeout)
        return client.search(body=body, **kwargs, **timeout)

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
                client, timeout = self.backend.searching()
                total = client.count(index=index, body=body, **timeout)
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

    def exists(self):
        return bool(self.es.indices.exists(index=self.name))  # the Elasticsearch 8+ client takes keywords only


class AtomicRebuilder(ElasticsearchAtomicIndexRebuilder):
    """Wagtail's atomic rebuild (a new index beside the live one, then the alias moved), with the move
    and the old index's removal in one request, so no search ever sees both or neither; and the
    indexes of rebuilds that never finished (the cluster or ``update_index`` killed midway, the alias
    never moved) removed once a rebuild does."""

    def finish(self):
        if not self.alias.is_alias():
            return super().finish()
        self.index.refresh()
        es, alias = self.index.es, self.alias.name
        old = [index.name for index in self.alias.aliased_indices() if index.name != self.index.name]
        actions = [{"add": {"index": self.index.name, "alias": alias}}]
        actions += [{"remove_index": {"index": name}} for name in old]
        es.indices.update_aliases(body={"actions": actions})
        unfinished = re.compile(re.escape(alias) + "_[a-z0-9]{7}")
        orphans = [name for name in es.indices.get_alias(index=f"{alias}_*") if unfinished.fullmatch(name)]
        orphans = [name for name in orphans if name != self.index.name]
        if orphans:
            log.warning("removing indexes left by unfinished rebuilds: %s", ", ".join(sorted(orphans)))
            es.indices.delete(index=",".join(sorted(orphans)))


class PersianBackend(ClusterRecords):
    """The engine backend with the pipeline and the record search (``search.backends.cluster``);
    every write that fails is remembered for a replay."""

    def __init__(self, params):
        params = dict(params)
        self.refresh_writes = params.pop("REFRESH_WRITES", False)
        # Searches give way quickly (the database answers instead); writes and rebuilds may take
        # longer, with the client's own TIMEOUT.
        self.search_timeout = params.pop("SEARCH_TIMEOUT", params.get("TIMEOUT", 10))
        super().__init__(params)
        # Wagtail's n-gram analyzers need ``analysis-common``; the grams are cut in Python instead
        self.settings["settings"].pop("analysis", None)
        self.settings["settings"].get("index", {}).pop("max_ngram_diff", None)
        self.unavailable = _transport_errors(self)

    def search_ids(self, model, body):
        """``(response, [(object id, score)])`` of a search written by hand, with the search timeout."""
        index = self.get_index_for_model(model).name
        body = {**body, "_source": False, "stored_fields": ["pk"]}
        client, timeout = self.searching()
        response = client.search(index=index, body=body, **timeout)
        hits = [(int(hit["fields"]["pk"][0]), hit["_score"] or 0.0) for hit in response["hits"]["hits"]]
        return response, hits

    def searching(self):
        """``(client, keywords)`` for a search that gives way after ``search_timeout``: the
        Elasticsearch 8+ client takes it as ``options()``, the others as a keyword of the request."""
        if hasattr(self.es, "options"):
            return self.es.options(request_timeout=self.search_timeout), {}
        return self.es, {"request_timeout": self.search_timeout}

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
            "atomic_rebuilder_class": AtomicRebuilder,
        },
    )


_BACKENDS = {}


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for
    params = dict(params)
    engine = params.pop("ENGINE", "opensearch2")
    if engine not in _BACKENDS:
        _BACKENDS[engine] = _engine_classes(engine)
    return _BACKENDS[engine](params)
