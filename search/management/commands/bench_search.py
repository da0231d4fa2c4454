"""python manage.py bench_search — relevance and latency of the search, next to stock Wagtail and
next to the search cluster.

Each pipeline runs in its own subprocess with its own database (the demo archive, then synthetic
records in the demo's style), so all answer through the same /api/search/ code path on identical
records; only the search backend differs: ``persian`` (this project's database backend), ``stock``
(Wagtail's own database backend) and ``cluster`` (OpenSearch with the Persian pipeline: the node named
by ELASTICSEARCH_URL, or a throwaway one started by ``search.devnode``). The databases are SQLite
files, or, when DATABASE_URL names a PostgreSQL server, throwaway databases on that server. Figures
are printed with the targets of the search issues beside them.
"""

import json
import os
from pathlib import Path
import statistics
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlsplit, urlunsplit

from django.core.management.base import BaseCommand
from django.db import connection

PIPELINES = ("persian", "stock", "cluster")
TARGETS = {"character": 0.98, "digit": 0.98, "halfspace": 0.98, "inflection": 0.90, "concept": 0.85}
MRR_TARGETS = {"concept": 0.70}
KINDS = (
    "character",
    "digit",
    "halfspace",
    "inflection",
    "ref",
    "plain",
    "spelling",
    "concept",
    "concept (held out)",
    "all",
)
P95_TARGET_MS = 150
P95_RATIO = 1.5
THESAURUS_P95_RATIO = 1.2  # the thesaurus's /api/search/ p95 against the exact words', same run


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
                from search.devnode import Node

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


VENDORS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


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


def relevance():
    """Per kind: of the page (the matches, then the related records beneath them) with the thesaurus,
    of the words alone (``exact=1``, the search before the thesaurus), and of the matches alone."""
    from search.benchmarks.relevance import evaluate, exact_refs, load_set, matched_refs

    queries = load_set()
    page, exact, matches = evaluate(queries), evaluate(queries, search=exact_refs), evaluate(queries, matched_refs)
    return {
        kind: {
            **figures,
            "matches recall@10": matches[kind]["recall@10"],
            "exact recall@10": exact[kind]["recall@10"],
            "exact mrr": exact[kind]["mrr"],
        }
        for kind, figures in page.items()
    }


def latency(size, requests):
    """Grow the index to ``size`` entries, then time ``requests`` calls of /api/search/."""
    from django.test import Client
    from wagtail.search.backends import get_search_backend

    from search.benchmarks.relevance import load_set
    from search.benchmarks.synthetic import generate
    from search.models import SearchEntry

    missing = size - SearchEntry.objects.count()
    index_seconds = 0.0
    if missing > 0:
        ids = generate(missing, seed=size)
        backend = get_search_backend()
        started = time.perf_counter()
        for start in range(0, len(ids), 1000):
            batch = SearchEntry.objects.filter(pk__in=ids[start : start + 1000]).prefetch_related("topics")
            backend.add_bulk(SearchEntry, list(batch))
        backend.refresh_indexes()
        index_seconds = time.perf_counter() - started
    queries = [str(item["query"]) for item in load_set()]
    variants = [
        {},
        {"type": "resolution"},
        {"province": "قزوین", "type": "resolution"},
        {"year": "1403", "sort": "newest"},
        {"status": "done"},
    ]
    client = Client()
    plan = []
    for number in range(requests + 20):
        params = {"q": queries[number % len(queries)], **variants[number % len(variants)]}
        if number % 10 == 9:
            params.pop("q")  # browsing without a query: everything, newest first, with facets
        plan.append(params)
    timings, exact_timings = [], []
    for number, params in enumerate(plan):
        # each request twice, with the thesaurus and with the words alone (exact=1), alternately
        for exact in (number % 2 == 0, number % 2 == 1):  # which goes first alternates too
            asked = {**params, "exact": "1"} if exact else params
            started = time.perf_counter()
            response = client.get("/api/search/", asked)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{asked}: {response.status_code} {response.content[:200]}")
            if number >= 20:  # the first requests warm caches up
                (exact_timings if exact else timings).append(elapsed)
    timings.sort()
    exact_timings.sort()
    return {
        "records": SearchEntry.objects.count(),
        "p50": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "exact p50": statistics.median(exact_timings),
        "exact p95": exact_timings[int(len(exact_timings) * 0.95) - 1],
        "index_seconds": index_seconds,
        "indexed_per_second": missing / index_seconds if index_seconds else None,
    }


