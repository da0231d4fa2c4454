"""Timing pages of a running portal over HTTP, one request after the other, as a single reader would:
latency percentiles, the server's own count of SQL queries (``X-Query-Count``), the HTML's size, and
the peak memory of the server's workers."""

import gzip
import http.client
import os
from pathlib import Path
import re
import time
from urllib.parse import quote

HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
SITEMAP_SAMPLES = 3  # of a sitemap index's files: the first, the middle and the last


def fetch(connection, path, cookie=None):
    """(status, seconds, body bytes uncompressed, X-Query-Count) of one GET."""
    headers = {**HEADERS, **({"Cookie": cookie} if cookie else {})}
    started = time.perf_counter()
    connection.request("GET", quote(path, safe="/?=&%#:+-_.~<>"), headers=headers)
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    if response.getheader("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    queries = response.getheader("X-Query-Count")
    return response.status, elapsed, body, int(queries) if queries is not None else None


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure_page(port, path, requests, cookie=None, warm_up=2, budget=90.0, minimum=5):
    """Figures of one page over ``requests`` timed requests (after ``warm_up`` untimed ones).

    A page that takes longer than ``budget`` seconds for them is timed ``minimum`` times at least and
    then left (the table says how many): a 30-second page tells its story in five requests.
    """
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    times, statuses, queries, size = [], set(), [], 0
    try:
        for _ in range(warm_up):
            _status, elapsed, _body, _count = fetch(connection, path, cookie)
            if elapsed > budget / requests:
                break  # a slow page is warm after one request
        started = time.monotonic()
        while len(times) < requests and (len(times) < minimum or time.monotonic() - started < budget):
            status, elapsed, body, count = fetch(connection, path, cookie)
            times.append(elapsed * 1000)
            statuses.add(status)
            queries.append(count)
            size = len(body)
    finally:
        connection.close()
    known = [q for q in queries if q is not None]
    return {
        "path": path,
        "p50": percentile(times, 0.5),
        "p95": percentile(times, 0.95),
        "requests": len(times),
        "queries": max(known) if known else None,
        "bytes": size,
        "statuses": sorted(statuses),
    }


def sitemap_files(port):
    """The sitemap files a sitemap index at /sitemap.xml links to (a sample), or none for a single file."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        _status, _elapsed, body, _count = fetch(connection, "/sitemap.xml")
    finally:
        connection.close()
    text = body.decode(errors="replace")
    if "<sitemapindex" not in text:
        return []
    files = [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", text)]
    picks = sorted({0, len(files) // 2, len(files) - 1}) if files else []
    return [files[i] for i in picks][:SITEMAP_SAMPLES]


def workers_of(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def peak_rss_mb(pid):
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def load_average():
    return os.getloadavg()
