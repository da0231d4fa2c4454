"""The search suite runs on both backends: the database one and a real search node.

Every test in this folder that searches runs twice: ``[database]`` and ``[elasticsearch]``; the
second carries the ``elasticsearch`` marker (``pytest -m elasticsearch`` runs just those). The node
is started once per session by ``search.devnode`` on a free port of 127.0.0.1 with a temporary data
directory, and removed at the end. Without Java the node cannot start: those tests are skipped, or
fail when ``SEARCHNODE_REQUIRED=1`` (as in ``make test``), so CI never passes without the node.
"""

import os

import pytest

# no backend, a node of their own, PostgreSQL only
NOT_TWICE = {"test_analysis", "test_config", "test_cluster_down", "test_postgres_backend"}
BACKENDS = ["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]


CLUSTER_ONLY = {"test_cluster_index"}  # about the cluster's own index


def pytest_generate_tests(metafunc):
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    if "search_backend" in metafunc.fixturenames and module not in NOT_TWICE:
        metafunc.parametrize("search_backend", BACKENDS[1:] if module in CLUSTER_ONLY else BACKENDS, indirect=True)


def start_node():
    """A new running node, or a skip (a failure under ``SEARCHNODE_REQUIRED=1``) without one."""
    from search.devnode import Node, NodeError

    try:
        return Node().start()
    except (NodeError, OSError, TypeError) as error:
        if os.environ.get("SEARCHNODE_REQUIRED") == "1":
            raise
        pytest.skip(f"no search node on this machine: {error}")


@pytest.fixture(scope="session")
def search_node():
    node = start_node()
    yield node
    node.remove()


def engine_settings(url):
    from search.config import DATABASE_BACKEND, engine_backend

    default = engine_backend({"SEARCH_INDEX": "test", "SEARCH_TIMEOUT": "5"}, url)
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
    if name == "elasticsearch":
        from search.backends.elasticsearch import mark_up

        node = request.getfixturevalue("search_node")
        settings.WAGTAILSEARCH_BACKENDS = engine_settings(node.url)
        settings.SEARCH_RETRY_AFTER = 0
        mark_up()
        empty_indexes()
    return name
