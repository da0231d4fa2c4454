"""Persian text helpers: digit conversion and character normalisation.

Every other module (templates, importer, search analysis) calls these; nothing else
keeps its own digit or character tables.
"""

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

ZWNJ = "\u200c"

_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, LATIN_DIGITS * 2)
_TO_PERSIAN = str.maketrans(LATIN_DIGITS + ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2)

# Arabic code points that Persian keyboards and old documents still produce.
_CHAR_FOLDING = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "\u0640": None,  # tatweel
        "\u200d": None,  # zero-width joiner
        "\u200e": None,  # left-to-right mark
        "\u200f": None,  # right-to-left mark
        "\ufeff": None,  # byte order mark
    }
)
# Harakat, tanwin, shadda, sukun, superscript alef, hamza above/below.
_DIACRITICS = {chr(cp) for cp in range(0x064B, 0x0660)} | {"\u0670"}
_STRIP_DIACRITICS = str.maketrans({ch: None for ch in _DIACRITICS})


def to_latin_digits(text):
    """Persian and Arabic-Indic digits become 0-9; everything else is kept."""
    return str(text).translate(_TO_LATIN)


def to_persian_digits(text):
    """Latin and Arabic-Indic digits become Persian digits (for display)."""
    return str(text).translate(_TO_PERSIAN)


def fold_characters(text):
    """Fold Arabic letter variants to their Persian forms and drop tatweel/diacritics."""
    return str(text).translate(_CHAR_FOLDING).translate(_STRIP_DIACRITICS)


def _composed(*tables):
    """One translation table doing what ``tables`` do one after the other (each pass over a text costs)."""
    keys = set().union(*tables)
    composed = {}
    for key in keys:
        text = chr(key)
        for table in tables:
            text = text.translate(table)
        composed[key] = text
    return composed


_FOLD_TO_LATIN = _composed(_CHAR_FOLDING, _STRIP_DIACRITICS, _TO_LATIN)


def fold_to_latin_digits(text):
    """``to_latin_digits(fold_characters(text))`` in one pass."""
    return str(text).translate(_FOLD_TO_LATIN)


def normalize(text):
    """Canonical form used for names and refs: folded characters, Latin digits,
    collapsed whitespace, no stray zero-width non-joiners at word edges."""
    text = to_latin_digits(fold_characters(text))
    words = [word.strip(ZWNJ) for word in text.split()]
    return " ".join(word for word in words if word)


def display_name(text):
    """A name as stored and shown: normalised like ``normalize`` but with Persian digits."""
    return to_persian_digits(normalize(text))


def format_number(value):
    """A number in Persian digits with the Persian thousands separator."""
    if isinstance(value, int):
        return to_persian_digits(f"{value:,}".replace(",", "٬"))
    return to_persian_digits(value)


_LETTER_VARIANTS = {"ی": "[یيىئ]", "ک": "[کك]", "ه": "[هةۀ]", "ا": "[اأإٱ]"}


def loose_pattern(phrase):
    """A regex (string) matching ``phrase`` as people type it in running text: Arabic ي/ك/ة and
    hamza variants, and a space, a half-space or nothing between its words."""
    import re

    parts = [f"[\\s{ZWNJ}]*" if char == " " else _LETTER_VARIANTS.get(char, re.escape(char)) for char in phrase]
    return f"(?:{''.join(parts)})"
