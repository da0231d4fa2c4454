"""The memoised analysis (each distinct word, pair and short text analysed once) indexes exactly the
terms the word-by-word analysis gives, for any text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from persian.analysis import _split_compound, index_terms, ref_terms, stem, words

ZWNJ = "\u200c"
# Persian letters, the Arabic forms folded into them, digits of three scripts, diacritics, tatweel,
# the half-space, separators and a few Latin letters (refs).
ALPHABET = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكةأإؤ" + "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789" + "\u064e\u0650\u0640"
ALPHABET += ZWNJ + " ،.-/#_qomQOM"
# Words that occur in the archive, so that texts repeat them the way minutes do.
WORDS = ["شهرداری‌ها", "شهرداریها", "مصوبات", "بودجه‌ریزی", "فضای", "سبز", "QOM-۱۴۰۳-۱۱", "اسناد", "های", "١٤٠٣"]
texts = st.lists(st.one_of(st.text(ALPHABET, max_size=12), st.sampled_from(WORDS)), max_size=40).map(" ".join)


def reference_index_terms(text):
    """index_terms computed word by word, nothing remembered (as it was before the memo)."""
    ws = words(text)
    out = []
    for position, word in enumerate(ws):
        terms = {stem(word.fused)}
        if len(word.parts) > 1:
            terms.update(stem(part) for part in word.parts)
        terms.update(_split_compound(stem(word.fused)))
        out.extend(sorted(terms))
        if position + 1 < len(ws):
            first, second = word.fused, ws[position + 1].fused
            if all(w and all("\u0600" <= ch <= "\u06ff" for ch in w) for w in (first, second)):
                out.append(stem(first + second))
    out.extend(ref_terms(text))
    return " ".join(out)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_memoised_index_terms_equal_the_word_by_word_analysis(text):
    expected = reference_index_terms(text)
    assert index_terms(text) == expected
    assert index_terms(text) == expected  # the second time from the memo


@settings(max_examples=50, deadline=None)
@given(texts)
def test_a_long_text_is_analysed_like_its_words(text):
    long_text = " ".join([text] * 20) + " " + "شهرداری " * 400
    assert index_terms(long_text) == reference_index_terms(long_text)
