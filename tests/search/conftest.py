"""The search suite runs on the database backend and on real search nodes: OpenSearch and Elasticsearch.

Every test in this folder that searches runs as ``[database]``, ``[opensearch]`` (OpenSearch 2),
``[elasticsearch8]`` and ``[elasticsearch9]``; the node variants carry the ``elasticsearch`` marker
(``pytest -m elasticsearch`` runs just those, ``-k elasticsearch8`` one engine). The nodes are started
by ``dev.searchnode`` on a free port of 127.0.0.1 with a temporary data directory, one at a time: the
node variants run last, grouped by engine, and each engine's node is removed before the next starts.
Without Java the nodes cannot start: those tests are skipped, or fail when ``SEARCHNODE_REQUIRED=1``
(as in ``make test``), so CI never passes without them. Elasticsearch 9 needs Java 21 or later: where
no such JDK is found its variants are skipped, saying so.
"""

import os

import pytest

NODES = ("opensearch", "elasticsearch8", "elasticsearch9")
# no backend, a node of their own, PostgreSQL only, the compilers' and term trees' shapes (no node needed)
NOT_TWICE = {
    "test_analysis",
    "test_config",
    "test_cluster_down",
    "test_cluster_crash",
    "test_postgres_backend",
    "test_query_compilers",
    "test_term_trees",
}
BACKENDS = ["database", *(pytest.param(name, marks=pytest.mark.elasticsearch) for name in NODES)]


CLUSTER_ONLY = {"test_cluster_index"}  # about the cluster's own index


def pytest_generate_tests(metafunc):
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    if "search_backend" in metafunc.fixturenames and module not in NOT_TWICE:
        metafunc.parametrize("search_backend", BACKENDS[1:] if module in CLUSTER_ONLY else BACKENDS, indirect=True)


def _node_order(item):
    callspec = getattr(item, "callspec", None)
    name = callspec.params.get("search_backend") if callspec else None
    return NODES.index(name) + 1 if name in NODES else 0


def _database_order(item):
    """pytest-django's order (database tests, then transactional ones, then the rest): a transactional
    test flushes what the migrations wrote, so no database test may follow one."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    transactional = marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    if transactional or "transactional_db" in fixtures or "live_server" in fixtures:
        return 1
    return 0 if marker is not None or "db" in fixtures else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # stable: within pytest-django's order, one node at a time, each started once per group
    items.sort(key=lambda item: (_database_order(item), _node_order(item)))


def start_node(name="opensearch"):
    """A new running node, or a skip (a failure under ``SEARCHNODE_REQUIRED=1``) without one."""
    from dev.searchnode import Node, NodeError, NoJava

    try:
        return Node(name).start()
    except NoJava as error:
        pytest.skip(f"no {name} node on this machine: {error}")
    except (NodeError, OSError, TypeError) as error:
        if os.environ.get("SEARCHNODE_REQUIRED") == "1":
            raise
        pytest.skip(f"no {name} node on this machine: {error}")


class SessionNodes:
    """The session's nodes, one running at a time; a node that could not start is not tried again."""

    def __init__(self):
        self.running = None
        self.failed = {}

    def get(self, name):
        if self.running is not None and self.running.distribution.name == name:
            return self.running
        if name in self.failed:
            raise self.failed[name]
        self.close()
        try:
            self.running = start_node(name)
        except BaseException as error:
            self.failed[name] = error
            raise
        return self.running

    def close(self):
        if self.running is not None:
            self.running.remove()
            self.running = None


@pytest.fixture(scope="session")
def search_nodes():
    nodes = SessionNodes()
    yield nodes
    nodes.close()


@pytest.fixture
def search_node(search_backend, search_nodes):
    """The running node of a node variant."""
    assert search_backend in NODES
    return search_nodes.get(search_backend)


def engine_settings(node):
    from search.config import DATABASE_BACKEND, engine_backend

    default = engine_backend({"SEARCH_INDEX": "test", "SEARCH_TIMEOUT": "5", "SEARCH_ENGINE": node.engine}, node.url)
    default["REFRESH_WRITES"] = True
    return {"default": default, "database": DATABASE_BACKEND}


def empty_indexes():
    """Fresh indexes with the current mappings, for a test that starts from an empty database."""
    from modelsearch.index import get_indexed_models
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    for model in {backend.get_index_for_model(m).name: m for m in get_indexed_models()}.values():
        index = backend.get_index_for_model(model)
        if index.exists():  # the distribution has no delete-by-query: delete what a search finds
            hits = backend.es.search(index=index.name, body={"size": 10_000, "_source": False})["hits"]["hits"]
            actions = [{"_op_type": "delete", "_index": index.name, "_id": hit["_id"]} for hit in hits]
            if actions:
                backend.bulk(backend.es, actions, refresh=True)
        else:
            index.put()
            index.add_model(model)


@pytest.fixture(autouse=True)
def search_backend(request, settings):
    name = getattr(request, "param", "database")
    if name in NODES:
        from search.backends.resting import mark_up

        node = request.getfixturevalue("search_nodes").get(name)
        settings.WAGTAILSEARCH_BACKENDS = engine_settings(node)
        settings.SEARCH_RETRY_AFTER = 0
        mark_up()
        empty_indexes()
    return name
