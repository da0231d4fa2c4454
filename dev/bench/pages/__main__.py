"""`make bench-pages`: every kind of page at 10k, 50k and 100k records, next to the demo archive.

    python -m dev.bench.pages [--database sqlite|env] [--sizes 10000,50000,100000] [--requests 20]

For the demo archive and then each size, in one run: the portal is served by gunicorn with the
production settings (``dev.bench.pages.settings``: production's, plus a count of each request's SQL
queries in a header), and each page is asked for ``--requests`` times, one request after the other.
Prints per page p50/p95, queries, HTML size and the ratio to the demo archive, with the load average
before and after and the peak memory of a worker.

The archives are generated in bulk (``dev.bench.pages.generate``). On SQLite each is kept in
.cache/bench-pages/ (named with a fingerprint of the code that shapes it), so later runs only copy it;
``--database env`` uses the PostgreSQL server of DATABASE_URL (tests/pg/with-postgres.sh), one
database per size, copied from the demo one.
"""

import argparse
import hashlib
import json
import os
from pathlib import Path
import secrets
import shutil
import tempfile
import time
from urllib.parse import urlsplit, urlunsplit

from dev.bench.pages.measure import load_average, measure_page, peak_rss_mb, sitemap_files, workers_of
from dev.bench.pages.report import size_table, stock_line
from dev.stack import ROOT, Gunicorn, manage, production_env, with_dev_tools

# BENCH_PAGES_CACHE elsewhere (/tmp/…) keeps one checkout's archives from another's sharing .cache
CACHE = Path(os.environ.get("BENCH_PAGES_CACHE") or ROOT / ".cache" / "bench-pages")
API = "/api/search/?q=شهرداری"
# what shapes the demo archive, and what shapes the generated records on top of it
DEMO_SOURCES = ("dev/demo/**/*", "*/migrations/*.py", "records/archive/*.py")
RECORD_SOURCES = (
    *DEMO_SOURCES,
    "dev/bench/pages/generate.py",
    "dev/bench/pages/history.py",
    "dev/bench/search/synthetic.py",
    "search/backends/*.py",
    "persian/analysis.py",
    "persian/text.py",
)


