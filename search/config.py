"""Search backend settings, read from the environment. The only place that knows about engines.

No ELASTICSEARCH_URL: Wagtail's database backend (SQLite or PostgreSQL full-text).
ELASTICSEARCH_URL=http://host:9200: Wagtail's OpenSearch 2 backend (SEARCH_ENGINE=opensearch2, the
default) or another of Wagtail's engine backends named by SEARCH_ENGINE (elasticsearch7/8/9, opensearch3).
"""

ENGINES = {
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
    "elasticsearch7": "wagtail.search.backends.elasticsearch7",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
}
DATABASE_BACKEND = {"BACKEND": "search.backends.database"}
# Wagtail's own database backend, without the Persian pipeline: the baseline the benchmarks compare with.
STOCK_DATABASE_BACKEND = {"BACKEND": "wagtail.search.backends.database"}


def search_backends(environ):
    url = environ.get("ELASTICSEARCH_URL", "").strip()
    if environ.get("SEARCH_PIPELINE") == "stock":
        return {"default": STOCK_DATABASE_BACKEND}
    if not url:
        return {"default": DATABASE_BACKEND}
    engine = environ.get("SEARCH_ENGINE", "opensearch2")
    if engine not in ENGINES:
        raise ValueError(f"SEARCH_ENGINE must be one of {', '.join(ENGINES)}, not {engine!r}")
    options = {"timeout": float(environ.get("SEARCH_TIMEOUT", "3")), "max_retries": 1}
    if environ.get("ELASTICSEARCH_CA_CERTS"):
        options["ca_certs"] = environ["ELASTICSEARCH_CA_CERTS"]
    backend = {
        "BACKEND": ENGINES[engine],
        "URLS": [u.strip() for u in url.split(",") if u.strip()],
        "INDEX": environ.get("SEARCH_INDEX", "hamandishi"),
        "TIMEOUT": options["timeout"],
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
    if environ.get("ELASTICSEARCH_USER"):
        options["http_auth"] = (environ["ELASTICSEARCH_USER"], environ.get("ELASTICSEARCH_PASSWORD", ""))
    return {"default": backend, "database": DATABASE_BACKEND}
