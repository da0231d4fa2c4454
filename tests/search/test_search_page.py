"""The search page without JavaScript: Persian, filters in the URL, a useful empty page."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_page_is_persian_and_shows_results_with_marks(client, corpus):
    html = client.get("/search/", {"q": "بودجهریزی"}).content.decode()
    assert 'lang="fa" dir="rtl"' in html
    assert "<mark>" in html
    assert "۳ نتیجه" in html
    assert "۲۳ شهریور ۱۴۰۴" in html  # the Jalali date as every other page writes it
    assert 'name="q" value="بودجهریزی"' in html


def test_facet_links_carry_the_filters_in_the_url(client, corpus):
    html = client.get("/search/", {"q": "پسماند"}).content.decode()
    link = re.search(r'href="(\?[^"]*type=meeting[^"]*)"', html).group(1).replace("&amp;", "&")
    narrowed = client.get("/search/" + link).content.decode()
    assert 'aria-current="true"' in narrowed
    assert "نوع: نشست" in narrowed
    # a second facet keeps the first
    province = re.search(r'href="(\?[^"]*province=[^"]*)"', narrowed).group(1).replace("&amp;", "&")
    assert "type=meeting" in province
    both = client.get("/search/" + province).content.decode()
    assert both.count("✕") == 2


def test_nothing_found_page_explains_and_suggests_topics(client, corpus):
    html = client.get("/search/", {"q": "پسماندهاي خيالی"}).content.decode()
    assert "چیزی پیدا نشد" in html
    assert "پسماند خیالی" in html  # the query as understood: folded letters, plural undone
    assert "مدیریت پسماند" in html  # nearest topic


def test_suggestions_api(client, corpus):
    data = client.get("/api/search/suggest/", {"q": "بودجه"}).json()["suggestions"]
    labels = [s["label"] for s in data]
    assert "بودجه‌ریزی مشارکتی" in labels
    assert any(s["kind"] in ("meeting", "practice") for s in data)
    municipalities = client.get("/api/search/suggest/", {"q": "کها"}).json()["suggestions"]
    assert municipalities == [] or all("کها" in s["label"].replace("\u200c", "") for s in municipalities)
    assert client.get("/api/search/suggest/", {"q": "ک"}).json() == {"suggestions": []}


def test_header_links_to_search(client, corpus):
    assert 'href="/search/"' in client.get("/").content.decode()


def test_resolution_titles_use_persian_digits(client, corpus):
    titles = [r["title"] for r in client.get("/api/search/", {"type": "resolution"}).json()["results"]]
    assert titles and all(t.startswith("مصوبه ") and not any(ch.isascii() and ch.isdigit() for ch in t) for t in titles)