def fingerprint(patterns):
    """Of the code and data an archive is made from: a change to any gives new archives."""
    digest = hashlib.sha256()
    for pattern in patterns:
        for path in sorted(ROOT.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def say(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class SQLiteArchives:
    """Archive files in the cache, copied into the work directory for each server."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.fingerprints = {"demo": fingerprint(DEMO_SOURCES), "records": fingerprint(RECORD_SOURCES)}
        CACHE.mkdir(parents=True, exist_ok=True)
        self.engine = "SQLite"
        self.announced = set()

    def url(self, path):
        return f"sqlite:///{path}"

    def _cached(self, name, kind, make):
        target = CACHE / f"{name}-{self.fingerprints[kind]}.sqlite3"
        if target.exists():
            if name not in self.announced:
                say(f"{name}: cached in {target}")
                self.announced.add(name)
            return target
        for old in CACHE.glob(f"{name}-*.sqlite3"):
            old.unlink()  # made by earlier code: never read again
        building = self.workdir / f"building-{name}.sqlite3"
        make(building)
        shutil.move(building, target)
        return target

    def demo(self):
        def make(path):
            env = production_env(self.url(path), self.workdir)
            say("demo archive: migrate, load_demo")
            manage(env, "migrate", "--noinput", "-v", "0", timeout=1800)
            manage(with_dev_tools(env), "load_demo", timeout=1800)

        return self._cached("demo", "demo", make)

    def records(self, size):
        def make(path):
            shutil.copyfile(self.demo(), path)
            generate(production_env(self.url(path), self.workdir), size)

        return self._cached(f"records-{size}", "records", make)

    def serve(self, label, archive):
        """A private copy for the server: its sessions and logins never reach the cache."""
        copy = self.workdir / f"{label}.sqlite3"
        shutil.copyfile(archive, copy)
        return self.url(copy)

    def drop(self, url):
        Path(url.removeprefix("sqlite:///")).unlink()


class PostgresArchives:
    """One database per archive on the server DATABASE_URL names; each size starts from the demo's."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.base = os.environ["DATABASE_URL"]
        self.prefix = urlsplit(self.base).path.lstrip("/") + "_pages"
        self.engine = "PostgreSQL"
        self.made = set()

    def url(self, name):
        return urlunsplit(urlsplit(self.base)._replace(path="/" + name))

    def _server_sql(self, *statements):
        """Statements outside any database (CREATE/DROP DATABASE), through Django's own connection."""
        code = "from django.db import connection\nwith connection._nodb_cursor() as c:\n"
        code += "".join(f"    c.execute({statement!r})\n" for statement in statements)
        manage(production_env(self.base, self.workdir), "shell", "-c", code)

    def _create(self, name, template=None):
        copy = f' TEMPLATE "{template}"' if template else ""
        self._server_sql(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"{copy}')

    def demo(self):
        name = f"{self.prefix}_demo"
        if name not in self.made:
            self._create(name)
            env = production_env(self.url(name), self.workdir)
            say("demo archive: migrate, load_demo")
            manage(env, "migrate", "--noinput", "-v", "0", timeout=1800)
            manage(with_dev_tools(env), "load_demo", timeout=1800)
            self.made.add(name)
        return name

    def records(self, size):
        name = f"{self.prefix}_{size}"
        self._create(name, template=self.demo())
        generate(production_env(self.url(name), self.workdir), size)
        return name

    def serve(self, label, archive):
        name = f"{self.prefix}_served_{label.replace('-', '_')}"
        self._create(name, template=archive)
        return self.url(name)

    def drop(self, url):
        self._server_sql(f'DROP DATABASE "{urlsplit(url).path.lstrip("/")}"')


def generate(env, size):
    say(f"generating {size:,} records")
    started = time.monotonic()
    code = f"from dev.bench.pages.generate import main; main({size})"
    output = manage(env, "shell", "-c", code, timeout=6 * 3600)
    elapsed = time.monotonic() - started
    for line in output.splitlines():
        if "records" in line:
            say(line.strip())
    say(f"{size:,} records generated in {elapsed:.0f} s ({size / elapsed:.0f} records/s, process start included)")


def measure_archive(url, workdir, label, requests, workers, only=None, **extra):
    """Figures of each page of the plan (or of the pages labelled ``only``) on the archive at ``url``."""
    page_cache = Path(workdir) / f"page-cache-{label}"  # a fresh one: no answer stored from another archive
    shutil.rmtree(page_cache, ignore_errors=True)
    env = production_env(
        url,
        workdir,
        DJANGO_SETTINGS_MODULE="dev.bench.pages.settings",
        SECRET_KEY=secrets.token_urlsafe(60),  # the same for the admin's session and the server
        LOG_LEVEL="WARNING",
        PAGE_CACHE_DIR=page_cache,
        **extra,
    )
    plan = json.loads(manage(env, "shell", "-c", "from dev.bench.pages.plan import main; main()").splitlines()[-1])
    paths = {name: path for name, path in plan["pages"].items() if only is None or name in only}
    with Gunicorn(env, workdir / f"run-{label}", workers=workers) as server:
        before = load_average()[0]
        pages = {}
        for name, path in paths.items():
            cookie = plan["admin_cookie"] if path.startswith("/admin/") else None
            pages[name] = measure_page(server.port, path, requests, cookie)
            if path == "/sitemap.xml":
                for child in sitemap_files(server.port):
                    pages[f"/sitemap.xml → {child}"] = measure_page(server.port, child, requests)
        after = load_average()[0]
        rss = max((peak_rss_mb(pid) for pid in workers_of(server.process.pid)), default=0.0)
    return {"pages": pages, "load": (before, after), "rss_mb": rss, "requests": requests}


def measure_stock_search(archives, archive, workdir, label, requests, workers):
    """/api/search/ on the same archive with its index rewritten by stock Wagtail's backend."""
    url = archives.serve(f"{label}-stock", archive)
    stock = {"SEARCH_PIPELINE": "stock"}
    say(f"{label}: the index rewritten by stock Wagtail's database backend")
    env = {**production_env(url, workdir), **stock}
    manage(env, "shell", "-c", "from dev.bench.pages.stock import main; main()", timeout=6 * 3600)
    result = measure_archive(url, workdir, f"{label}-stock", requests, workers, only=(API,), **stock)
    archives.drop(url)
    return result["pages"][API]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "env"), default="sqlite")
    parser.add_argument("--sizes", default=os.environ.get("SIZES") or "10000,50000,100000")
    parser.add_argument("--requests", type=int, default=int(os.environ.get("REQUESTS") or 20))
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (the machine has 2 cores)")
    parser.add_argument("--no-stock", action="store_true", help="skip /api/search/ on stock Wagtail's search")
    parser.add_argument(
        "--no-page-cache", action="store_true", help="serve every request afresh (PAGE_CACHE_SECONDS=0)"
    )
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",") if size.strip()]
    with tempfile.TemporaryDirectory(prefix="hamandishi-bench-pages-") as workdir:
        workdir = Path(workdir)
        archives = (SQLiteArchives if options.database == "sqlite" else PostgresArchives)(workdir)
        say(f"bench-pages on {archives.engine}: demo archive, then {', '.join(f'{s:,}' for s in sizes)} records")
        manage(production_env("sqlite:///unused", workdir), "collectstatic", "--noinput", "-v", "0", timeout=1800)
        built = {"demo": archives.demo(), **{size: archives.records(size) for size in sizes}}
        baseline = None
        for key, archive in built.items():
            label = "demo" if key == "demo" else f"records-{key}"
            say(f"measuring {label}")
            url = archives.serve(label, archive)
            extra = {"PAGE_CACHE_SECONDS": 0} if options.no_page_cache else {}
            result = measure_archive(url, workdir, label, options.requests, options.workers, **extra)
            archives.drop(url)
            title = (
                f"{archives.engine}, the demo archive"
                if key == "demo"
                else f"{archives.engine}, the demo archive + {key:,} generated records"
            ) + (", page cache off" if options.no_page_cache else "")
            if not options.no_stock:
                stock = measure_stock_search(archives, archive, workdir, label, options.requests, options.workers)
            print(size_table(title, result, baseline), flush=True)
            if not options.no_stock:
                print(stock_line(result["pages"][API], stock), flush=True)
            baseline = baseline or result


if __name__ == "__main__":
    main()
