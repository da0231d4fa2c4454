"""Reading /sitemap.xml as a crawler does: the index, then every file it names."""

import re
from urllib.parse import urlsplit

LOC = re.compile(r"<loc>([^<]+)</loc>")


def locs(body):
    return LOC.findall(body.decode() if isinstance(body, bytes) else body)


def files(client, **extra):
    response = client.get("/sitemap.xml", **extra)
    assert response.status_code == 200
    assert b"<sitemapindex" in response.content
    return locs(response.content)


def all_urls(client, **extra):
    """Every address in every file of the index (absolute, as written)."""
    found = []
    for url in files(client, **extra):
        parts = urlsplit(url)
        response = client.get(parts.path, dict(p.split("=") for p in parts.query.split("&") if p), **extra)
        assert response.status_code == 200, url
        found += locs(response.content)
    return found
