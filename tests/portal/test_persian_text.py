import pytest

from persian.text import (
    display_name,
    fold_characters,
    format_number,
    loose_pattern,
    normalize,
    to_latin_digits,
    to_persian_digits,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("۱۴۰۳", "1403"), ("٠١٢٣٤٥٦٧٨٩", "0123456789"), ("QOM-۱۴۰۳-۱۱", "QOM-1403-11"), ("بدون عدد", "بدون عدد")],
)
def test_to_latin_digits(text, expected):
    assert to_latin_digits(text) == expected


def test_to_persian_digits_converts_latin_and_arabic_indic():
    assert to_persian_digits("1403/08/15 و ٤٢") == "۱۴۰۳/۰۸/۱۵ و ۴۲"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("شهرداري", "شهرداری"),  # Arabic yeh
        ("كهك", "کهک"),  # Arabic kaf
        ("مـــدیریت", "مدیریت"),  # tatweel
        ("مُصَوَّبه", "مصوبه"),  # diacritics
        ("رئیس", "رییس"),
        ("خانۀ", "خانه"),
    ],
)
def test_fold_characters(text, expected):
    assert fold_characters(text) == expected


def test_normalize_collapses_space_and_edge_zwnj_but_keeps_inner_zwnj():
    assert normalize("  شهرداری\u200cها \u200c  ۱۲ ") == "شهرداری\u200cها 12"


def test_format_number_uses_persian_digits_and_separator():
    assert format_number(12500) == "۱۲٬۵۰۰"


def test_display_name_keeps_persian_digits():
    assert display_name("سامانه  137") == "سامانه ۱۳۷"
    assert display_name("كهك") == "کهک"


@pytest.mark.parametrize("typed", ["مقرر شد", "مقرر‌شد", "مقررشد", "مقرر  شد"])
def test_loose_pattern_matches_the_ways_a_phrase_is_typed(typed):
    import re

    assert re.fullmatch(loose_pattern("مقرر شد"), typed)


def test_loose_pattern_matches_arabic_letters_but_not_other_words():
    import re

    assert re.fullmatch(loose_pattern("مسئول اجرا"), "مسئول اجرا")
    assert re.fullmatch(loose_pattern("کمیته"), "كميته")
    assert not re.search(loose_pattern("مقرر شد"), "مقرری شد")
