"""Bad requests to /api/v1/ get the search API's ``{"error": "…"}`` with a Persian message and a 4xx,
never a 500; an address that asks too often is throttled."""

import re

import pytest
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db
PERSIAN = re.compile("[\u0600-\u06ff]{3}")


def error_of(response, status):
    assert response.status_code == status, response.content.decode()
    assert response["Content-Type"].startswith("application/json")
    message = response.json()["error"]
    assert PERSIAN.search(message), message
    return message


@pytest.mark.parametrize(
    ("url", "params", "says"),
    [
        ("/api/v1/records/", {"page": "0"}, "page"),
        ("/api/v1/records/", {"page": "abc"}, "page"),
        ("/api/v1/records/", {"page": ""}, "page"),
        ("/api/v1/records/", {"page": "99999999999999999999"}, "page"),
        ("/api/v1/records/", {"page_size": "1000"}, "page_size"),
        ("/api/v1/records/", {"page_size": "0"}, "page_size"),
        ("/api/v1/meetings/", {"page_size": "-5"}, "page_size"),
        ("/api/v1/records/", {"year": "abc"}, "abc"),
        ("/api/v1/records/", {"year": "99"}, "99"),
        ("/api/v1/agreements/", {"year": "1700"}, "1700"),
        ("/api/v1/records/", {"type": "foo"}, "foo"),
        ("/api/v1/records/", {"province": "XXX"}, "XXX"),
        ("/api/v1/records/", {"province": "a\x00b"}, "province"),
        ("/api/v1/meetings/", {"topic": "نیست"}, "نیست"),
        ("/api/v1/meetings/", {"municipality": "هیچ‌جا"}, "هیچ‌جا"),
        ("/api/v1/meetings/", {"status": "in_force"}, "in_force"),  # an agreement's status, not a resolution's
        ("/api/v1/records/", {"status": "bogus"}, "bogus"),
        ("/api/v1/practices/", {"status": "done"}, "status"),
        ("/api/v1/records/", {"type": "practice", "status": "done"}, "status"),
        ("/api/v1/municipalities/", {"province": "ZZZ"}, "ZZZ"),
        ("/api/v1/records/", {"topic": "x" * 500}, "topic"),
    ],
)
def test_bad_parameters_are_a_persian_400(client, archive, url, params, says):
    assert says in error_of(client.get(url, params), 400)


def test_a_page_past_the_end_unknown_records_and_writes(client, archive):
    assert "۹" in error_of(client.get("/api/v1/records/", {"page": "9"}), 404)
    assert "NOPE-1" in error_of(client.get("/api/v1/agreements/NOPE-1/"), 404)
    assert "NOPE-1" in error_of(client.get("/api/v1/records/NOPE-1/"), 404)
    error_of(client.get("/api/v1/provinces/XYZ/"), 404)
    error_of(client.get("/api/v1/topics/نیست/"), 404)
    error_of(client.get("/api/v1/nothing-here/"), 404)
    error_of(client.get("/api/v1/records/", {"format": "xml"}), 404)
    # read-only: no write goes through, and no CSRF page either
    for method in (client.post, client.put, client.delete):
        error_of(method("/api/v1/meetings/QOM-1403-11/"), 405)
    error_of(client.post("/api/v1/records/", {"title": "x"}), 405)


def test_an_address_that_asks_too_often_is_throttled(client, db, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    for _ in range(3):
        assert client.get("/api/v1/topics/").status_code == 200
    response = client.get("/api/v1/records/")
    assert "ثانیه" in error_of(response, 429)
    assert 0 < int(response["Retry-After"]) <= 60
    # another address is not held up by this one's requests
    assert client.get("/api/v1/topics/", REMOTE_ADDR="10.0.0.2").status_code == 200
