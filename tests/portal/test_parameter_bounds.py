"""Every public URL answers hostile path segments and query strings with < 500: a bad parameter is a 400
with a Persian reason (JSON ``{"error": …}`` under /api/), a path naming nothing a 404."""

import os
import re
from urllib.parse import quote, unquote, urlencode

from django.urls import URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import pytest

from places.models import Municipality, Province, Topic
from records.registry import record_models
from tests.conftest import meeting_fields

pytestmark = pytest.mark.django_db

EXCLUDED = ("admin/", "documents/")  # the admin has its own tests; document serving is the access rules'
PARAMETER_NAMES = [
    "page",
    "page_size",
    "p",
    "q",
    "type",
    "kind",
    "province",
    "topic",
    "year",
    "status",
    "sort",
    "municipality",
    "overdue",
    "date",
    "next",
]
HOSTILE = [
    "9999999999999999999",
    "9" * 5000,
    "-1",
    "0",
    "-0",
    "1e9",
    "1.5",
    "0x10",
    "²",
    "١٤٠٣",
    "۱۴۰۳",
    "۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\u202e",
    "../../etc/passwd",
    "#abc",
    "QOM-1403-11#abc",
    "QOM-1403-11#99999999999999999999",
    "QOM-1403-11#-1",
    "ي" * 3000,
    "x" * 10_000,
    "1403-13-45",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "%00",
    "",
    " ",
]
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6).map(str),
    st.integers(min_value=10**15, max_value=10**40).map(lambda n: str(n * (-1) ** (n % 2))),
    st.from_regex(r"[0-9۰-۹٠-٩²³¹⁰]{1,25}", fullmatch=True),
)
EXAMPLES = int(os.environ.get("BOUNDS_EXAMPLES", "25"))  # per URL pattern; raise it for a longer hunt
PERSIAN_LETTERS = re.compile(r"[\u0600-\u06ff]")


def public_patterns():
    """(route, pattern) for every URL pattern outside the admin and document serving."""

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif not route.startswith(EXCLUDED):
                yield route, pattern

    return list(walk(get_resolver("portal.urls").url_patterns, ""))


def values_of_the_archive():
    """Real codes, slugs, names, refs and choices, so generated URLs also reach past the first lookup."""
    refs = [ref for model in record_models() for ref in model.objects.values_list("ref", flat=True)]
    groups = [
        [p.code for p in Province.objects.all()],
        [p.name for p in Province.objects.all()],
        [m.slug for m in Municipality.objects.all()],
        [t.slug for t in Topic.objects.all()] + [t.name for t in Topic.objects.all()],
        refs + [f"{ref}#1" for ref in refs],
        ["1403", "۱۴۰۳", "1", "2", "100", "101", "relevance", "newest", "resolution", "meeting", "pending", "expired"],
    ]
    return st.one_of(*[st.sampled_from(group) for group in groups if group])


def segment_values(real):
    return st.one_of(real, NUMBERS, st.sampled_from(HOSTILE), ANY_TEXT)


def query_strings(real):
    """One or two of the parameters the portal reads, or a longer mix with repeated and unknown names."""
    values = segment_values(real)
    few = st.lists(st.tuples(st.sampled_from(PARAMETER_NAMES), values), min_size=1, max_size=2)
    mix = st.lists(st.tuples(st.one_of(st.sampled_from(PARAMETER_NAMES), ANY_TEXT), values), max_size=6)
    return st.one_of(few, mix).map(lambda pairs: urlencode(pairs, quote_via=quote))


def paths_of_the_archive():
    """The real addresses of the archive (pages, provinces, municipalities, topics, refs), by route."""
    from wagtail.models import Page

    paths = [page.url for page in Page.objects.live().specific() if page.url]
    for province in Province.objects.all():
        paths += [province.get_absolute_url(), reverse("province_open_resolutions", args=[province.slug])]
    paths += [m.get_absolute_url() for m in Municipality.objects.select_related("province")]
    paths += [t.get_absolute_url() for t in Topic.objects.all()]
    for model in record_models():
        for ref in model.objects.values_list("ref", flat=True):
            paths += [reverse("by_ref", args=[ref]), reverse("by_ref", args=[f"{ref}#1"])]
    by_route = {}
    for path in paths:
        by_route.setdefault(resolve(unquote(path)).route, []).append(path)
    return by_route


