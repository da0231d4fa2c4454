"""/api/v1/: every published record of every type with its fields, places, parts and public documents;
nothing unpublished, nothing restricted; the filters of the search API's names."""

import json
import re

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
import pytest
from wagtail.documents.models import Document

from agreements.access import OPEN, access_to
from agreements.models import AgreementDocument, RestrictedDocument
from records.registry import record_types

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content.decode()
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def refs(data):
    return [item["ref"] for item in data["results"]]


def test_every_type_has_a_list_and_a_detail_by_ref_and_by_id(client, archive):
    published = {
        "meeting": {"QOM-1403-11", "QOM-1403-12", "QZV-1404-06"},
        "agreement": {"QOM-TN-1403-02", "QOM-TN-1401-01"},
        "practice": {"BP-QOM-01"},
    }
    assert {rt.name for rt in record_types()} == set(published)
    for rt in record_types():
        data = get(client, f"/api/v1/{rt.section}/")
        assert set(refs(data)) == published[rt.name] and data["count"] == len(published[rt.name])
        assert {item["type"] for item in data["results"]} == {rt.name}
        first = data["results"][0]
        by_ref = get(client, f"/api/v1/{rt.section}/{first['ref']}/")
        by_id = get(client, f"/api/v1/{rt.section}/{first['id']}/")
        assert by_ref == by_id == first
        # the ref is compared as the importer compares refs: Persian digits and lower case find it
        typed = first["ref"].lower().replace("1", "۱")
        assert get(client, f"/api/v1/{rt.section}/{typed}/")["id"] == first["id"]


def test_all_records_newest_first_each_with_its_type(client, archive):
    data = get(client, "/api/v1/records/")
    assert data["count"] == 6
    assert [(item["type"], item["ref"]) for item in data["results"]] == [
        ("meeting", "QZV-1404-06"),
        ("meeting", "QOM-1403-12"),
        ("agreement", "QOM-TN-1403-02"),
        ("practice", "BP-QOM-01"),  # the same day as QOM-1403-11, added after it
        ("meeting", "QOM-1403-11"),
        ("agreement", "QOM-TN-1401-01"),
    ]
    # each item as its own type's endpoint gives it, and any record by its ref
    meeting = get(client, "/api/v1/meetings/QOM-1403-11/")
    assert next(item for item in data["results"] if item["ref"] == "QOM-1403-11") == meeting
    assert get(client, "/api/v1/records/QOM-TN-1403-02/")["type"] == "agreement"


def test_a_meeting_with_places_dates_resolutions_current_status_and_history(client, archive):
    meeting = get(client, "/api/v1/meetings/QOM-1403-11/")
    assert meeting["title"] == archive.qom.title
    assert meeting["url"].endswith("/meetings/qom-1403-11/")
    assert (meeting["date"], meeting["date_jalali"], meeting["year"]) == ("2024-11-05", "1403/08/15", 1403)
    assert meeting["province"]["code"] == "QOM" and meeting["province"]["name"] == "قم"
    assert meeting["municipality"]["slug"] == "دستجرد" and meeting["municipality"]["province"] == "QOM"
    assert {topic["slug"] for topic in meeting["topics"]} == {"مدیریت-پسماند", "درآمد-پایدار"}
    assert meeting["next_meeting_municipality"]["name"] == "قنوات"
    assert meeting["next_meeting_date_jalali"] == "1403/10/20"
    assert {m["name"] for m in meeting["participant_municipalities"]} == {"قم", "قنوات"}
    first, second = meeting["resolutions"]
    assert first["ref"] == "QOM-1403-11#1" and first["url"].endswith("/meetings/qom-1403-11/#resolution-1")
    assert first["deadline_jalali"] == "1403/09/30"
    # adopted in progress, done since the published follow-up; the draft's «cancelled» does not count
    assert (first["status"], first["current_status"]) == ("in_progress", "done")
    assert first["current_status_label"] == "انجام شد"
    assert [(h["record"], h["status"], h["date_jalali"]) for h in first["follow_ups"]] == [
        ("QOM-1403-12", "done", "1403/10/20")
    ]
    assert second["current_status"] == "pending" and second["follow_ups"] == []
    later = get(client, "/api/v1/meetings/QOM-1403-12/")
    assert [(f["resolution"], f["status"], f["note"]) for f in later["follow_ups"]] == [
        ("QOM-1403-11#1", "done", "پیشنهاد تعرفه به شورا رفت.")
    ]
    (document,) = meeting["documents"]
    assert document["title"] == "minutes.pdf" and "/documents/" in document["url"]
    assert client.get(document["url"]).status_code == 200


def test_an_agreement_with_parties_validity_and_status_as_the_public_sees_it(client, archive):
    agreement = get(client, "/api/v1/agreements/QOM-TN-1403-02/")
    assert agreement["parties"] == "شهرداری قم\nشهرداری کهک"
    assert {m["slug"] for m in agreement["party_municipalities"]} == {"قم", "کهک"}
    assert agreement["valid_until"] == "2027-11-22" and agreement["valid_until_jalali"] == "1406/09/01"
    assert (agreement["status"], agreement["status_label"]) == ("in_force", "در حال اجرا")
    assert agreement["approved_by"] == "QOM-1403-11#1"
    expired = get(client, "/api/v1/agreements/QOM-TN-1401-01/")
    assert (expired["status"], expired["status_label"]) == ("expired", "منقضی")  # signed, but its term has run
    practice = get(client, "/api/v1/practices/BP-QOM-01/")
    assert practice["related_agreements"] == ["QOM-TN-1403-02"]
    assert practice["related_resolutions"] == ["QOM-1403-11#1"]
    assert practice["results"] == "۳۰٪ کمتر پسماند"


