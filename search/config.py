"""Search backend settings, read from the environment. The only place that knows about engines.

No ELASTICSEARCH_URL: Wagtail's database backend (SQLite or PostgreSQL full-text), Persian pipeline.
ELASTICSEARCH_URL=http://host:9200[,http://host2:9200]: Wagtail's engine backend for SEARCH_ENGINE
(opensearch2, the default; opensearch3, elasticsearch7/8/9), with the same Persian pipeline, and the
database backend kept up to date beside it as ``database``: searches fall back to it while the
cluster is down.
"""

ENGINES = ("opensearch2", "opensearch3", "elasticsearch7", "elasticsearch8", "elasticsearch9")
DATABASE_BACKEND = {"BACKEND": "search.backends.database"}
# Wagtail's own database backend, without the Persian pipeline: the baseline the benchmarks compare with.
STOCK_DATABASE_BACKEND = {"BACKEND": "wagtail.search.backends.database"}
DEFAULT_TIMEOUT = "2"  # seconds; a slow cluster gives way to the database backend, not to the user's patience
DEFAULT_WRITE_TIMEOUT = "30"  # seconds for index writes and rebuilds (a failed write waits in the outbox)


def engine_backend(environ, url):
    engine = environ.get("SEARCH_ENGINE", "opensearch2")
    if engine not in ENGINES:
        raise ValueError(f"SEARCH_ENGINE must be one of {', '.join(ENGINES)}, not {engine!r}")
    timeout = float(environ.get("SEARCH_TIMEOUT", DEFAULT_TIMEOUT))
    write_timeout = float(environ.get("SEARCH_WRITE_TIMEOUT", DEFAULT_WRITE_TIMEOUT))
    options = {"max_retries": 0}
    if environ.get("ELASTICSEARCH_CA_CERTS"):
        options["ca_certs"] = environ["ELASTICSEARCH_CA_CERTS"]
    if environ.get("ELASTICSEARCH_USER"):
        options["http_auth"] = (environ["ELASTICSEARCH_USER"], environ.get("ELASTICSEARCH_PASSWORD", ""))
    return {
        "BACKEND": "search.backends.elasticsearch",
        "ENGINE": engine,
        "URLS": [u.strip() for u in url.split(",") if u.strip()],
        "INDEX_PREFIX": environ.get("SEARCH_INDEX", "hamandishi") + "_",
        "TIMEOUT": write_timeout,
        "SEARCH_TIMEOUT": timeout,
        "ATOMIC_REBUILD": True,
        "OPTIONS": options,
        "INDEX_SETTINGS": {
            "settings": {
                "index": {
                    "number_of_shards": int(environ.get("SEARCH_SHARDS", "1")),
                    "number_of_replicas": int(environ.get("SEARCH_REPLICAS", "0")),
                }
            }
        },
    }


def search_backends(environ):
    url = environ.get("ELASTICSEARCH_URL", "").strip()
    if environ.get("SEARCH_PIPELINE") == "stock":
        return {"default": STOCK_DATABASE_BACKEND}
    if not url:
        return {"default": DATABASE_BACKEND}
    return {"default": engine_backend(environ, url), "database": DATABASE_BACKEND}
