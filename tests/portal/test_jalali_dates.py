import datetime

import pytest

from persian import jalali


@pytest.mark.parametrize(
    "text",
    ["۱۴۰۴/۰۶/۲۳", "1404/06/23", "1404-06-23", "1404-6-23", " ۱۴۰۴-۰۶-۲۳ ", "2025-09-14"],
)
def test_parse_date_accepts_every_documented_form(text):
    assert jalali.parse_date(text) == datetime.date(2025, 9, 14)


@pytest.mark.parametrize("text", ["1404/13/40", "1404/12/31", "1403/07/31", "abc", "", "14040623", "2025-02-30"])
def test_parse_date_rejects_impossible_dates_in_persian(text):
    with pytest.raises(jalali.InvalidDate) as error:
        jalali.parse_date(text)
    assert "تاریخ" in str(error.value)


def test_leap_year_last_day_is_valid():
    assert jalali.parse_date("1403/12/30") == datetime.date(2025, 3, 20)


def test_yaml_date_object_below_threshold_is_read_as_jalali():
    assert jalali.parse_date(datetime.date(1403, 8, 15)) == datetime.date(2024, 11, 5)


def test_format_long_and_numeric():
    day = datetime.date(2025, 9, 14)
    assert jalali.format_long(day) == "۲۳ شهریور ۱۴۰۴"
    assert jalali.format_numeric(day) == "۱۴۰۴/۰۶/۲۳"
    assert jalali.format_numeric(day, persian_digits=False) == "1404/06/23"


def test_year_range_covers_the_whole_jalali_year():
    start, end = jalali.year_range(1403)
    assert start == datetime.date(2024, 3, 20)
    assert end == datetime.date(2025, 3, 20)
    assert jalali.jalali_year(start) == jalali.jalali_year(end) == 1403


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تاریخ جلسه: 1403-08-15", datetime.date(2024, 11, 5)),
        ("چهارشنبه ۱۵ آبان ماه ۱۴۰۳", datetime.date(2024, 11, 5)),
        ("۲۳ شهريور ۱۴۰۴", datetime.date(2025, 9, 14)),
        ("پایان اسفند ۱۴۰۳", datetime.date(2025, 3, 20)),
    ],
)
def test_find_dates_in_running_text(text, expected):
    assert [found.value for found in jalali.find_dates(text)] == [expected]


def test_find_dates_skips_impossible_dates_and_marks_month_ends():
    assert jalali.find_dates("۱۴۰۳/۱۳/۴۰ و ۳۲ مهر ۱۴۰۳ و 1990/01/01") == []
    found = jalali.find_dates("از ۱۴۰۳/۰۸/۱۵ تا پایان آذر ماه ۱۴۰۳")
    assert [(f.position, f.value, f.month_end) for f in found] == [
        (3, datetime.date(2024, 11, 5), False),
        (17, datetime.date(2024, 12, 20), True),
    ]
