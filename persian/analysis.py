"""The Persian analysis pipeline: one function for indexed text, one for queries, on every backend.

Text → terms, in this order:
1. characters folded (Arabic ي/ك/ة/أ → Persian, tatweel and diacritics dropped) and digits made Latin,
   both by ``persian.text``; Latin letters lower-cased;
2. words split at anything that is not a letter, digit or zero-width non-joiner;
3. half-spaces: a word written with a ZWNJ gives its fused form and its parts; every pair of adjacent
   words also gives its fused form, so «شهرداری‌ها», «شهرداری ها» and «شهرداریها» share the term
   «شهرداریها» (and, stemmed, «شهرداری»); fused compounds with a known second element
   («بودجهریزی», «تفاهمنامه») are split as well;
4. a light stemmer: the plural suffixes ها/های/هایی, the ezafe «ی» after alef, and a table of
   broken and irregular plurals («مصوبات» → «مصوبه», «غرف» → «غرفه», «شهرداران» → «شهردار»);
   nothing else is cut, so «شهرداری» is never turned into «شهردار»;
5. refs such as ``QOM-1403-11`` or ``۱۲۳/۴۵۶`` also give one compact term (``qom140311``, ``123456``).

Every term is made of letters and digits only, so no query can carry search-engine syntax.
"""

from dataclasses import dataclass
from functools import lru_cache
import re

from persian.text import ZWNJ, fold_to_latin_digits

MAX_QUERY_WORDS = 24
MIN_STEM = 2
LENIENT_FROM = 4  # a question of this many words or more may miss one of them…
LENIENT_BELOW = 10  # …when matching every word finds fewer records than this


def lenient_groups(count):
    """How many word groups a lenient match needs: all but one, from four words on, so a long
    question still finds a record that says «منتقل» where the question said «انتقال»."""
    return count - 1 if count >= LENIENT_FROM else count


_WORD = re.compile(r"[^\W_]+(?:\u200c[^\W_]+)*")
_REF_RUN = re.compile(r"[^\W_]+(?:[-/#_][^\W_]+)+")
_REF_SHAPE = re.compile(r"^(?:[a-z]{2,5}\d*|\d+)(?:[-/#_][a-z0-9]+)+$")

PLURAL_SUFFIXES = ("هایی", "های", "ها")

# Plural → singular, for plurals no suffix rule can undo, and a few hamza spellings that folding
# alone cannot join («هیئت»/«هیأت»). Written naturally; folded at first use.
IRREGULAR_FORMS = {
    "هیئت": "هیأت",
    "مسؤول": "مسئول",
    "مسؤولان": "مسئول",
    "مصوبات": "مصوبه",
    "غرف": "غرفه",
    "جلسات": "جلسه",
    "محلات": "محله",
    "مناطق": "منطقه",
    "مسائل": "مسئله",
    "اقدامات": "اقدام",
    "خدمات": "خدمت",
    "مشکلات": "مشکل",
    "تصمیمات": "تصمیم",
    "پیشنهادات": "پیشنهاد",
    "موضوعات": "موضوع",
    "ادارات": "اداره",
    "امکانات": "امکان",
    "اطلاعات": "اطلاع",
    "تسهیلات": "تسهیل",
    "عملیات": "عملیات",
    "نظرات": "نظر",
    "منابع": "منبع",
    "نقاط": "نقطه",
    "مراکز": "مرکز",
    "امور": "امر",
    "اعضا": "عضو",
    "اعضای": "عضو",
    "مدارس": "مدرسه",
    "مساجد": "مسجد",
    "معابر": "معبر",
    "ضوابط": "ضابطه",
    "قوانین": "قانون",
    "روستاها": "روستا",
    "شهرداران": "شهردار",
    "مدیران": "مدیر",
    "شهروندان": "شهروند",
    "کارشناسان": "کارشناس",
    "کارکنان": "کارمند",
    "کارمندان": "کارمند",
    "مسئولان": "مسئول",
    "مسئولین": "مسئول",
    "همکاران": "همکار",
    "دهیاران": "دهیار",
    "معاونان": "معاون",
    "نمایندگان": "نماینده",
    "متخصصان": "متخصص",
    "فعالان": "فعال",
    "معتمدان": "معتمد",
    "معتمدین": "معتمد",
    "منتخبین": "منتخب",
    "امنا": "امین",
    "پیمانکاران": "پیمانکار",
    "سرمایه‌گذاران": "سرمایه‌گذار",
    "هنرمندان": "هنرمند",
    "شرکت‌کنندگان": "شرکت‌کننده",
    "کارگران": "کارگر",
    "رانندگان": "راننده",
    "کودکان": "کودک",
    "زنان": "زن",
    "بانوان": "بانو",
    "سالمندان": "سالمند",
    "معلولان": "معلول",
    "ساکنان": "ساکن",
    "ساکنین": "ساکن",
    "مالکان": "مالک",
    "کسبه": "کاسب",
    "دانشجویان": "دانشجو",
    "کارفرمایان": "کارفرما",
    "گردشگران": "گردشگر",
    "مهندسان": "مهندس",
    "داوطلبان": "داوطلب",
}

