"""The measurements bench_search's workers make in their own process and database: relevance over the
labelled set, and /api/search/ latency at a given index size."""

import statistics
import time

from django.test import Client
from wagtail.search.backends import get_search_backend

from dev.bench.search.relevance import evaluate, exact_refs, load_set, matched_refs
from dev.bench.search.synthetic import generate
from search.models import SearchEntry


def relevance():
    """Per kind: of the page (the matches, then the related records beneath them) with the thesaurus,
    of the words alone (``exact=1``, the search before the thesaurus), and of the matches alone."""
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
