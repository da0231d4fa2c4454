"""What a reader sees of stored text (persian.display) — the stored text itself never changes."""

from hypothesis import given
from hypothesis import strategies as st

from persian.display import KNOWN_COMPOUNDS, display_html, display_text
from persian.templatetags.persian import fa_filesize, jdate
from persian.text import ZWNJ, fold_characters, to_latin_digits


def test_latin_and_arabic_digits_become_persian():
    assert display_text("منطقه 3 و بند ٤") == "منطقه ۳ و بند ۴"
    assert display_text("جلسه 1403/08/15") == "جلسه ۱۴۰۳/۰۸/۱۵"


def test_refs_urls_and_file_names_keep_latin_digits():
    text = "مصوبه QOM-1403-11#2 در https://example.ir/p/12 و فایل scan-2024.pdf، بند 5"
    assert display_text(text) == "مصوبه QOM-1403-11#2 در https://example.ir/p/12 و فایل scan-2024.pdf، بند ۵"


def test_arabic_letters_become_persian_and_tatweel_goes():
    assert display_text("شهرداري كاشان") == "شهرداری کاشان"
    assert display_text("مــــصوبه") == "مصوبه"


def test_known_half_spaces_are_restored():
    assert display_text("اين مي شود") == "این می‌شود"
    assert display_text("نمی توانند") == "نمی‌توانند"
    assert display_text("شهرداری ها") == "شهرداری‌ها"
    assert display_text("شهرداریها") == "شهرداری‌ها"
    assert display_text("تفاهم نامه") == "تفاهم‌نامه"
    assert display_text("تفاهمنامههای امضا شده") == "تفاهم‌نامه‌های امضا شده"
    assert display_text("بودجهریزی مشارکتی") == "بودجه‌ریزی مشارکتی"


def test_words_that_merely_look_alike_are_left_alone():
    for text in ("میدان امام", "تنها راه", "این نامه", "روزنامه", "انتها", "میز"):
        assert display_text(text) == text


def test_already_correct_text_is_unchanged():
    text = f"تفاهم{ZWNJ}نامه{ZWNJ}های شهرداری{ZWNJ}ها می{ZWNJ}شود"
    assert display_text(text) == text


def test_html_text_changes_but_not_tags_attributes_or_entities():
    html = '<a href="/meetings/qom-1403-11/#resolution-2">بند 2</a> &#1604; <mark>شهرداري</mark>'
    shown = display_html(html)
    assert shown == '<a href="/meetings/qom-1403-11/#resolution-2">بند ۲</a> &#1604; <mark>شهرداری</mark>'


def test_every_known_compound_is_shown_with_its_half_space():
    for compound in KNOWN_COMPOUNDS:
        assert display_text(compound.replace(ZWNJ, " ")) == compound
        assert display_text(compound.replace(ZWNJ, "")) == compound


@given(st.text(max_size=200))
def test_display_changes_only_form_never_the_words(text):
    shown = display_text(text)

    # Folding and Latin digits undo every change, except half-spaces, which may only be added.
    def canonical(value):
        return to_latin_digits(fold_characters(value)).replace(ZWNJ, "").replace(" ", "")

    assert canonical(shown) == canonical(text)
    assert display_text(shown) == shown


def test_one_date_format_and_persian_size_units():
    import datetime

    assert jdate(datetime.date(2025, 9, 14)) == "۲۳ شهریور ۱۴۰۴"
    assert jdate("2025-09-14") == "۲۳ شهریور ۱۴۰۴"
    assert fa_filesize(340 * 1024) == "۳۴۰ کیلوبایت"
    assert fa_filesize(int(1.5 * 1024 * 1024)) == "۱٫۵ مگابایت"
    assert fa_filesize(900) == "۹۰۰ بایت"
