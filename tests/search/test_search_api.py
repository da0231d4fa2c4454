"""/api/search/ against ../shared/docs/search-api.md: every field, facets, errors."""

import pytest

from tests.conftest import agreement_fields, follow_up_meeting, meeting_fields

pytestmark = pytest.mark.django_db
ZWNJ = "\u200c"
FIELDS = {"type", "ref", "title", "url", "date", "date_jalali", "province", "status", "snippet", "score"}


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response["Content-Type"].startswith("application/json")
    return response


def refs(response):
    return [r["ref"] for r in response.json()["results"]]


def test_response_shape_and_every_result_field(client, corpus):
    data = api(client, q="پسماند").json()
    assert set(data) >= {"query", "count", "page", "results", "facets"}
    assert data["query"] == "پسماند" and data["page"] == 1
    assert data["count"] == len(data["results"]) > 0
    assert set(data["facets"]) == {"type", "province", "topic", "year", "status"}
    for result in data["results"]:
        assert set(result) >= FIELDS
        assert result["type"] in {"meeting", "resolution", "agreement", "practice"}
        assert result["url"].startswith("/")
        assert len(result["date"]) == 10 and result["date_jalali"][:2] == "14"
        assert isinstance(result["score"], float)
        if result["type"] in ("meeting", "practice"):
            assert result["status"] is None


def test_resolution_is_its_own_result_linking_to_its_anchor(client, corpus):
    data = api(client, q="غرفه هنرمندان").json()
    first = data["results"][0]
    assert first["type"] == "resolution"
    assert first["ref"] == "QZV-1404-06#2"
    assert first["url"].endswith("/#resolution-2")
    assert first["status"] == "done"
    assert first["date_jalali"] == "1404/06/23"
    assert "<mark>غرفه</mark>" in first["snippet"]


@pytest.mark.parametrize(
    "query",
    [f"بودجه{ZWNJ}ریزی", "بودجه ریزی", "بودجهریزی", "بودجه ريزي", "بودجه‌ریزی‌ها"],
)
def test_spelling_variants_find_the_same_records(client, corpus, query):
    assert set(refs(api(client, q=query, page_size=100))) == {"QZV-1404-06", "QZV-1404-06#1", "BP-QZV-01"}


def test_arabic_letters_in_the_record_are_found_and_highlighted(client, corpus):
    data = api(client, q="مشارکتی تاکید").json()
    assert refs(api(client, q="مشارکتی تاکید")) == ["QZV-1404-06"]
    assert "<mark>تاكيد</mark>" in data["results"][0]["snippet"]  # the record's own letters


def test_ref_query_finds_that_record_first(client, corpus):
    assert refs(api(client, q="QOM-1403-11"))[0] == "QOM-1403-11"
    assert refs(api(client, q="qom-۱۴۰۳-۱۱"))[0] == "QOM-1403-11"
    assert refs(api(client, q="QOM-1403-11#2"))[0] == "QOM-1403-11#2"
    assert refs(api(client, q="۱۲۳/۴۵۶"))[0] == "۱۲۳/۴۵۶"
    assert refs(api(client, q="123/456"))[0] == "۱۲۳/۴۵۶"


def test_title_weighs_more_than_body(client, corpus):
    # «تفاهمنامه» is the agreement's title; the meeting mentions nothing of it
    ranked = refs(api(client, q="دفن بهداشتی پسماند"))
    assert ranked[0] == "۱۲۳/۴۵۶"


def test_text_inside_attachments_is_found_and_says_so(client, corpus):
    result = api(client, q="landfill siting").json()["results"][0]
    assert result["ref"] == "QOM-1403-11"
    assert result["matched_in"] == "attachment"
    assert "<mark>landfill</mark>" in result["snippet"]
    docx = api(client, q="قرض الحسنه").json()["results"][0]
    assert docx["ref"] == "QZV-1404-06" and docx["matched_in"] == "attachment"
    page = client.get("/search/", {"q": "landfill"}).content.decode()
    assert "یافته در فایل پیوست" in page


def test_facet_counts_cover_the_whole_result_set(client, corpus):
    everything = api(client, page_size=1).json()
    assert everything["count"] == 8 and len(everything["results"]) == 1  # counts are not the page's
    facets = everything["facets"]
    assert facets["type"] == {"resolution": 4, "meeting": 2, "agreement": 1, "practice": 1}
    assert facets["province"] == {"قم": 4, "قزوین": 4}
    assert facets["year"] == {"1404": 4, "1403": 4}
    assert facets["topic"]["بودجه‌ریزی مشارکتی"] == 4  # the Qazvin meeting, its 2 resolutions, the practice
    assert facets["status"] == {"in_progress": 2, "pending": 1, "done": 1, "expired": 1}
    narrowed = api(client, q="پسماند").json()
    assert sum(narrowed["facets"]["type"].values()) == narrowed["count"] < 8
    # a match's facets: the agreement past its term counts as expired, topics only of the matches
    matched = api(client, q="تفاهمنامه دفن").json()
    assert matched["facets"]["status"] == {"expired": 1}
    assert matched["facets"]["topic"] == {"مدیریت پسماند": 1}
    assert api(client, q="تفاهمنامه دفن", type="agreement").json()["facets"]["status"] == {"expired": 1}


