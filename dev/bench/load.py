"""`make bench-load`: mixed traffic from concurrent clients against the production stack on loopback.

    python -m dev.bench.load [--database sqlite|env] [--clients 50] [--duration 60] [--workers 4] [--outage]

A temporary portal (migrate, the demo archive, collectstatic) under gunicorn with 4 workers; each
client is a thread with its own connection that asks, one request after the other, for the home
page, listings, record pages, searches with varied Persian queries, the search API and document
downloads. Prints requests/s, p50/p95/p99 and errors, per kind and overall, and the CPU time the server
and the clients used per request (on a shared machine the latencies depend on the other processes; the
CPU per request does much less). Responses are read whole but not decompressed. ``--database env`` uses
DATABASE_URL (tests/pg/with-postgres.sh gives a throwaway PostgreSQL); ``--outage`` then stops that
server for 10 s under load and reports how soon requests are answered again.
"""

import argparse
import http.client
import os
from pathlib import Path
import random
import re
import tempfile
import threading
import time
from urllib.parse import quote

from dev.stack import Gunicorn, PostgresServer, manage, production_env, with_dev_tools

HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
QUERIES = (
    "پسماند",
    "بودجه مشارکتی",
    "شهرداری",
    "تفاهم نامه",
    "حمل و نقل عمومی",
    "گردشگری",
    "مصوبات",
    "فضای سبز",
    "درآمد پایدار",
    "بازارچه صنایع دستی",
    "آتش نشانی",
    "QOM-1403-11",
    "دفن بهداشتی زباله",
    "شهرداریها",
    "آب",
)
# kind: share of the traffic
MIX = {"home": 15, "listing": 20, "record": 30, "search": 12, "api": 13, "document": 10}
OK = {200, 301, 302, 304}


def fetch(connection, path):
    connection.request("GET", quote(path, safe="/?=&%#:+-_.~"), headers=HEADERS)
    response = connection.getresponse()
    body = response.read()
    return response.status, body


def _locs(sitemap):
    return [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap.decode())]


class Plan:
    """The addresses of each kind, found on the running portal itself."""

    def __init__(self, port):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        pages = []
        for sitemap_file in _locs(fetch(connection, "/sitemap.xml")[1]):  # an index: its files list the pages
            pages += _locs(fetch(connection, sitemap_file)[1])
        self.records = [page for page in pages if page.count("/") >= 3]
        self.listings = [
            "/meetings/",
            "/agreements/",
            "/practices/",
            "/provinces/",
            "/provinces/qom/",
            "/meetings/?province=qom",
            "/meetings/?year=1403",
        ]
        self.documents = []
        for page in self.records:
            if "/agreements/" in page or "/meetings/" in page:
                _status, body = fetch(connection, page)
                self.documents += re.findall(r'href="(/documents/[^"]+)" download', body.decode())
        self.documents = sorted(set(self.documents)) or ["/"]
        connection.close()

    def pick(self, rng):
        kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
        if kind == "home":
            return kind, "/"
        if kind == "listing":
            return kind, rng.choice(self.listings)
        if kind == "record":
            return kind, rng.choice(self.records)
        if kind == "search":
            return kind, f"/search/?q={rng.choice(QUERIES)}"
        if kind == "api":
            return kind, f"/api/search/?q={rng.choice(QUERIES)}"
        return kind, rng.choice(self.documents)


def client(port, plan, deadline, samples, seed):
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < deadline:
        kind, path = plan.pick(rng)
        started = time.monotonic()
        try:
            status, _body = fetch(connection, path)
        except Exception:  # a failed request is counted, never the end of a client
            status = 0
            connection.close()
        samples.append((started, kind, status, (time.monotonic() - started) * 1000))
    connection.close()


def run_load(port, plan, clients, duration, during=None):
    """(samples, seconds elapsed, CPU seconds this process used)."""
    samples = []
    deadline = time.monotonic() + duration
    threads = [
        threading.Thread(target=client, args=(port, plan, deadline, samples, seed), daemon=True)
        for seed in range(clients)
    ]
    began, cpu = time.monotonic(), time.process_time()
    for thread in threads:
        thread.start()
    if during:
        during(began)
    for thread in threads:
        thread.join()
    return samples, time.monotonic() - began, time.process_time() - cpu


