import datetime

from django.core.management import CommandError, call_command
import pytest

from meetings.docx_reading import WordImportError
from meetings.drafts import draft_from_proposal, next_free_ref
from meetings.models import MeetingPage
from meetings.word_import import parse_resolution, propose_meeting
from places.models import Province
from tests.conftest import meeting_fields
from tests.meetings.word_files import BROKEN_FILES, TITLE, minutes_docx, plain_docx, typed_minutes_docx


@pytest.fixture(scope="module")
def proposal():
    return propose_meeting(minutes_docx())


def test_title_date_and_place_are_read_from_the_document(proposal):
    assert proposal.title == TITLE
    assert proposal.date == datetime.date(2024, 11, 5)  # ۱۴۰۳/۰۸/۱۵
    assert proposal.place == "شهرداری دستجرد"


def test_body_keeps_headings_lists_and_table_as_markdown_and_text_as_written(proposal):
    body = proposal.body
    assert TITLE not in body  # the title becomes the page title
    assert "## دستور جلسه" in body and "## مصوبات" in body
    assert "- بررسي وضعيت پسماند شهرهاي استان" in body  # Arabic ي kept as typed
    assert "1. پيشنهاد افزايش" in body and "3. كارگروه آموزش" in body
    assert "| واحد | نتیجه ارزیابی |\n|---|---|\n| خدمات شهری | مناسب |" in body


def test_body_renders_to_html_with_table_and_lists(proposal):
    from persian.markdown import render_markdown

    html = render_markdown(proposal.body)
    assert "<table>" in html and "<th>واحد</th>" in html
    assert html.count("<li>") == 5 and "<ol>" in html and "<ul>" in html


def test_numbered_items_under_mosavabat_are_resolutions_with_responsible_and_deadline(proposal):
    section = [r for r in proposal.resolutions if r.source == "section"]
    assert [r.text for r in section] == [
        "پيشنهاد افزايش منطقي تعرفه عوارض تهيه شود",
        "نشست بعد در شهر قنوات برگزار شود.",
        "كارگروه آموزش مشترک تا ۱۵ دی ۱۴۰۳ تشکیل شود.",
    ]
    assert section[0].responsible == ["دفتر امور شهری", "شهرداری قم"]
    assert section[0].deadline == datetime.date(2024, 12, 20)  # ۱۴۰۳/۰۹/۳۰
    assert section[1].deadline is None and section[1].responsible == []
    assert section[2].deadline == datetime.date(2025, 1, 4)  # ۱۵ دی ۱۴۰۳


def test_muqarrar_gardid_sentence_outside_the_section_is_proposed(proposal):
    sentences = [r for r in proposal.resolutions if r.source == "sentence"]
    assert [r.text for r in sentences] == ["در ادامه مقرر گرديد گزارش پسماند تا پايان آذر ۱۴۰۳ تهيه شود."]
    assert sentences[0].deadline == datetime.date(2024, 12, 20)  # last day of Azar 1403


def test_the_meeting_date_is_the_labelled_one_not_a_deadline():
    data = plain_docx(
        paragraphs=["نشست شهرداران", "مهلت ارسال گزارش ۱۴۰۳/۰۹/۳۰ است.", "تاریخ: ۱۴۰۳/۰۸/۱۵", "مقرر شد گزارش برسد."]
    )
    assert propose_meeting(data).date == datetime.date(2024, 11, 5)


def test_title_skips_the_invocation_and_the_header_labels():
    data = plain_docx(
        paragraphs=["بسمه تعالي", "شماره: ۱۲۳/۴۵    تاریخ: ۱۴۰۳/۰۸/۱۵", "صورت‌جلسه کارگروه پسماند استان", "متن."]
    )
    proposal = propose_meeting(data)
    assert proposal.title == "صورت‌جلسه کارگروه پسماند استان"
    assert proposal.date == datetime.date(2024, 11, 5)
    assert proposal.body.startswith("بسمه تعالي\n\nشماره: ۱۲۳/۴۵")


def test_minutes_typed_without_styles_direct_numbering_and_a_resolutions_table():
    proposal = propose_meeting(typed_minutes_docx())
    assert proposal.title == "نشست کارگروه پسماند شهرهای استان قم، ۲۰ آذر ۱۴۰۳"
    assert proposal.date == datetime.date(2024, 12, 10)
    assert "## مصوبات\n\n1. سامانه ثبت پسماند راه‌اندازی شود.\n    - با مسئولیت" in proposal.body
    assert "| ردیف | شرح مصوبه | مسئول اجرا | مهلت |" in proposal.body and "## پایان جلسه" in proposal.body
    found = [(r.text, r.responsible, r.deadline, r.source) for r in proposal.resolutions]
    assert found == [
        ("سامانه ثبت پسماند راه‌اندازی شود.\nبا مسئولیت دبیرخانه پیگیری شود.", [], None, "section"),
        ("گزارش فصلی منتشر شود.", ["شهرداری قم"], None, "section"),
        ("آموزش رانندگان خودروهای پسماند", ["شهرداری کهک", "شهرداری قنوات"], datetime.date(2025, 2, 3), "table"),
        ("تهیه نقشه نقاط دفن", ["دفتر امور شهری"], None, "table"),
    ]


