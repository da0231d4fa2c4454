"""Character n-grams cut in Python, for the engines' text fields: prefixes for autocomplete and the
3–4-grams of the ``_grams`` field, asked when no word matches (``search.backends.cluster``)."""

import re

GRAMS_FIELD = "_grams"
GRAM_SIZES = (3, 4)
EDGE_GRAM_SIZES = (1, 15)  # what Wagtail's ``edgengram`` filter cut: prefixes of 1 to 15 characters
_GRAM_RUN = re.compile(r"[^\W_]+")


def character_grams(text):
    """The 3- and 4-character grams of each run of letters and digits in ``text``, by position then
    length, as an ``ngram`` tokenizer cuts them (each gram its own token, so "most of the n-grams"
    can be asked for), joined by spaces."""
    grams = []
    for run in _GRAM_RUN.findall(text):
        for start in range(len(run)):
            grams.extend(run[start : start + size] for size in GRAM_SIZES if start + size <= len(run))
    return " ".join(grams)


def edge_grams(text):
    """Each word's prefixes of 1 to 15 characters, for matching a word as it is typed."""
    low, high = EDGE_GRAM_SIZES
    return " ".join(word[:size] for word in text.split() for size in range(low, min(len(word), high) + 1))