def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(title, samples, elapsed, server_cpu, client_cpu):
    print(f"\n{title}")
    print(f"{'kind':<10}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    kinds = [*MIX, "all"]
    for kind in kinds:
        chosen = [s for s in samples if kind in ("all", s[1])]
        times = [s[3] for s in chosen]
        errors = sum(1 for s in chosen if s[2] not in OK)
        print(
            f"{kind:<10}{len(chosen):>9}{len(chosen) / elapsed:>9.1f}{percentile(times, 0.5):>9.0f}"
            f"{percentile(times, 0.95):>9.0f}{percentile(times, 0.99):>9.0f}{errors:>8}"
        )
    count = max(len(samples), 1)
    print(
        f"CPU per request: server {server_cpu / count * 1000:.2f} ms, clients {client_cpu / count * 1000:.2f} ms "
        f"(cores busy: server {server_cpu / elapsed:.2f}, clients {client_cpu / elapsed:.2f}, of {os.cpu_count()})"
    )


def outage_phase(port, plan, clients, pause=10.0, before=10.0, after=20.0):
    server = PostgresServer()
    moments = {}

    def during(began):
        time.sleep(before)
        moments["stopped"] = time.monotonic()
        server.stop()
        time.sleep(pause)
        server.start()
        moments["restarted"] = time.monotonic()

    samples, _elapsed, _cpu = run_load(port, plan, clients, before + pause + after + 2, during)
    restarted = moments["restarted"]
    later = [s for s in samples if s[0] >= restarted]
    failed_later = [s for s in later if s[2] not in OK]
    slowest = max((s[3] for s in later), default=0.0)
    last_failure = max((s[0] + s[3] / 1000 for s in samples if s[2] not in OK), default=restarted)
    print(f"\nPostgreSQL stopped for {pause:.0f} s under load ({clients} clients):")
    print(
        f"  requests while it was down: {sum(1 for s in samples if moments['stopped'] <= s[0] < restarted)}, "
        f"failed: {sum(1 for s in samples if moments['stopped'] <= s[0] < restarted and s[2] not in OK)}"
    )
    print(
        f"  requests started after the restart: {len(later)}, failed: {len(failed_later)}, "
        f"slowest {slowest:.0f} ms, p95 {percentile([s[3] for s in later], 0.95):.0f} ms"
    )
    answered = [s[0] + s[3] / 1000 for s in later if s[2] in OK]
    first = min(answered, default=float("nan")) - restarted
    print(
        f"  last failed answer {max(last_failure - restarted, 0):.1f} s after the restart, "
        f"first good answer {first:.1f} s after it"
    )
    return not failed_later and slowest <= 5000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "env"), default="sqlite")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--outage", action="store_true", help="stop PostgreSQL for 10 s under load (with-postgres.sh)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hamandishi-bench-load-") as workdir:
        workdir = Path(workdir)
        url = os.environ["DATABASE_URL"] if options.database == "env" else f"sqlite:///{workdir / 'db.sqlite3'}"
        env = production_env(url, workdir)
        engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
        print(f"bench-load: preparing a demo portal on {engine} (migrate, load_demo, collectstatic)", flush=True)
        manage(env, "migrate", "--noinput", "-v", "0", timeout=1800)
        manage(with_dev_tools(env), "load_demo", timeout=1800)
        manage(env, "collectstatic", "--noinput", "-v", "0", timeout=1800)
        with Gunicorn(env, workdir / "run", workers=options.workers) as server:
            plan = Plan(server.port)
            print(
                f"{len(plan.records)} record pages, {len(plan.documents)} documents, {len(QUERIES)} queries; "
                f"warming up",
                flush=True,
            )
            run_load(server.port, plan, min(options.clients, 8), 5)
            server_cpu = server.cpu_seconds()
            samples, elapsed, client_cpu = run_load(server.port, plan, options.clients, options.duration)
            report(
                f"{engine}, gunicorn {options.workers} workers, {options.clients} clients, {options.duration:.0f} s",
                samples,
                elapsed,
                server.cpu_seconds() - server_cpu,
                client_cpu,
            )
            if options.outage:
                if not url.startswith("postgres") or "HAMANDISHI_PG_DATA" not in os.environ:
                    raise SystemExit("--outage needs the throwaway server of tests/pg/with-postgres.sh")
                recovered = outage_phase(server.port, plan, options.clients)
                print(
                    "  recovered: every request after the restart answered within 5 s"
                    if recovered
                    else "  NOT recovered within 5 s"
                )


if __name__ == "__main__":
    main()