def test_drafts_private_pages_and_restricted_documents_never_come_out(client, archive):
    everything = json.dumps(
        [get(client, "/api/v1/records/", page_size=100)]
        + [get(client, f"/api/v1/{rt.section}/", page_size=100) for rt in record_types()]
        + [get(client, f"/api/v1/{rt.section}/{ref}/") for rt, ref in ((record_types()[1], "QOM-TN-1403-02"),)],
        ensure_ascii=False,
    )
    for hidden in ("QOM-1403-13", "QOM-1403-14", "پیش‌نویس", "cancelled", "signed-secret"):
        assert hidden not in everything
    secret = archive.agreement.documents.get(restricted=True).document
    assert f"/documents/{secret.pk}/" not in everything
    agreement = get(client, "/api/v1/agreements/QOM-TN-1403-02/")
    assert [d["title"] for d in agreement["documents"]] == ["annex.pdf"]
    # every document listed anywhere is one the one access rule opens to anyone
    found = re.findall(r'"url": "[^"]+/documents/(\d+)/', everything)
    listed = {int(pk) for pk in found}
    assert len(listed) == 2 and all(access_to(AnonymousUser(), Document.objects.get(pk=pk)) == OPEN for pk in listed)
    # released by the office, the document is listed again
    RestrictedDocument.objects.filter(document=secret).update(released_at=timezone.now())
    AgreementDocument.objects.filter(document=secret).update(restricted=False)
    assert "signed-secret.pdf" in [d["title"] for d in get(client, "/api/v1/agreements/QOM-TN-1403-02/")["documents"]]
    for url in ("/api/v1/meetings/QOM-1403-13/", "/api/v1/meetings/QOM-1403-14/", "/api/v1/records/QOM-1403-13/"):
        response = client.get(url)
        assert response.status_code == 404 and "QOM-1403-1" in response.json()["error"]
    assert client.get(f"/api/v1/meetings/{archive.draft.pk}/").status_code == 404
    # a practice pointing at a record that is withdrawn later shows no ref of it
    archive.agreement.unpublish()
    assert get(client, "/api/v1/practices/BP-QOM-01/")["related_agreements"] == []


@pytest.mark.parametrize(
    ("url", "params", "expected"),
    [
        ("/api/v1/records/", {"province": "QZV"}, ["QZV-1404-06"]),
        ("/api/v1/records/", {"province": "qzv"}, ["QZV-1404-06"]),
        ("/api/v1/records/", {"province": "قزوین"}, ["QZV-1404-06"]),
        ("/api/v1/meetings/", {"municipality": "قنوات"}, ["QOM-1403-12"]),
        ("/api/v1/records/", {"topic": "مدیریت-پسماند"}, ["QOM-1403-12", "QOM-TN-1403-02", "QOM-1403-11"]),
        ("/api/v1/records/", {"topic": "مدیریت-پسماند", "type": "agreement"}, ["QOM-TN-1403-02"]),
        ("/api/v1/records/", {"year": "۱۴۰۴"}, ["QZV-1404-06"]),
        ("/api/v1/records/", {"year": "1401"}, ["QOM-TN-1401-01"]),
        ("/api/v1/records/", {"type": ["practice", "agreement"], "year": "1403"}, ["QOM-TN-1403-02", "BP-QOM-01"]),
        ("/api/v1/records/", {"status": "done"}, ["QOM-1403-11"]),
        ("/api/v1/meetings/", {"status": "pending"}, ["QZV-1404-06", "QOM-1403-11"]),
        ("/api/v1/agreements/", {"status": "expired"}, ["QOM-TN-1401-01"]),
        ("/api/v1/agreements/", {"status": "signed"}, []),  # the only signed one has lapsed
        ("/api/v1/agreements/", {"status": "in_force"}, ["QOM-TN-1403-02"]),
        ("/api/v1/records/", {"status": ["expired", "done"]}, ["QOM-1403-11", "QOM-TN-1401-01"]),
        ("/api/v1/records/", {"province": "QOM", "year": "1403", "status": "in_force"}, ["QOM-TN-1403-02"]),
    ],
)
def test_filters(client, archive, url, params, expected):
    data = get(client, url, **params)
    assert refs(data) == expected and data["count"] == len(expected)


def test_pages_are_bounded_and_linked(client, archive):
    data = get(client, "/api/v1/records/", page_size=4)
    assert (data["count"], data["page"], data["pages"], len(data["results"])) == (6, 1, 2, 4)
    assert data["previous"] is None and "page=2" in data["next"]
    second = get(client, "/api/v1/records/", page_size=4, page="۲")
    assert len(second["results"]) == 2 and second["next"] is None
    assert set(refs(data)).isdisjoint(refs(second))
    assert get(client, "/api/v1/meetings/", page_size=100)["count"] == 3
    empty = get(client, "/api/v1/meetings/", year="1390")
    assert (empty["count"], empty["pages"], empty["results"]) == (0, 1, [])


def test_places(client, archive):
    provinces = get(client, "/api/v1/provinces/", page_size=100)
    assert provinces["count"] == 31
    assert get(client, "/api/v1/provinces/qom/")["name"] == "قم"
    towns = get(client, "/api/v1/municipalities/", province="QZV", page_size=100)["results"]
    assert [(m["slug"], m["province"]) for m in towns] == [("قزوین", "QZV")]
    topics = get(client, "/api/v1/topics/")["results"]
    assert {t["slug"] for t in topics} >= {"مدیریت-پسماند", "درآمد-پایدار"}
    assert get(client, "/api/v1/topics/مدیریت-پسماند/")["name"] == "مدیریت پسماند"
