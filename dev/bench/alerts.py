"""`make bench-alerts`: matching 1,000 saved searches against 1,000 new records and building their digests,
on an archive of 50,000 search entries.

    python -m dev.bench.alerts [--archive 50000] [--new 1000] [--searches 1000]

A temporary SQLite database (or a throwaway one on the PostgreSQL server DATABASE_URL names) with the
demo archive, grown with synthetic entries in the demo's style (``dev.bench.search.synthetic``); the
new records are live pages of their own, each with one synthetic entry, logged as changed. The saved
searches mix the relevance set's questions and single words of the archive with facets (type, province,
year) and facet-only searches. Timed: what the worker's tasks run, ``alerts.matching.match_changes``
(every saved search run through the search service over the changed records only), then
``alerts.sending.send_digests`` of the searches fed (each digest built, its e-mail handed to a mail
backend that renders it to bytes as the SMTP backend does, and its items marked sent).
"""

import argparse
import json
import os
from pathlib import Path
import random
import subprocess
import sys
import tempfile
import time

from django.core.mail.backends.base import BaseEmailBackend

TARGET_SECONDS = 30


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=int, default=50_000)
    parser.add_argument("--new", type=int, default=1_000)
    parser.add_argument("--searches", type=int, default=1_000)
    parser.add_argument("--worker", action="store_true", help="internal: measure in this process's database")
    options = parser.parse_args()
    if options.worker:
        return print(json.dumps(measure(options.archive, options.new, options.searches)))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from dev.management.commands.bench_search import drop_worker_database, run, worker_env

    with tempfile.TemporaryDirectory(prefix="hamandishi-bench-alerts-") as tmp:
        env = worker_env(Path(tmp), "alerts")
        env["SEARCH_PIPELINE"] = "persian"
        print("[alerts] preparing a database with the demo archive…", flush=True)
        run(["migrate", "--noinput"], env)
        run(["load_demo"], env)
        print(f"[alerts] {options.archive} archive entries, {options.new} new records, {options.searches} searches…")
        args = ["--worker", "--archive", str(options.archive), "--new", str(options.new)]
        completed = subprocess.run(
            [sys.executable, "-m", "dev.bench.alerts", *args, "--searches", str(options.searches)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            cwd=Path(__file__).resolve().parents[2],
        )
        drop_worker_database("alerts")
    if completed.returncode:
        raise SystemExit(completed.stderr[-3000:])
    report(json.loads(completed.stdout.strip().splitlines()[-1]))


def report(figures):
    total = figures["match_seconds"] + figures["digest_seconds"]
    print()
    print("| alerts at 50k | figure |")
    print("|---|---|")
    print(f"| search entries (archive + new) | {figures['entries']:,} |")
    print(f"| new records / their entries | {figures['new_records']:,} / {figures['new_entries']:,} |")
    print(f"| saved searches (distinct questions) | {figures['searches']:,} ({figures['distinct']:,}) |")
    print(f"| matching | {figures['match_seconds']:.1f} s |")
    print(f"| queued items / searches with news | {figures['items']:,} / {figures['fed']:,} |")
    print(
        f"| digests sent | {figures['digests']:,} in {figures['digest_seconds']:.1f} s ({figures['bytes']:,} bytes) |"
    )
    print(f"| items left unsent | {figures['unsent']:,} |")
    verdict = "met" if total <= TARGET_SECONDS else "MISSED"
    print(f"| **total** | **{total:.1f} s** (target ≤ {TARGET_SECONDS} s: {verdict}) |")


def measure(archive, new, searches):
    import django

    django.setup()
    existing = _grow(archive, new)
    pages = _new_pages(new, existing)
    _saved_searches(searches)
    return timed(pages)


class Measuring(BaseEmailBackend):
    """A mail backend that renders each message to bytes, as the SMTP backend does, and keeps the count."""

    sent = size = 0

    def send_messages(self, messages):
        for email in messages:
            Measuring.size += len(email.message().as_bytes())
            Measuring.sent += 1
        return len(messages)


def timed(pages):
    """Match the saved searches and send their digests (the figures), once the records are in place."""
    from django.test import override_settings

    from alerts.matching import match_changes
    from alerts.models import AlertItem, SavedSearch
    from alerts.sending import send_digests

    started = time.perf_counter()
    fed = match_changes()
    match_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with override_settings(EMAIL_BACKEND=f"{__name__}.Measuring"):
        send_digests(sorted(fed))
    digest_seconds = time.perf_counter() - started
    built, size = Measuring.sent, Measuring.size
    from search.models import SearchEntry

    return {
        "entries": SearchEntry.objects.count(),
        "new_records": len(pages),
        "new_entries": SearchEntry.objects.filter(page_id__in=pages).count(),
        "searches": SavedSearch.objects.count(),
        "distinct": SavedSearch.objects.values("query").distinct().count(),
        "match_seconds": match_seconds,
        "items": AlertItem.objects.count(),
        "fed": len(fed),
        "digests": built,
        "unsent": AlertItem.objects.filter(sent_at__isnull=True).count(),
        "digest_seconds": digest_seconds,
        "bytes": size,
    }


def _grow(archive, new):
    """The archive grown to ``archive`` entries, then ``new`` more: returns the new entries' ids."""
    from wagtail.search.backends import get_search_backend

    from dev.bench.search.synthetic import generate
    from search.models import SearchEntry

    missing = archive - SearchEntry.objects.count()
    ids = (generate(missing, seed=archive) if missing > 0 else []) + generate(new, seed=archive + 1)
    backend = get_search_backend()
    for start in range(0, len(ids), 1000):
        batch = SearchEntry.objects.filter(pk__in=ids[start : start + 1000]).prefetch_related("topics")
        backend.add_bulk(SearchEntry, list(batch))
    backend.refresh_indexes()
    return ids[-new:]


def _new_pages(count, entry_ids):
    """A live page per new entry (bulk, under one parent), each logged as a changed record."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    from alerts.models import RecordChange
    from search.models import SearchEntry

    root = Page.get_first_root_node()
    parent = root.add_child(instance=Page(title="bench alerts", slug="bench-alerts", live=True))
    kind, locale = ContentType.objects.get_for_model(Page), Locale.get_default()
    pages = Page.objects.bulk_create(
        Page(
            title=f"new {n}",
            slug=f"new-{n}",
            path=Page._get_path(parent.path, parent.depth + 1, n + 1),
            depth=parent.depth + 1,
            live=True,
            content_type=kind,
            locale=locale,
            url_path=f"{parent.url_path}new-{n}/",
        )
        for n in range(count)
    )
    Page.objects.filter(pk=parent.pk).update(numchild=count)
    # The demo's own publishing logged its records as changed, and the synthetic archive's entries all
    # hang on one demo page: only the new records are the news.
    RecordChange.objects.all().delete()
    for page, entry_id in zip(pages, entry_ids, strict=True):
        SearchEntry.objects.filter(pk=entry_id).update(page_id=page.pk)
    RecordChange.objects.bulk_create(RecordChange(page=page, version=1) for page in pages)
    return [page.pk for page in pages]


def _saved_searches(count, seed=1405):
    from django.http import QueryDict

    from alerts.models import Address, SavedSearch
    from dev.bench.search.relevance import load_set
    from places.models import Province
    from search.models import SearchEntry

    rng = random.Random(seed)
    questions = [str(item["query"]) for item in load_set()]
    words = [
        w for text in SearchEntry.objects.values_list("title", flat=True)[:300] for w in text.split() if len(w) > 3
    ]
    provinces = list(Province.objects.values_list("name", flat=True))
    searches = []
    for n in range(count):
        query = QueryDict(mutable=True)
        shape = n % 10
        if shape < 4:
            query["q"] = rng.choice(questions)
        elif shape < 8:
            query["q"] = rng.choice(words)
        if shape in (1, 5, 8):
            query["province"] = rng.choice(provinces)
        if shape in (2, 6, 9):
            query["type"] = rng.choice(["meeting", "resolution", "agreement", "practice"])
        if shape == 3:
            query["year"] = str(rng.choice([1401, 1402, 1403, 1404]))
        address = Address.objects.create(email=f"reader{n}@example.ir")
        searches.append(
            SavedSearch(
                address=address,
                name=f"جست‌وجوی {n}",
                query=query.urlencode(),
                frequency="immediate",
                confirmed_at="2026-01-01T00:00:00Z",
            )
        )
    SavedSearch.objects.bulk_create(searches)


if __name__ == "__main__":
    main()
