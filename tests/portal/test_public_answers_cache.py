"""What is kept besides whole pages, keyed by the archive's version (records.freshness): search outcomes
(the search page and /api/search/, which is also kept whole), the documents open to anyone, and the
header's sections. Each is served again until a change commits, never to or from a signed-in visitor,
never a draft, a restricted document or an answer the search cluster did not give.

Each change is committed (``commit``), as the version is renewed when a change commits."""

import pytest

from agreements.restriction import mark_restricted
from portal import downloads
from portal.page_cache import HIT_HEADER
from search import answers
from search.outcome import SearchOutcome
from tests.factories import DeskUserFactory, DocumentFactory, MeetingPageFactory, QomMeetingFactory, attach

pytestmark = pytest.mark.django_db
WORD = "دستجرد"  # in the meeting's title
API = f"/api/search/?q={WORD}&type=meeting"
PAGE = f"/search/?q={WORD}&type=meeting"


def hit(response):
    return response.get(HIT_HEADER) == "hit"


def found(response):
    if response["Content-Type"].startswith("application/json"):
        return [row["title"] for row in response.json()["results"]]
    return response.content.decode()


@pytest.fixture
def answers_cache(page_cache, settings):
    settings.SEARCH_CACHE_SECONDS = 60
    return page_cache


@pytest.fixture
def meeting(commit):
    with commit():
        return QomMeetingFactory()


@pytest.fixture
def searches(monkeypatch):
    """The queries really searched (not answered from the cache)."""
    asked = []
    search = answers.run_search

    def counted(request):
        asked.append(request.q)
        return search(request)

    monkeypatch.setattr(answers, "run_search", counted)
    return asked


def test_an_anonymous_search_runs_once_for_the_page_and_the_api(client, answers_cache, meeting, searches):
    page, api = client.get(PAGE), client.get(API)
    again_page, again_api = client.get(PAGE), client.get(API)
    assert searches == [WORD]
    assert meeting.title in page.content.decode() and meeting.title in again_page.content.decode()
    assert found(api) == found(again_api) == [meeting.title]
    assert not hit(api) and hit(again_api) and again_api.content == api.content
    # The page carries the visitor's own CSRF token (the follow form): only its outcome is kept.
    assert not hit(again_page) and "csrfmiddlewaretoken" in again_page.content.decode()


def test_a_published_or_unpublished_record_shows_in_the_next_answer(client, answers_cache, meeting, commit):
    client.get(API), client.get(PAGE)
    with commit():
        other = MeetingPageFactory(title=f"نشست دوم {WORD}")
    assert sorted(found(client.get(API))) == sorted([meeting.title, other.title])
    assert other.title in client.get(PAGE).content.decode()
    with commit():
        meeting.unpublish()
    assert found(client.get(API)) == [other.title]
    assert meeting.title not in client.get(PAGE).content.decode()


def test_drafts_never_reach_an_answer(client, answers_cache, meeting, commit, searches):
    with commit():
        MeetingPageFactory(draft=True, title=f"پیش‌نویس {WORD}")
    for _ in range(2):
        assert found(client.get(API)) == [meeting.title]
        assert "پیش‌نویس" not in client.get(PAGE).content.decode()
    assert searches == [WORD]


def test_signed_in_visitors_neither_get_nor_leave_kept_answers(client, answers_cache, meeting, searches):
    client.force_login(DeskUserFactory())
    for _ in range(2):
        assert not hit(client.get(API)) and meeting.title in client.get(PAGE).content.decode()
    assert searches == [WORD] * 4
    client.logout()
    client.cookies.clear()
    assert not hit(client.get(API))  # nothing the editor asked was kept
    assert searches == [WORD] * 5


def test_an_answer_the_cluster_did_not_give_is_not_kept(client, answers_cache, meeting, monkeypatch, searches):
    search = answers.run_search

    def degraded(request):
        outcome = search(request)
        return SearchOutcome(request, outcome.analyzed, outcome.count, outcome.results, outcome.facets, degraded=True)

    monkeypatch.setattr(answers, "run_search", degraded)
    first, again = client.get(API), client.get(API)
    assert first.json()["degraded"] and "no-store" in first["Cache-Control"]
    assert not hit(again) and again.json()["degraded"]
    client.get(PAGE), client.get(PAGE)
    assert len(searches) == 4


def test_the_search_answers_are_off_with_no_lifetime(client, page_cache, meeting, searches, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    client.get(API), client.get(API), client.get(PAGE)
    assert searches == [WORD] * 3


def test_the_documents_open_to_anyone_are_read_once_per_version(client, page_cache, meeting, commit, monkeypatch):
    with commit():
        first, second = attach(meeting, DocumentFactory(), DocumentFactory())
    asked = []
    rule = downloads.public_ids
    monkeypatch.setattr(downloads, "public_ids", lambda *args: asked.append(args) or rule(*args))
    for row in (first, second, first):
        assert client.get(row.document.url).status_code == 200
    assert len(asked) == 1
    with commit():
        mark_restricted(first.document, meeting.province_id)
    response = client.get(first.document.url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert client.get(second.document.url).status_code == 200 and len(asked) == 2


def test_a_restricted_document_is_never_served_anonymously(client, page_cache, desk_records, desk):
    by_title = {row.document.title: row.document for row in desk_records.agreement.documents.all()}
    signed, annex = by_title["signed.pdf"], by_title["annex.pdf"]
    assert client.get(annex.url).status_code == 200  # the open documents are now known
    assert client.get(signed.url).status_code == 302
    client.force_login(desk.kahak_staff)  # a party's staff: asked by the whole rule
    assert client.get(signed.url).status_code == 200
    client.force_login(desk.qzv_editor)
    assert client.get(signed.url).status_code == 403


def test_the_header_follows_a_renamed_section(client, page_cache, meeting, commit):
    section = meeting.get_parent().specific
    assert f">{section.title}</a>" in client.get("/search/").content.decode()
    with commit():
        section.title = "صورت‌جلسه‌های همایش‌ها"
        section.save_revision().publish()
    assert ">صورت‌جلسه‌های همایش‌ها</a>" in client.get("/search/").content.decode()