def paths_for(route, pattern, real, real_paths):
    """A real address of the route, or one with every placeholder (or page path) hostile."""
    if isinstance(pattern.pattern, RoutePattern):
        parts = re.split(r"<(?:\w+:)?\w+>", route)
        segment = segment_values(real).map(lambda s: quote(s, safe="") or "x")
        hostile = st.lists(segment, min_size=len(parts) - 1, max_size=len(parts) - 1).map(
            lambda filled: "/" + "".join(part + value for part, value in zip(parts, [*filled, ""], strict=True))
        )
    elif route in real_paths:  # Wagtail's page route: a real page and one hostile segment more
        extra = segment_values(real).map(lambda s: quote(s, safe="") + "/")
        hostile = st.tuples(st.sampled_from(real_paths[route]), extra).map("".join)
    else:  # the public images' route: a real folder, then hostile segments
        from portal.ops.media import PUBLIC_FOLDERS

        prefixes = st.sampled_from([f"/media/{folder}/" for folder in PUBLIC_FOLDERS])
        segment = segment_values(real).map(lambda s: quote(s, safe="") or "x")
        hostile = st.tuples(prefixes, st.lists(segment, min_size=1, max_size=3)).map(
            lambda found: found[0] + "/".join(found[1])
        )
    return st.one_of(st.sampled_from(real_paths[route]), hostile) if route in real_paths else hostile


def assert_answered(response, url):
    assert response.status_code < 500, url
    if response.status_code == 400:
        if response["Content-Type"].startswith("application/json"):
            reason = response.json()["error"]
        else:
            reason = response.content.decode()
        assert PERSIAN_LETTERS.search(reason), (url, reason[:300])


@pytest.fixture
def meeting(archive, import_files):
    assert not import_files(archive.write("qom-11.md", meeting_fields())).failed


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/search/?page=9999999999999999999", 400),  # overflowed the offset: 500
        ("/search/?page=9999999999999999999", 400),
        ("/api/search/?page=10001", 400),
        ("/api/search/?page=²", 400),  # "²".isdigit() but int("²") raises: 500
        ("/api/search/?year=¹⁴⁰³", 400),
        ("/api/search/?page=۲&page_size=۱۰۱", 400),
        ("/ref/QOM-1403-11%23abc/", 404),  # a non-integer resolution number: 500
        ("/ref/QOM-1403-11%2399999999999999999999/", 404),
        ("/ref/QOM-1403-11%23-1/", 404),
        ("/ref/%00/", 400),  # NUL cannot even be compared by PostgreSQL
        ("/provinces/qom/%00/", 400),
        ("/meetings/?province=%00", 400),
        ("/meetings/?year=99999999999999999999", 400),
        ("/meetings/?year=abc", 400),
        ("/meetings/?page=9999999999999999999", 400),
        ("/meetings/?page=-1", 400),
        ("/agreements/?topic=" + "x" * 300, 400),
        ("/provinces/qom/open-resolutions/?status=done", 400),
        ("/provinces/qom/open-resolutions/?municipality=%00", 400),
    ],
)
def test_out_of_bounds_parameters_are_refused_with_a_persian_reason(client, meeting, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert_answered(response, url)


def test_bounded_parameters_in_persian_digits_still_work(client, meeting):
    assert client.get("/api/search/?page=۱&page_size=۱۰۰").status_code == 200
    assert client.get("/meetings/?year=۱۴۰۳&page=۱").status_code == 200
    assert client.get("/meetings/?page=99").status_code == 200  # past the last page: the last page
    assert client.get("/ref/QOM-1403-11%23۱/")["Location"].endswith("#resolution-1")
    assert client.get("/provinces/qom/open-resolutions/?status=pending").status_code == 200


def test_the_api_answers_in_its_error_format_and_the_pages_in_persian(client, meeting):
    api = client.get("/api/search/", {"page": "9999999999999999999"})
    assert api.json() == {"error": "پارامتر page باید عددی صحیح از ۱ تا ۱۰٬۰۰۰ باشد، نه «9999999999999999999»."}
    page = client.get("/meetings/", {"year": "abc"}).content.decode()
    assert 'dir="rtl"' in page and "سال «abc» باید سال شمسی چهاررقمی باشد" in page


def test_no_hostile_path_or_query_string_gives_a_500(client, corpus):
    real = values_of_the_archive()
    real_paths = paths_of_the_archive()
    patterns = public_patterns()
    assert {"search", "api_search", "api_search_suggest", "feed_rss"} <= {pattern.name for _, pattern in patterns}
    for name in ("wagtail_serve", "province_detail", "province_open_resolutions", "municipality_detail", "by_ref"):
        assert any(pattern.name == name and route in real_paths for route, pattern in patterns)

    for route, pattern in patterns:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        )
        @given(path=paths_for(route, pattern, real, real_paths), query=query_strings(real))
        def answers(path, query):
            url = f"{path}?{query}" if query else path
            assert_answered(client.get(url), url)

        answers()
