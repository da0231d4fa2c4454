"""Related records beneath a short result list («سوابق مرتبط», ``search.related``), on both backends.

The archive here has three Qom records about siting a landfill: two use the word «مکان‌یابی», one
speaks of the proposed zones for the landfill site without it; a Qazvin record shares that
vocabulary, and a dozen records about other subjects keep the shared words rare, as in a real
archive.
"""

import pytest

from search import related
from search.request import SearchRequest
from tests.conftest import agreement_fields, meeting_fields

pytestmark = pytest.mark.django_db

LANDFILL = "سه پهنه پیشنهادی برای سایت دفن بهداشتی زباله با همکاری منابع طبیعی و محیط زیست بررسی شد."
OTHER_SUBJECTS = [
    "بودجه‌ریزی مشارکتی در محلات",
    "بازارچه دیجیتال صنایع دستی",
    "بیمه تکمیلی کارکنان شهرداری",
    "هیئت امنای محلات",
    "سامانه پاسخگویی ۱۳۷",
    "نوسازی ناوگان اتوبوسرانی",
    "آموزش ایمنی کارگران خدمات شهری",
    "گردشگری روستایی و اقامتگاه بوم‌گردی",
    "فضای سبز و آبیاری با پساب",
    "درآمد پایدار از عوارض نوسازی",
    "کتابخانه‌های محله‌ای",
    "پیاده‌راه‌سازی بافت تاریخی",
    "جمع‌آوری آب باران در بوستان‌ها",
    "آتش‌نشانی داوطلبانه",
]


def waste_meeting(ref, title, summary, **place):
    topics = ["مدیریت پسماند"]
    return meeting_fields(
        ref=ref, title=title, summary=summary, topics=topics, resolutions=[], next_meeting={}, **place
    )


@pytest.fixture
def landfill_archive(archive, import_files):
    archive.write(
        "qom-07.md",
        waste_meeting(
            "QOM-1403-07", "نشست شهرداران استان قم در جعفریه", "مکان‌یابی سایت دفن بهداشتی زباله شهرهای کوچک."
        ),
        body=f"شهرداران خواستار مکان‌یابی مشترک شدند. {LANDFILL}",
    )
    archive.write(
        "agreement.md",
        agreement_fields(
            title="تفاهم‌نامه مکان‌یابی و بهره‌برداری مشترک از سایت دفن بهداشتی زباله",
            approved_by=None,
            topics=["مدیریت پسماند"],
        ),
        body=LANDFILL,
    )
    archive.write(
        "qom-14.md",
        waste_meeting(
            "QOM-1403-14", "نشست شهرداران استان قم در قنوات", "گزارش کارگروه فنی درباره سایت دفن بهداشتی زباله."
        ),
        body=LANDFILL,
    )
    archive.write(
        "qzv-02.md",
        waste_meeting(
            "QZV-1405-02",
            "نشست شهرداران استان قزوین در آبیک",
            "سایت دفن بهداشتی زباله شرق استان.",
            province="قزوین",
            municipality="آبیک",
        ),
        body=LANDFILL,
    )
    for number, subject in enumerate(OTHER_SUBJECTS, start=1):
        archive.write(
            f"practice-{number}.md",
            {
                "ref": f"BP-QOM-{number:02d}",
                "type": "practice",
                "title": f"تجربه {subject}",
                "date": "1404/02/01",
                "province": "قم",
                "results": f"گزارش تجربه {subject}",
            },
            body=f"شرح تجربه {subject} در شهر.",
        )
    report = import_files(archive.root)
    assert not report.failed, report.lines


