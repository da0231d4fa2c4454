"""Query understanding: a query's words and phrases matched to the thesaurus, and words the index does
not know corrected, computed here once in Python and handed to every backend as term trees.

The search itself is never narrowed: the records holding the query's own words (``search.backends``)
stay first; the expansion only adds records, in tiers (``Match.tier``):

- ``OWN_FORMS``: records holding every word of the query, some with an indefinite or adjectival
  «ـی», «ـای» the stemmer keeps («خدماتی» for «خدمات»), or without the one the query's word
  carries where no record holds it («تعرفه» for «تعرفه‌ای»), so they precede records matching that
  word's concept alone;
- ``MOST_WORDS``: from five words on, records holding all but two of them (a lenient match misses
  one), so records with most of the query's own words precede those reached through other labels;
- ``EVERY_CONCEPT``: records that match every understood part of the query through a concept's other
  labels (alternative labels, narrower concepts) or a corrected spelling;
- ``SOME_CONCEPT``: records that match some understood part that way;
- ``RELATED``: records reached only through related concepts.

A phrase of the query matches a concept when its content words, stemmed, are one of the concept's
labels (or its words fused are), longest phrase first. A word of four letters or more that no record
holds (asked only when the words themselves find fewer than ten records) is corrected to the words at
one edit that records do hold: a letter of a class Persian writers confuse (ز/ذ/ض/ظ, س/ص/ث, ت/ط, ه/ح,
ا/ع, ق/غ, ج/چ, …), a hamza seat or long vowel left out, or, from five letters, a letter dropped or two
swapped; and an indefinite or adjectival «ـی», «ـای» the stemmer leaves on is taken off.
"""

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from persian.analysis import LENIENT_BELOW, STOPWORDS, analyze_query, prepare, stem, words
from thesaurus.labels import MAX_PHRASE, label_keys, thesaurus_index

from .backends.terms import AllOf as All
from .backends.terms import AnyOf as Any

OWN_FORMS, MOST_WORDS, EVERY_CONCEPT, SOME_CONCEPT, RELATED = 2, 3, 4, 5, 6
MOST_FROM = 5  # words in a query from which records with all but two of them are a tier of their own
MOST_UP_TO = 8  # …and up to which (the choices of words grow fast)
MIN_FUZZY = 4
MIN_DROP = 5
MAX_FUZZY = 24  # longer «words» are not words a person misspelt
MAX_CORRECTIONS = 3  # per word, the spellings records hold most
MAX_CORRECTED_WORDS = 3  # a query with more unknown words than this is not guessed at beyond them…
MAX_CANDIDATES = 400  # …and no more spellings than this are looked up (one index lookup each)

CONFUSED = ("زذضظ", "سصث", "تط", "هح", "اعآ", "قغ", "جچ", "بپ", "زژ", "کگ", "یئ", "وؤ")
SEATS = "یاوه"  # a hamza seat or a long vowel often left out («مسولیت» for «مسئولیت»)
SUFFIXES = ("‌ای", "ای", "‌ی", "ی")


@dataclass(frozen=True)
class Part:
    """One understood part of the query: the words it covers, the concept (if any) and its trees."""

    text: str
    own: tuple  # the words' own term groups (AND)
    strong: tuple = ()  # alternatives: each a tuple of groups (AND), any of them will do
    related: tuple = ()
    labels: tuple = ()  # what the page shows it included
    concept: object = None  # (slug, preferred label) of the matched concept


@dataclass
class Expansion:
    parts: list = field(default_factory=list)
    forms: tuple = ()  # the query's own words, each a group with its suffixed and corrected forms (OWN_FORMS)
    words: tuple = ()  # the query's own word groups, when a MOST_WORDS tier applies

    def __bool__(self):
        return bool(self.forms or self.words) or any(part.strong or part.related for part in self.parts)

    @property
    def labels(self):
        return list(dict.fromkeys(label for part in self.parts for label in part.labels))

    @property
    def concepts(self):
        return list(dict.fromkeys(part.concept for part in self.parts if part.concept))

    def _alternatives(self, part):
        options = [All(part.own)] if part.own else []
        return options + [All(groups) for groups in part.strong]

    def trees(self):
        """(tier, tree) pairs, best tier first: records matching a tree get that tier, unless better."""
        understood = [part for part in self.parts if part.strong]
        trees = []
        if self.forms:
            trees.append((OWN_FORMS, All(self.forms)))
        if self.words:
            most = len(self.words) - 2
            trees.append((MOST_WORDS, Any(tuple(All(choice) for choice in combinations(self.words, most)))))
        if len(understood) > 1:
            trees.append((EVERY_CONCEPT, All(tuple(Any(tuple(self._alternatives(p))) for p in understood))))
        strong = [option for part in understood for option in self._alternatives(part)]
        if strong:
            trees.append((SOME_CONCEPT, Any(tuple(strong))))
        related = [All(groups) for part in self.parts for groups in part.related]
        if related:
            trees.append((RELATED, Any(tuple(related))))
        return trees

    @property
    def terms(self):
        """Every term the expansion adds, for marking them in snippets."""
        found = set().union(*self.forms)
        for part in self.parts:
            for groups in part.strong + part.related:
                for group in groups:
                    found |= group
        return frozenset(found)


# --- spelling ------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def one_edit(term):
    """Spellings at one edit a Persian writer is likely to make, for a term of four letters or more."""
    if not MIN_FUZZY <= len(term) <= MAX_FUZZY or not term.isalpha():
        return frozenset()
    out = set()
    for i, letter in enumerate(term):
        for group in CONFUSED:
            if letter in group:
                out.update(term[:i] + other + term[i + 1 :] for other in group if other != letter)
    for i in range(1, len(term)):
        out.update(term[:i] + seat + term[i:] for seat in SEATS)
    if len(term) >= MIN_DROP:
        out.update(term[:i] + term[i + 1 :] for i in range(len(term)))
        out.update(term[:i] + term[i + 1] + term[i] + term[i + 2 :] for i in range(len(term) - 1))
    out.discard(term)
    return frozenset(prepare(candidate) for candidate in out)


