import pytest

from search.config import search_backends


def test_database_backend_without_a_url():
    assert search_backends({}) == {"default": {"BACKEND": "search.backends.database"}}
    assert search_backends({"SEARCH_PIPELINE": "stock"}) == {"default": {"BACKEND": "wagtail.search.backends.database"}}


def test_engine_url_credentials_and_index_settings():
    backends = search_backends(
        {
            "ELASTICSEARCH_URL": "http://127.0.0.1:9200, http://127.0.0.1:9201",
            "SEARCH_ENGINE": "elasticsearch7",
            "ELASTICSEARCH_USER": "u",
            "ELASTICSEARCH_PASSWORD": "p",
            "SEARCH_SHARDS": "3",
            "SEARCH_REPLICAS": "2",
            "SEARCH_TIMEOUT": "1.5",
        }
    )
    default = backends["default"]
    assert default["BACKEND"] == "search.backends.elasticsearch"
    assert default["ENGINE"] == "elasticsearch7"
    assert default["INDEX_PREFIX"] == "hamandishi_"
    assert default["ATOMIC_REBUILD"] is True
    assert default["URLS"] == ["http://127.0.0.1:9200", "http://127.0.0.1:9201"]
    assert default["OPTIONS"]["http_auth"] == ("u", "p")
    assert default["SEARCH_TIMEOUT"] == 1.5 and default["TIMEOUT"] == 30  # searches give way, writes wait
    assert default["INDEX_SETTINGS"]["settings"]["index"] == {"number_of_shards": 3, "number_of_replicas": 2}
    assert backends["database"]["BACKEND"] == "search.backends.database"


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="SEARCH_ENGINE"):
        search_backends({"ELASTICSEARCH_URL": "http://x", "SEARCH_ENGINE": "solr"})