def relevance_table(results):
    ours, stock = results["persian"]["relevance"], results["stock"]["relevance"]
    lines = [
        "",
        f"Relevance on search/relevance/relevance_set.yaml (demo archive, {VENDORS[connection.vendor]})",
        "recall@10 and MRR of the first ten the page lists (the matches, then the related records beneath a short "
        "list): 'plain' the words alone (exact=1, the search before the thesaurus), 'thesaurus' with concepts and "
        "spelling correction (the default), 'stock' stock Wagtail; 'matches' the thesaurus search's matches alone; "
        "'concept (held out)' the concept questions not looked at while the thesaurus was written",
        f"{'kind':<18} {'queries':>7} | {'plain':>6} {'thesaurus':>9} {'matches':>7} {'stock':>6} | "
        f"{'MRR plain':>9} {'thesaurus':>9} {'stock':>6} | target",
    ]
    for kind in KINDS:
        if kind not in ours:
            continue
        o, s = ours[kind], stock.get(kind, {"recall@10": 0.0, "mrr": 0.0})
        verdict = []
        if kind in TARGETS:
            verdict.append(f"R≥{TARGETS[kind]:.2f} {'ok' if o['recall@10'] >= TARGETS[kind] else 'MISSED'}")
        if kind in MRR_TARGETS:
            verdict.append(f"MRR≥{MRR_TARGETS[kind]:.2f} {'ok' if o['mrr'] >= MRR_TARGETS[kind] else 'MISSED'}")
        if o["recall@10"] < o["exact recall@10"]:
            verdict.append("BELOW PLAIN")
        if o["recall@10"] < s["recall@10"]:
            verdict.append("BELOW STOCK")
        lines.append(
            f"{kind:<18} {o['queries']:>7} | {o['exact recall@10']:>6.3f} {o['recall@10']:>9.3f} "
            f"{o['matches recall@10']:>7.3f} {s['recall@10']:>6.3f} | {o['exact mrr']:>9.3f} {o['mrr']:>9.3f} "
            f"{s['mrr']:>6.3f} | {' '.join(verdict)}"
        )
    return "\n".join(lines)


def cluster_table(results, sizes):
    ours, cluster = results["persian"], results["cluster"]
    lines = [
        "",
        f"Relevance: search cluster (OpenSearch, Persian pipeline) vs database backend ({VENDORS[connection.vendor]})",
    ]
    lines.append(
        f"{'kind':<18} | {'cluster plain':>13} {'thesaurus':>9} {'database':>8} | {'matches: cluster':>16} "
        f"{'database':>8} | {'cluster MRR plain':>17} {'thesaurus':>9} {'database':>8} | target"
    )
    for kind in KINDS:
        c, d = cluster["relevance"].get(kind), ours["relevance"].get(kind)
        if c is None or d is None:
            continue
        verdict = "≥ database: ok" if c["recall@10"] >= d["recall@10"] else "≥ database: MISSED"
        lines.append(
            f"{kind:<18} | {c['exact recall@10']:>13.3f} {c['recall@10']:>9.3f} {d['recall@10']:>8.3f} | "
            f"{c['matches recall@10']:>16.3f} {d['matches recall@10']:>8.3f} | "
            f"{c['exact mrr']:>17.3f} {c['mrr']:>9.3f} {d['mrr']:>8.3f} | {verdict}"
        )
    lines += [
        "",
        "/api/search/ latency in ms and bulk indexing, search cluster vs database backend (same records)",
        f"{'records':>8} | {'cluster p50':>11} {'p95':>6} | {'database p50':>12} {'p95':>6} | "
        f"{'cluster indexed/s':>17} {'database':>8}",
    ]
    for size in sizes:
        c, d = cluster[size], ours[size]
        lines.append(
            f"{c['records']:>8} | {c['p50']:>11.1f} {c['p95']:>6.1f} | {d['p50']:>12.1f} {d['p95']:>6.1f} | "
            f"{c['indexed_per_second'] or 0:>17.0f} {d['indexed_per_second'] or 0:>8.0f}"
        )
    return "\n".join(lines)


def thesaurus_latency_table(results, sizes):
    lines = [
        "",
        "/api/search/ latency in ms with the thesaurus (the default) against the words alone (exact=1), same "
        "requests alternately in the same run",
    ]
    for pipeline in ("persian", "cluster"):
        if pipeline not in results:
            continue
        name = "database" if pipeline == "persian" else "cluster"
        for size in sizes:
            m = results[pipeline].get(size)
            if not m or "exact p95" not in m:
                continue
            ratio = m["p95"] / m["exact p95"] if m["exact p95"] else float("inf")
            ok = "ok" if ratio <= THESAURUS_P95_RATIO else "MISSED"
            lines.append(
                f"{name:<8} {m['records']:>8} | plain p50 {m['exact p50']:>6.1f} p95 {m['exact p95']:>6.1f} | "
                f"thesaurus p50 {m['p50']:>6.1f} p95 {m['p95']:>6.1f} | ratio {ratio:>5.2f} "
                f"(≤{THESAURUS_P95_RATIO}: {ok})"
            )
    return "\n".join(lines)


def latency_table(results, sizes):
    lines = [
        "",
        f"/api/search/ latency in ms ({VENDORS[connection.vendor]}, in-process client, this machine)",
        f"{'records':>8} | {'p50':>6} {'p95':>6} | {'stock p50':>9} {'stock p95':>9} | {'p95 ratio':>9} | "
        f"{'indexed/s':>9} {'stock':>7} | target",
    ]
    for size in sizes:
        o, s = results["persian"][size], results["stock"][size]
        ratio = o["p95"] / s["p95"] if s["p95"] else float("inf")
        ok = o["p95"] <= P95_TARGET_MS and ratio <= P95_RATIO
        rate = o["indexed_per_second"] or 0
        stock_rate = s["indexed_per_second"] or 0
        lines.append(
            f"{o['records']:>8} | {o['p50']:>6.1f} {o['p95']:>6.1f} | {s['p50']:>9.1f} {s['p95']:>9.1f} | "
            f"{ratio:>9.2f} | {rate:>9.0f} {stock_rate:>7.0f} | "
            f"p95≤{P95_TARGET_MS} & ≤{P95_RATIO}× stock: {'ok' if ok else 'MISSED'}"
        )
    return "\n".join(lines)