def test_minutes_without_a_mosavabat_heading_still_yield_sentences():
    data = plain_docx(paragraphs=["نشست", "پس از بحث، طرح جامع پسماند تصویب شد. مقرر شد نتیجه اعلام شود."])
    texts = [r.text for r in propose_meeting(data).resolutions]
    assert texts == ["پس از بحث، طرح جامع پسماند تصویب شد.", "مقرر شد نتیجه اعلام شود."]


def test_parse_resolution_with_arabic_letters_in_labels():
    resolution = parse_resolution("گزارش ارسال شود. مسئول: شهرداري كهك مهلت: ۱۵ دی ۱۴۰۳")
    assert resolution.text == "گزارش ارسال شود."
    assert resolution.responsible == ["شهرداري كهك"]
    assert resolution.deadline == datetime.date(2025, 1, 4)


@pytest.mark.parametrize("name", BROKEN_FILES)
def test_broken_files_are_refused_with_a_persian_message(name):
    make, words = BROKEN_FILES[name]
    with pytest.raises(WordImportError) as error:
        propose_meeting(make())
    assert words in str(error.value)


def test_oversized_file_is_refused(settings):
    settings.WORD_IMPORT_MAX_BYTES = 1000
    with pytest.raises(WordImportError, match="مگابایت"):
        propose_meeting(minutes_docx())


# --- drafts ---------------------------------------------------------------------------------


@pytest.fixture
def qom(db):
    return Province.objects.get(code="QOM")


def test_next_free_ref_follows_the_archive_convention(qom, archive, import_files):
    assert next_free_ref(qom, 1403) == "QOM-1403-01"
    archive.write("a.md", meeting_fields())
    archive.write("b.md", meeting_fields(ref="QOM-۱۴۰۳-۰۷", date="1403/05/01", resolutions=[]))
    assert not import_files(archive.root).failed
    assert next_free_ref(qom, 1403) == "QOM-1403-12"
    assert next_free_ref(qom, 1404) == "QOM-1404-01"


def test_draft_is_created_unpublished_and_kept_out_of_search(qom, site_tree, client):
    from search.models import SearchEntry

    qom.municipalities.create(name="دستجرد")
    page = draft_from_proposal(propose_meeting(minutes_docx()), province=qom)
    page.refresh_from_db()
    assert not page.live and page.has_unpublished_changes
    assert page.get_parent().specific_class.__name__ == "MeetingIndexPage"
    assert page.ref == "QOM-1403-01" and page.municipality.name == "دستجرد"
    assert page.latest_revision is not None
    assert [r.number for r in page.resolutions.order_by("number")] == [1, 2, 3, 4]
    first = page.resolutions.get(number=1)
    assert first.responsible == "دفتر امور شهری\nشهرداری قم"
    assert first.deadline == datetime.date(2024, 12, 20)
    assert not SearchEntry.objects.filter(page=page).exists()
    assert page.slug not in client.get("/search/", {"q": "کارگروه آموزش"}).content.decode()
    assert page.slug not in client.get("/meetings/").content.decode()
    assert client.get(f"/meetings/{page.slug}/").status_code == 404


# --- the command ----------------------------------------------------------------------------


def test_import_docx_command_creates_a_draft_per_file(qom, site_tree, tmp_path, capsys):
    first = tmp_path / "a.docx"
    second = tmp_path / "b.docx"
    minutes_docx(first)
    minutes_docx(second, date_line="تاریخ: ۱۴۰۳/۰۹/۲۰")
    qom.municipalities.create(name="کهک")
    call_command("import_docx", str(first), str(second), "--province", "qom", "--municipality", "كهك")
    pages = MeetingPage.objects.order_by("ref")
    assert [(p.ref, p.live, p.municipality.name) for p in pages] == [
        ("QOM-1403-01", False, "کهک"),
        ("QOM-1403-02", False, "کهک"),
    ]
    assert "2 draft meeting(s) created" in capsys.readouterr().out


def test_import_docx_bad_file_fails_alone_and_exits_non_zero(qom, site_tree, tmp_path, capsys):
    good = tmp_path / "good.docx"
    minutes_docx(good)
    bad = tmp_path / "scan.docx"
    bad.write_bytes(b"%PDF-1.4 renamed")
    before = MeetingPage.objects.count()
    with pytest.raises(CommandError, match="1 of 2"):
        call_command("import_docx", str(bad), str(good), "--province", "QOM")
    assert MeetingPage.objects.count() == before + 1
    assert f"{bad}: FAILED, nothing created" in capsys.readouterr().err


def test_import_docx_without_a_date_fails_unless_given(qom, site_tree, tmp_path):
    path = tmp_path / "nodate.docx"
    minutes_docx(path, date_line="")
    with pytest.raises(CommandError):
        call_command("import_docx", str(path), "--province", "QOM")
    assert not MeetingPage.objects.exists()
    call_command("import_docx", str(path), "--province", "QOM", "--date", "۱۴۰۳/۰۸/۲۰")
    assert MeetingPage.objects.get().date == datetime.date(2024, 11, 10)


def test_import_docx_unknown_province_is_an_error(db, tmp_path):
    with pytest.raises(CommandError, match="unknown province"):
        call_command("import_docx", str(tmp_path / "x.docx"), "--province", "XXX")
