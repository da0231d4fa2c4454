"""python manage.py bench_search — relevance and latency of the search, next to stock Wagtail and
next to the search cluster.

Each pipeline runs in its own subprocess with its own database (the demo archive, then synthetic
records in the demo's style), so all answer through the same /api/search/ code path on identical
records; only the search backend differs: ``persian`` (this project's database backend), ``stock``
(Wagtail's own database backend) and ``cluster`` (OpenSearch with the Persian pipeline: the node named
by ELASTICSEARCH_URL, or a throwaway one started by ``dev.searchnode``). The databases are SQLite
files, or, when DATABASE_URL names a PostgreSQL server, throwaway databases on that server. Figures
are printed with the targets of the search issues beside them.
"""

import json
import os
from pathlib import Path
import subprocess
import sys
import tempfile
from urllib.parse import urlsplit, urlunsplit

from django.core.management.base import BaseCommand
from django.db import connection

from dev.bench.search.measure import latency, relevance
from dev.bench.search.report import VENDORS, cluster_table, latency_table, relevance_table, thesaurus_latency_table
from dev.searchnode import Node


class Command(BaseCommand):
    help = "Benchmark search relevance (recall@10, MRR per kind) and /api/search/ latency vs stock Wagtail."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="10000,50000,100000", help="record counts for the latency runs")
        parser.add_argument("--stock-sizes", default="10000,50000", help="the sizes stock Wagtail is timed at")
        parser.add_argument("--no-cluster", action="store_true", help="skip the search cluster")
        parser.add_argument("--requests", type=int, default=200, help="timed requests per size")
        parser.add_argument("--worker", choices=["relevance", "latency"], help=Command.worker_help)
        parser.add_argument("--size", type=int, default=0)

    worker_help = "internal: run one measurement in this process and print JSON"

    def handle(self, *args, **options):
        if options["worker"] == "relevance":
            return self.stdout.write(json.dumps(relevance()))
        if options["worker"] == "latency":
            return self.stdout.write(json.dumps(latency(options["size"], options["requests"])))
        sizes = [int(s) for s in options["sizes"].split(",") if s.strip()]
        stock_sizes = [size for size in sizes if str(size) in options["stock_sizes"].split(",")]
        pipelines = {"persian": sizes, "stock": stock_sizes}
        node = None
        cluster_url = os.environ.get("ELASTICSEARCH_URL", "").strip()
        if not options["no_cluster"]:
            if not cluster_url:
                self.stdout.write("[cluster] starting a throwaway OpenSearch node…")
                node = Node().start()
                cluster_url = node.url
            pipelines["cluster"] = sizes
        results = {}
        try:
            with tempfile.TemporaryDirectory(prefix="hamandishi-bench-") as tmp:
                for pipeline, pipeline_sizes in pipelines.items():
                    results[pipeline] = self.measure(
                        pipeline, worker_env(Path(tmp), pipeline, cluster_url), pipeline_sizes, options["requests"]
                    )
        finally:
            if node is not None:
                node.remove()
        self.stdout.write(relevance_table(results))
        self.stdout.write(latency_table(results, stock_sizes))
        if "cluster" in results:
            self.stdout.write(cluster_table(results, sizes))
        self.stdout.write(thesaurus_latency_table(results, sizes))

    def measure(self, pipeline, env, sizes, requests):
        vendor = VENDORS[connection.vendor]
        self.stdout.write(f"[{pipeline}] preparing a {vendor} database with the demo archive…")
        run(["migrate", "--noinput"], env)
        run(["load_demo"], env)
        if pipeline == "cluster":
            run(["update_index"], env)  # an atomic rebuild: a fresh index behind the alias
        measured = {"relevance": json.loads(run(["bench_search", "--worker", "relevance"], env))}
        for size in sizes:
            self.stdout.write(f"[{pipeline}] {size} records…")
            args = ["bench_search", "--worker", "latency", "--size", str(size), "--requests", str(requests)]
            measured[size] = json.loads(run(args, env))
        drop_worker_database(pipeline)
        return measured


def worker_env(tmp, pipeline, cluster_url=""):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=worker_database_url(tmp, pipeline),
        MEDIA_ROOT=str(tmp / f"media-{pipeline}"),
        SEARCH_PIPELINE=pipeline,
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        LOG_LEVEL="WARNING",
        DEBUG="false",
    )
    env.pop("ELASTICSEARCH_URL", None)
    if pipeline == "cluster":
        env.update(ELASTICSEARCH_URL=cluster_url, SEARCH_INDEX=f"bench{os.getpid()}")
    return env


def worker_database_url(tmp, pipeline):
    """A SQLite file in ``tmp``, or a fresh database on the PostgreSQL server DATABASE_URL names."""
    if connection.vendor != "postgresql":
        return f"sqlite:///{tmp / (pipeline + '.sqlite3')}"
    name = _bench_database(pipeline)
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(url._replace(path="/" + name))


def drop_worker_database(pipeline):
    if connection.vendor == "postgresql":
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{_bench_database(pipeline)}"')


def _bench_database(pipeline):
    return f"{connection.settings_dict['NAME']}_bench_{pipeline}"


def run(args, env):
    manage = Path(__file__).resolve().parents[3] / "manage.py"
    completed = subprocess.run(
        [sys.executable, str(manage), *args], env=env, capture_output=True, text=True, check=False
    )
    if completed.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{completed.stderr[-3000:]}")
    return completed.stdout.strip().splitlines()[-1] if completed.stdout.strip() else ""