def test_filters_combine_and_narrow_the_facets(client, corpus):
    data = api(client, type=["resolution"], province="قزوین").json()
    assert sorted(refs(api(client, type="resolution", province="قزوین"))) == ["QZV-1404-06#1", "QZV-1404-06#2"]
    assert data["facets"]["type"] == {"resolution": 2}
    assert refs(api(client, type="resolution", status="done")) == ["QZV-1404-06#2"]
    assert refs(api(client, topic="بودجه‌ریزی مشارکتی", type="practice")) == ["BP-QZV-01"]
    assert refs(api(client, year="۱۴۰۳", type="agreement")) == ["۱۲۳/۴۵۶"]
    assert refs(api(client, status="expired")) == ["۱۲۳/۴۵۶"]
    both = refs(api(client, type=["meeting", "practice"], page_size=100))
    assert sorted(both) == ["BP-QZV-01", "QOM-1403-11", "QZV-1404-06"]


def test_empty_query_is_everything_newest_first(client, corpus):
    data = api(client, page_size=100).json()
    dates = [r["date"] for r in data["results"]]
    assert dates == sorted(dates, reverse=True)
    assert all(r["score"] is None for r in data["results"])


def test_sort_newest_and_pagination(client, corpus):
    newest = api(client, q="پسماند", sort="newest", page_size=100).json()["results"]
    assert [r["date"] for r in newest] == sorted((r["date"] for r in newest), reverse=True)
    first = api(client, page_size=2, page=1).json()
    second = api(client, page_size=2, page=2).json()
    assert len(first["results"]) == 2 and second["page"] == 2
    assert not set(refs(api(client, page_size=2, page=1))) & set(refs(api(client, page_size=2, page=2)))
    assert api(client, page_size=2, page=99).json()["results"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"page": "-1"},
        {"page": "x"},
        {"page_size": "1000"},
        {"page_size": "0"},
        {"type": "foo"},
        {"year": "abc"},
        {"year": "14"},
        {"status": "maybe"},
        {"sort": "random"},
        {"province": "آتلانتیس"},
        {"topic": "موضوع ناموجود"},
    ],
)
def test_invalid_parameters_are_400_with_a_reason(client, corpus, params):
    response = api(client, **params)
    assert response.status_code == 400
    assert response.json()["error"]
    page = client.get("/search/", params)
    assert page.status_code == 400
    assert 'role="alert"' in page.content.decode()


def test_snippets_are_html_safe(client, archive, import_files):
    archive.write(
        "m.md",
        {"ref": "X-1", "type": "meeting", "title": "<b>نشست</b>", "date": "1404/01/01", "province": "قم"},
        body="پسماند <script>alert('x')</script> & <img src=x onerror=alert(1)>",
    )
    import_files(archive.root)
    result = api(client, q="پسماند").json()["results"][0]
    assert "<script" not in result["snippet"] and "<img" not in result["snippet"]
    assert result["snippet"].count("<mark>") == result["snippet"].count("</mark>") >= 1
    page = client.get("/search/", {"q": "پسماند"}).content.decode()
    assert "<script>alert" not in page and "<b>نشست</b>" not in page


def test_drafts_are_never_in_search(client, corpus):
    from meetings.models import MeetingPage

    MeetingPage.objects.get(ref="QZV-1404-06").unpublish()
    assert "QZV-1404-06" not in refs(api(client, q="بودجه ریزی", page_size=100))
    assert "QZV-1404-06#1" not in refs(api(client, q="بودجه ریزی", page_size=100))
    assert api(client, page_size=100).json()["facets"]["type"].get("resolution") == 2


def test_a_meeting_outranks_its_resolutions_for_words_of_its_title(client, corpus):
    # the meeting's title says «معاون امور شهرداریهای کشور»; its resolutions do not
    assert refs(api(client, q="معاون امور شهرداری‌های کشور"))[0] == "QZV-1404-06"


def test_follow_up_notes_are_found_with_the_meeting_that_recorded_them(client, archive, import_files):
    archive.write("a.md", meeting_fields())
    archive.write(
        "b.md",
        follow_up_meeting("QOM-1403-11#1", "done", "لایحه به شورا رفت"),
    )
    assert not import_files(archive.root).failed
    assert refs(api(client, q="لایحه شورا")) == ["QOM-1403-12"]


def test_a_long_question_may_miss_one_word(client, corpus):
    # «انتقال» is nowhere in the archive; the other four words are in the Qom meeting
    assert "QOM-1403-11" in refs(api(client, q="انتقال همکاری منابع طبیعی مکانیابی"))
    # two or three words must all be there
    assert api(client, q="انتقال پسماند").json()["count"] == 0


def test_a_long_question_lists_records_with_every_word_before_those_missing_one(client, archive, import_files):
    filler = " ".join(["گزارش عملکرد واحدهای خدمات شهری در فصل گذشته ارائه شد."] * 40)
    archive.write(
        "meeting.md",
        meeting_fields(summary="گزارش فصلی.", resolutions=[]),
        body=f"{filler} آبیاری بوستان‌ها با پساب و احیای قنات محله بررسی شد. {filler}",
    )
    # three of the four words, in a short title: on scores alone it would come first
    archive.write("agreement.md", agreement_fields(title="تفاهم‌نامه آبیاری بوستان با پساب", approved_by=None))
    assert not import_files(archive.root).failed
    data = api(client, q="آبیاری پساب بوستان قنات").json()
    assert refs(api(client, q="آبیاری پساب بوستان")) == ["QOM-TN-1403-02", "QOM-1403-11"]
    assert [r["ref"] for r in data["results"]] == ["QOM-1403-11", "QOM-TN-1403-02"]
    assert data["count"] == 2