# Second elements of compounds that are often written fused («بودجهریزی»), so the head and the
# element are findable on their own.
COMPOUND_TAILS = (
    "ریزی",
    "نامه",
    "سازی",
    "گذاری",
    "گیری",
    "محوری",
    "محور",
    "رسانی",
    "افزایی",
    "اندیشی",
    "کننده",
    "کنندگان",
    "آوری",
    "پذیری",
)

# Dropped from queries (never from the index) when the query has other words.
STOPWORDS = frozenset(
    [
        "و",
        "در",
        "به",
        "از",
        "که",
        "این",
        "آن",
        "را",
        "با",
        "برای",
        "تا",
        "یا",
        "هم",
        "نیز",
        "بر",
        "است",
        "شد",
        "شود",
        "بود",
        "های",
        "ها",
        "ای",
        "یک",
        "می",
    ]
)


_THOUSANDS = re.compile(r"(?<=\d)[\u066c,](?=\d{3}(?!\d))")


def prepare(text):
    """Folded characters, Latin digits (thousands separators dropped), lower-case Latin letters."""
    return _THOUSANDS.sub("", fold_to_latin_digits(str(text or ""))).lower()


@lru_cache(maxsize=1)
def _irregular():
    return {_fuse(prepare(plural)): _fuse(prepare(singular)) for plural, singular in IRREGULAR_FORMS.items()}


def _fuse(word):
    return word.replace(ZWNJ, "")


@lru_cache(maxsize=65536)
def stem(term):
    """Undo plural inflection of one fused term; anything else is left as it is."""
    irregular = _irregular().get(term)
    if irregular:
        return irregular
    for suffix in PLURAL_SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= MIN_STEM:
            base = term[: -len(suffix)]
            return _irregular().get(base, base)
    if term.endswith("ای") and len(term) >= 4:  # ezafe after alef: «امنای محلات», «فضای سبز»
        base = term[:-1]
        return _irregular().get(base, base)
    return term


@lru_cache(maxsize=65536)
def _split_compound(term):
    """«بودجهریزی» → («بودجه», «ریزی»); () when the term is not a known compound."""
    for tail in COMPOUND_TAILS:
        if term.endswith(tail) and len(term) - len(tail) >= 3:
            return (term[: -len(tail)], tail)
    return ()


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    fused: str  # prepared, without half-spaces
    parts: tuple  # prepared parts between half-spaces (one part when there is none)


def words(text):
    """The words of ``text`` (prepared), with their positions in the prepared text.

    Preparation never changes the length of a character sequence except for dropped tatweel and
    diacritics, so callers that need positions in the original text use ``original_words``.
    """
    prepared = prepare(text)
    return [_word(m.start(), m.end(), m.group()) for m in _WORD.finditer(prepared)]


def _word(start, end, raw):
    parts = tuple(p for p in raw.split(ZWNJ) if p)
    return Word(start, end, "".join(parts), parts)


def word_terms(word):
    """Terms of one word on its own: the fused stem, the stems of its parts, compound halves."""
    return set(_sorted_word_terms(word.fused, word.parts))


# Archive text repeats the same words endlessly: each distinct word (and pair) is analysed once.
@lru_cache(maxsize=65536)
def _sorted_word_terms(fused, parts):
    terms = {stem(fused)}
    if len(parts) > 1:
        terms.update(stem(part) for part in parts)
    for head in _split_compound(stem(fused)):
        terms.add(head)
    return tuple(sorted(terms))


_PERSIAN_WORD = re.compile(r"^[\u0600-\u06ff]+$")


def pair_term(first, second):
    """The fused form of two adjacent Persian words («شهرداری» + «ها» → «شهرداری»), else None."""
    return _pair_term(first.fused, second.fused)


@lru_cache(maxsize=65536)
def _pair_term(first, second):
    if _PERSIAN_WORD.match(first) and _PERSIAN_WORD.match(second):
        return stem(first + second)
    return None


def _ref_runs(prepared):
    """(span, compact form) of every ref-like run in prepared text: ``qom-1403-11`` → ``qom140311``."""
    return [
        (m.span(), re.sub(r"[-/#_]", "", m.group()))
        for m in _REF_RUN.finditer(prepared)
        if _REF_SHAPE.match(m.group()) and any(ch.isdigit() for ch in m.group())
    ]


def compact_ref(ref):
    """A ref's letters and digits only: ``QOM-۱۴۰۳-۱۱`` → ``qom140311`` (what ref terms look like)."""
    return re.sub(r"[\W_]", "", prepare(ref))


def ref_terms(text):
    return [compact for _, compact in _ref_runs(prepare(text))]


