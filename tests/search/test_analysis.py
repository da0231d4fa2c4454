"""The Persian pipeline, rule by rule."""

import pytest

from persian.analysis import analyze_query, compact_ref, content_terms, index_terms, prepare, stem

ZWNJ = "\u200c"


def indexed(text):
    return set(index_terms(text).split())


def matches(query, text):
    """True when every group of the analysed query meets a term indexed for ``text``."""
    terms = indexed(text)
    analysed = analyze_query(query)
    return bool(analysed) and all(group & terms for group in analysed.groups)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("ي", "ی"),
        ("ى", "ی"),
        ("ك", "ک"),
        ("ة", "ه"),
        ("أ", "ا"),
        ("إ", "ا"),
        ("ؤ", "و"),
        ("مـــصوبه", "مصوبه"),
        ("مُصَوَّبَه", "مصوبه"),
        ("٤٢", "42"),
        ("۴۲", "42"),
        ("QOM", "qom"),
    ],
)
def test_character_and_digit_folding(raw, folded):
    assert prepare(raw) == folded


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("پسماندها", "پسماند"),
        ("شهرداریهای", "شهرداری"),
        ("شهرداری", "شهرداری"),  # the trap: never cut to «شهردار»
        ("طرحهایی", "طرح"),
        ("مصوبات", "مصوبه"),
        ("غرف", "غرفه"),
        ("شهرداران", "شهردار"),
        ("جلسات", "جلسه"),
        ("ها", "ها"),  # too short to strip
        ("استان", "استان"),  # «ان» is not a suffix rule
        ("امنای", "امین"),  # ezafe after alef, then the broken plural
        ("فضای", "فضا"),
    ],
)
def test_stemmer(word, expected):
    assert stem(prepare(word)) == expected


@pytest.mark.parametrize(
    "variant",
    [f"شهرداری{ZWNJ}ها", "شهرداری ها", "شهرداریها", "شهرداريها", "شهرداریهای", "شهرداری"],
)
def test_every_way_of_writing_municipalities_meets_every_other(variant):
    for text in (f"همه شهرداری{ZWNJ}ها", "همه شهرداری ها", "همه شهرداریها", "همه شهرداري"):
        assert matches(variant, text), (variant, text)


@pytest.mark.parametrize("query", [f"بودجه{ZWNJ}ریزی", "بودجه ریزی", "بودجهریزی"])
@pytest.mark.parametrize("text", [f"اجرای بودجه{ZWNJ}ریزی مشارکتی", "اجرای بودجه ریزی مشارکتی", "اجرای بودجهریزی"])
def test_half_space_space_or_nothing(query, text):
    assert matches(query, text)


def test_fused_compound_is_split_for_its_parts():
    assert matches("بودجه", "اجرای بودجهریزی مشارکتی")
    assert matches("تفاهم نامه", "امضای تفاهمنامه همکاری")
    assert matches("تفاهمنامه", "امضای تفاهم نامه همکاری")


@pytest.mark.parametrize(("query", "text"), [("مصوبات", "این مصوبه"), ("مصوبه", "همه مصوبات"), ("غرفه", "غرف بازارچه")])
def test_broken_plurals(query, text):
    assert matches(query, text)


def test_digits_in_any_script_match():
    assert matches("۱۵ بندی", "بسته 15 بندی")
    assert matches("1403", "سال ١٤٠٣")


def test_hamza_spellings():
    assert matches("هیئت امنا", "هیأت امنای محلات")
    assert matches("مسؤول", "مسئول اجرا")


def test_thousands_separators_do_not_split_numbers():
    assert matches("6800", "۶٬۸۰۰ خانوار")
    assert matches("۶۸۰۰", "6,800 households")
    assert not matches("800", "۶٬۸۰۰ خانوار")


def test_diacritics_and_tatweel_do_not_matter():
    assert matches("مصوبه", "مُصَوَّبـــه")


def test_refs_become_one_compact_term():
    assert compact_ref("QOM-۱۴۰۳-۱۱") == "qom140311"
    assert analyze_query("QOM-1403-11").groups == (frozenset({"qom140311"}),)
    assert analyze_query("۱۲۳/۴۵۶").groups == (frozenset({"123456"}),)
    assert "qom140311" in indexed("مصوبه QOM-1403-11 اجرا شد")
    assert not matches("QOM-1403-11", "نشست QOM-1403-12")


def test_stopwords_dropped_only_when_other_words_remain():
    assert [sorted(g) for g in analyze_query("مدیریت در پسماند").groups] == [
        ["مدیریت", "مدیریتدر"],
        ["درپسماند", "پسماند"],
    ]
    assert analyze_query("در")  # a query of one stopword still searches for it


@pytest.mark.parametrize("hostile", ['"', "OR", "*", "(", ")", 'a" OR "b', "NEAR(x y)", "col:term", "^x", "-x", "%s"])
def test_terms_never_carry_search_syntax(hostile):
    for group in analyze_query(hostile).groups:
        for term in group:
            assert term.isalnum(), term


def test_nothing_searchable():
    assert not analyze_query("*** ؟ !!!")
    assert not analyze_query("")


def test_long_queries_are_capped():
    analysed = analyze_query(" ".join(["پسماند"] * 500))
    assert analysed.truncated
    assert len(analysed.groups) <= 24


def test_content_terms_leave_out_stopwords_and_numbers_and_count_each_occurrence():
    terms = content_terms("سایت دفن در ۳ پهنه و سایت دفن")
    assert terms.count("سایت") == 2 and terms.count("سایتدفن") == 2  # the pair of two content words
    assert "پهنه" in terms
    assert not {"در", "و", "3", "دفندر", "درپهنه", "پهنهو"} & set(terms)  # no stopword, number or pair with one


def test_content_terms_are_the_indexed_terms():
    text = "شهرداری‌ها مصوبات مكان‌يابي را بررسی کردند"
    assert set(content_terms(text)) <= indexed(text)