def search(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200
    return response.json()


def refs(rows):
    return [row["ref"] for row in rows]


def test_records_like_the_matches_are_offered_beneath_them(client, landfill_archive):
    data = search(client, q="مکان‌یابی")
    assert set(refs(data["results"])) == {"QOM-1403-07", "QOM-TN-1403-02"}
    offered = refs(data["related"])
    assert "QOM-1403-14" in offered and "QZV-1405-02" in offered  # the landfill's zones, without the word
    assert not any(ref.startswith("BP-") for ref in offered)  # nothing about other subjects
    assert not set(offered) & set(refs(data["results"]))
    # the matches alone make the count and the facets
    assert data["count"] == 2 and sum(data["facets"]["type"].values()) == 2
    for row in data["related"]:
        assert row["matched_in"] == "related" and row["score"] is None
        assert row["url"].startswith("/") and row["province"] in ("قم", "قزوین")


def test_related_records_keep_to_the_filters(client, landfill_archive):
    data = search(client, q="مکان‌یابی", province="قم")
    assert "QOM-1403-14" in refs(data["related"])
    assert "QZV-1405-02" not in refs(data["related"])
    assert {row["province"] for row in data["related"]} == {"قم"}


def test_no_related_records_for_a_ref_newest_first_or_nothing_found(client, landfill_archive):
    assert search(client, q="مکان‌یابی", sort="newest")["related"] == []
    assert search(client, q="QOM-1403-07")["related"] == []
    nothing = search(client, q="پسماند خیالی ناپیدا")
    assert nothing["count"] == 0 and nothing["related"] == []
    # a page that does not hold every match is no place for them either
    assert search(client, q="مکان‌یابی", page_size=1)["related"] == []


def test_no_related_records_when_the_matches_fill_a_page(client, landfill_archive):
    data = search(client, q="تجربه")
    assert data["count"] == len(OTHER_SUBJECTS) and data["related"] == []


def test_the_page_shows_related_records_in_their_own_section(client, landfill_archive):
    html = client.get("/search/", {"q": "مکان یابی"}).content.decode()
    assert "۲ نتیجه" in html
    section = html[html.index("سوابق مرتبط") :]
    assert "همهٔ واژه‌های جست‌وجو را ندارند" in section
    assert "نشست شهرداران استان قم در قنوات" in section
    assert html.index("نشست شهرداران استان قم در جعفریه") < html.index("سوابق مرتبط")


def test_expansion_terms_are_shared_by_the_matches_and_rare_in_the_archive():
    texts = ["سایت دفن پهنه جنوبی همایش", "سایت دفن پهنه شمالی همایش", "گزارش همایش"]
    rows = {"سایت": 3, "دفن": 3, "سایتدفن": 3, "همایش": 40, "جنوبی": 9, "شمالی": 9}  # the rest: 2 rows
    terms = related.expansion_terms(texts, lambda terms, share, most: ({t: rows.get(t, 2) for t in terms}, 100))
    assert set(terms[:2]) == {"پهنه", "دفنپهنه"}  # in two of them, and the rarest
    assert set(terms) == {"پهنه", "دفنپهنه", "سایت", "دفن", "سایتدفن"}  # «همایش» is in 40% of the archive
    assert "جنوبی" not in terms and "پهنهجنوبی" not in terms  # in one of them only


def test_related_records_are_wanted_only_beneath_a_short_complete_first_page():
    from persian.analysis import analyze_query

    words, ref = analyze_query("مکان یابی"), analyze_query("QOM-1403-07")
    assert related.wanted(SearchRequest(q="مکان یابی"), words, 3)
    assert not related.wanted(SearchRequest(q="مکان یابی"), words, 0)
    assert not related.wanted(SearchRequest(q="مکان یابی"), words, related.FILL_TO)
    assert not related.wanted(SearchRequest(q="مکان یابی", page=2), words, 3)
    assert not related.wanted(SearchRequest(q="مکان یابی", sort="newest"), words, 3)
    assert not related.wanted(SearchRequest(q="QOM-1403-07"), ref, 1)


def test_document_frequencies_count_the_records_holding_each_term(landfill_archive, search_backend):
    from wagtail.search.backends import get_search_backend

    from search.models import SearchEntry

    terms = ["پهنه", "تجربه", "ناپیدا"]
    frequencies, total = get_search_backend().document_frequencies(terms, 1.0, 10_000)
    # the search entries alone: on the database too, not the pages its index holds beside them
    assert frequencies["پهنه"] == 4 and frequencies["تجربه"] == len(OTHER_SUBJECTS)
    assert frequencies.get("ناپیدا", 0) == 0
    assert total == SearchEntry.objects.count()
    if search_backend == "database":  # counting may stop past the share of the records asked for
        capped, _ = get_search_backend().document_frequencies(["تجربه"], 0.01, 10_000)
        assert 1 <= capped["تجربه"] < len(OTHER_SUBJECTS)