def without_suffix(word):
    """The word without an indefinite or adjectival suffix the stemmer keeps («دفنی», «بازارچه‌ای»)."""
    raw = word.fused if len(word.parts) == 1 else "\u200c".join(word.parts)
    found = set()
    for suffix in SUFFIXES:
        if raw.endswith(suffix) and len(raw) - len(suffix) >= 3:
            found.add(stem(raw[: -len(suffix)].replace("\u200c", "")))
    return found


def corrections(plain_words, frequencies):
    """{position: spellings records hold} for words no record holds; ``frequencies(terms)`` gives
    ``{term: records}``."""
    stems = {i: stem(w.fused) for i, w in enumerate(plain_words) if w.fused not in STOPWORDS}
    if not stems:
        return {}
    known = frequencies(set(stems.values()))
    missing = {i: s for i, s in stems.items() if not known.get(s)}
    candidates, asked = {}, set()
    for i, term in list(missing.items())[:MAX_CORRECTED_WORDS]:
        options = sorted(without_suffix(plain_words[i]) | {stem(c) for c in one_edit(term)} - {term})
        candidates[i] = set(options[: max(0, MAX_CANDIDATES - len(asked))])
        asked |= candidates[i]
    if not asked:
        return {}
    held = frequencies(asked)
    out = {}
    for i, options in candidates.items():
        best = sorted((term for term in options if held.get(term)), key=lambda t: (-held[t], t))
        if best:
            out[i] = best[:MAX_CORRECTIONS]
    return out


# --- the query ----------------------------------------------------------------------------------


def _groups(text):
    return analyze_query(text).groups


def expand(query, frequencies=None, matched=0):
    """The expansion of ``query`` when its own words found fewer than ``LENIENT_BELOW`` records
    (``matched``), as a lenient match and related records are offered; spellings are corrected only
    when ``frequencies`` is given."""
    analysed = analyze_query(query)
    if not analysed or analysed.refs or matched >= LENIENT_BELOW:
        return Expansion()
    plain = words(query)
    fixed = corrections(plain, frequencies) if frequencies else {}
    index = thesaurus_index()
    parts, position = [], 0
    while position < len(plain):
        part = _concept_at(plain, position, fixed, index)
        if part is None:
            word = plain[position]
            position += 1
            if word.fused in STOPWORDS:
                continue
            own = (frozenset({stem(word.fused)}),)
            spelled = tuple((frozenset({term}),) for term in fixed.get(position - 1, ()))
            parts.append(Part(word.fused, own, strong=spelled, labels=tuple(fixed.get(position - 1, ()))))
            continue
        part, position = part
        parts.append(part)
    groups = analysed.groups
    most = groups if MOST_FROM <= len(groups) <= MOST_UP_TO else ()
    return Expansion(parts, _own_forms(plain, fixed), most)


def _own_forms(plain, fixed=None):
    """Each content word's own terms with its suffixed forms («خدمات»: «خدماتی», «خدماتای») and the
    spellings ``fixed`` ({position: terms}, ``corrections``) gives it, or () when no word has one to add."""
    forms, added = [], False
    for position, word in enumerate(plain):
        if word.fused in STOPWORDS:
            continue
        # a suffix taken off a word no record holds («تعرفه» for «تعرفه‌ای»), not a letter changed
        corrected = frozenset((fixed or {}).get(position, ())) & without_suffix(word)
        own = _groups(word.fused)
        terms = frozenset().union(*own) if own else frozenset()
        # «نقشه» + «ای» is «نقشهای», stemmed as the plural of «نقش»: only forms that keep the word count
        kept = (stem(word.fused), word.fused)
        suffixed = {stem(word.fused + suffix) for suffix in ("ی", "ای")} - terms
        suffixed = {form for form in suffixed if form.startswith(kept)}
        forms.append(terms | suffixed | corrected)
        added = added or bool(suffixed or corrected - terms)
    return tuple(forms) if added and all(forms) else ()


def _spellings(plain, start, end, fixed):
    """Every way to write words ``start..end``: as typed, or with a corrected word."""
    variants = [[]]
    for i in range(start, end):
        options = [plain[i].fused] + list(fixed.get(i, ()))
        variants = [v + [o] for v in variants for o in options][:16]
    return [" ".join(v) for v in variants]


def _concept_at(plain, start, fixed, index):
    for end in range(min(len(plain), start + MAX_PHRASE), start, -1):
        if plain[start].fused in STOPWORDS or plain[end - 1].fused in STOPWORDS:
            continue
        for text in _spellings(plain, start, end, fixed):
            for key in label_keys(text):
                slug = index.by_key.get(key)
                if slug:
                    own = _groups(" ".join(w.fused for w in plain[start:end]))
                    return _part(text, slug, index, own), end
    return None


def _part(text, slug, index, own):
    pref, labels, narrower, related = index.concepts[slug]
    strong_labels = list(labels)
    for child in narrower:
        strong_labels += index.concepts[child][1]
    related_labels = [label for other in related for label in index.concepts[other][1]]
    strong = tuple(dict.fromkeys(g for g in map(_groups, strong_labels) if g))
    weak = tuple(dict.fromkeys(g for g in map(_groups, related_labels) if g and g not in strong))
    shown = tuple(dict.fromkeys(strong_labels))
    return Part(text, own, strong=strong, related=weak, labels=shown, concept=(slug, pref))