def content_terms(text):
    """The indexed terms of ``text`` that carry its subject, once per occurrence: the terms of every
    word that is not a stopword or a number, and the fused pairs of two such words; what «records
    like these» are looked for by (``search.related``)."""
    ws = words(text)
    terms = []
    for position, word in enumerate(ws):
        if word.fused in STOPWORDS or word.fused.isdigit():
            continue
        terms.extend(sorted(term for term in word_terms(word) if len(term) > MIN_STEM))
        following = ws[position + 1] if position + 1 < len(ws) else None
        if following is not None and following.fused not in STOPWORDS:
            pair = pair_term(word, following)
            if pair:
                terms.append(pair)
    return terms


# Short texts (titles, names, refs) are analysed again and again for several fields and records.
SHORT_TEXT = 300


def index_terms(text):
    """The terms indexed for a piece of text, as a space-separated string."""
    text = str(text or "")
    return _short_index_terms(text) if len(text) <= SHORT_TEXT else _index_terms(text)


@lru_cache(maxsize=16384)
def _short_index_terms(text):
    return _index_terms(text)


@lru_cache(maxsize=65536)
def _raw_word_terms(raw):
    """(fused form, sorted terms) of one word as ``_WORD`` finds it in prepared text."""
    word = _word(0, 0, raw)
    return word.fused, _sorted_word_terms(word.fused, word.parts)


def _index_terms(text):
    # words() and ref_terms() without their Word objects and second preparation: the hot path of indexing
    prepared = prepare(text)
    out = []
    previous = None
    for match in _WORD.finditer(prepared):
        fused, terms = _raw_word_terms(match.group())
        if previous is not None:
            pair = _pair_term(previous, fused)
            if pair:
                out.append(pair)
        out.extend(terms)
        previous = fused
    out.extend(compact for _, compact in _ref_runs(prepared))
    return " ".join(out)


@dataclass(frozen=True)
class AnalyzedQuery:
    groups: tuple  # each group: a frozenset of alternative terms; a record must match every group
    understood: str  # the query as the search understood it (folded, with refs compacted)
    truncated: bool
    refs: tuple = ()  # compact forms of the refs in the query

    @property
    def terms(self):
        return frozenset().union(*self.groups) if self.groups else frozenset()

    def __bool__(self):
        return bool(self.groups)


def analyze_query(text):
    """Turn what a person typed into groups of alternative terms (AND of ORs).

    A ref in the query becomes one group holding its compact form; every other word becomes a
    group of its own terms plus the fused forms it makes with its neighbours, so a word typed with
    a space, a half-space or nothing in the middle meets the same terms as the indexed text.
    """
    prepared = prepare(text)
    ws = [_word(m.start(), m.end(), m.group()) for m in _WORD.finditer(prepared)]
    truncated = len(ws) > MAX_QUERY_WORDS
    ws = ws[:MAX_QUERY_WORDS]
    limit = ws[-1].end if ws else 0
    runs = [(span, compact) for span, compact in _ref_runs(prepared) if span[0] < limit]
    groups = [frozenset({compact}) for _, compact in dict.fromkeys(runs)]
    shown = [prepared[start:end] for (start, end), _ in runs]
    plain = [w for w in ws if not any(start <= w.start < end for (start, end), _ in runs)]
    word_groups = []
    for position, word in enumerate(plain):
        alternatives = {stem(word.fused)}
        if position > 0:
            alternatives.add(pair_term(plain[position - 1], word))
        if position + 1 < len(plain):
            alternatives.add(pair_term(word, plain[position + 1]))
        word_groups.append((word, frozenset(alternatives - {None})))
    kept = [(w, alts) for w, alts in word_groups if w.fused not in STOPWORDS] or word_groups
    groups += [alts for _, alts in kept]
    shown += [stem(w.fused) for w, _ in kept]
    refs = tuple(dict.fromkeys(compact for _, compact in runs))
    return AnalyzedQuery(tuple(dict.fromkeys(groups)), " ".join(shown), truncated, refs)


def fold_phrase(text):
    """The words of ``text``, prepared and fused, unstemmed: for names compared as typed and for
    autocomplete (prefix matching as someone types)."""
    return " ".join(word.fused for word in words(text))


def autocomplete_query(text):
    """Groups for an as-you-type query: the last word is matched as a prefix by the backend."""
    return tuple(frozenset({word.fused}) for word in words(text)[:MAX_QUERY_WORDS])


# Words of original (unprepared) text: letters and digits with any diacritics or tatweel inside.
ORIGINAL_WORD = re.compile(r"(?:[^\W_]|[\u064b-\u065f\u0670\u0640])+(?:\u200c(?:[^\W_]|[\u064b-\u065f\u0670\u0640])+)*")


@lru_cache(maxsize=65536)
def analyse_word(original):
    """The ``Word`` for one word of original text (prepared, split at half-spaces)."""
    prepared = prepare(original)
    return _word(0, len(prepared), prepared)
