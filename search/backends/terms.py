"""A text query as groups of analysed terms, and a boolean expression over them in an engine's syntax.

Shared by the SQLite (FTS5) and PostgreSQL (tsquery) query compilers, so both match the same records:
AND over the groups (or any ``required`` of them, for a lenient question), OR over each group's
alternatives, the last group matched as a prefix while someone types. Terms come from
``search.analysis`` and hold letters and digits only.
"""

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from modelsearch.query import And, Or, Phrase, PlainText

from persian.analysis import analyze_query, autocomplete_query, lenient_groups


class LenientText(PlainText):
    """A plain-text query that may miss one word of a long question (see ``lenient_groups``).

    Other backends' compilers treat it as the PlainText it is.
    """


class AnyTerm(PlainText):
    """Records with any of ``terms``, terms the pipeline has already analysed (``search.related``),
    ranked by the engine's own scoring; they are not analysed again."""

    def __init__(self, terms):
        self.terms = frozenset(terms)
        super().__init__(" ".join(sorted(self.terms)), operator="or")


@dataclass(frozen=True)
class AllOf:
    """Every child must match; a child is a group (a frozenset of alternative terms) or a node."""

    children: tuple


@dataclass(frozen=True)
class AnyOf:
    """Any child will do."""

    children: tuple


def tree_terms(tree):
    if isinstance(tree, frozenset):
        return set(tree)
    return set().union(*(tree_terms(child) for child in tree.children)) if tree.children else set()


def pruned(tree, held):
    """``tree`` keeping only the terms in ``held``, or None when it can no longer match: a group
    without terms, a node needing every child with one such child, or one needing any with none left."""
    if isinstance(tree, frozenset):
        return (tree & held) or None
    children = [pruned(child, held) for child in tree.children]
    if isinstance(tree, AllOf):
        return None if None in children else AllOf(tuple(children))
    children = [child for child in children if child is not None]
    return AnyOf(tuple(children)) if children else None


def _without(tree, terms):
    """``tree`` with ``terms`` taken as absent from the record, or None when it then cannot match."""
    return pruned(tree, tree_terms(tree) - terms)


def _implies(node, other):
    """Whether every record ``node`` matches is matched by ``other`` (told for groups and ANDs of
    groups; False when it cannot say)."""
    if isinstance(node, frozenset) and isinstance(other, frozenset):
        return node <= other
    if isinstance(other, AllOf):
        return all(_implies(node, child) for child in other.children)
    if isinstance(node, AllOf):
        return any(_implies(child, other) for child in node.children)
    return False


def _flattened(children, kind):
    out = []
    for child in children:
        out.extend(child.children if isinstance(child, kind) else (child,))
    return out


def _kept(children, redundant):
    """``children`` without those ``redundant(child, other)`` says another child makes redundant; of
    two that make each other redundant (equal ones), the first stays."""
    unique = list(dict.fromkeys(children))

    def dropped(i, child):
        return any(
            redundant(child, other) and (j < i or not redundant(other, child))
            for j, other in enumerate(unique)
            if j != i
        )

    return [child for i, child in enumerate(unique) if not dropped(i, child)]


@lru_cache(maxsize=4096)  # a pure function of an immutable tree, asked again for its own branches
def simplest(tree):
    """``tree`` matching exactly the same records with each term written as few times as this can tell:
    an OR's single groups become one group, whose terms are dropped from its other branches (a record
    holding one is matched anyway), repeated and absorbed branches go (``a OR (a AND b)`` is ``a``),
    nested ANDs and ORs are flattened.

    A concept's labels share many words, and FTS5 reads every term of a MATCH across the whole index
    once per time it is written, for bm25's idf: the relevance set's tiers wrote 6,607 terms, 4,678
    this way (3,245 distinct per tier). Scores change (a repeated term weighed once per writing); the
    records matched do not (tests/search/test_term_trees.py). Writing what an OR's ANDs share once
    (``(a AND b) OR (a AND c)`` as ``a AND (b OR c)``) and a term in every group of an AND once (a fused
    compound) came down to 3,289, but put a relevant record out of a concept question's first ten:
    a word central to a concept, in many of its labels, weighs less each time it is written less."""
    if isinstance(tree, frozenset) or not tree.children:
        return tree
    if isinstance(tree, AllOf):
        children = _flattened((simplest(child) for child in tree.children), AllOf)
        # a AND (a OR b) is a: the wider branch adds nothing
        children = _kept(children, lambda child, other: _implies(other, child))
        return children[0] if len(children) == 1 else AllOf(tuple(children))
    children = _flattened((simplest(child) for child in tree.children), AnyOf)
    single = frozenset()
    while True:
        single |= frozenset().union(*(child for child in children if isinstance(child, frozenset)))
        branches = [child for child in children if not isinstance(child, frozenset)]
        if single:
            branches = [simplest(rest) for child in branches if (rest := _without(child, single)) is not None]
            branches = _flattened(branches, AnyOf)
        if not any(isinstance(child, frozenset) for child in branches):
            break
        children = branches  # a branch left a single group: it joins the others
    # a OR (a AND b) is a: the narrower branch adds nothing
    children = ([single] if single else []) + _kept(branches, _implies)
    return children[0] if len(children) == 1 else AnyOf(tuple(children))


class TermTree(PlainText):
    """Records matching a tree of analysed terms (``search.expansion``), ranked by the engine's own
    scoring: the same tree on SQLite, PostgreSQL and the cluster, each term written as few times as
    the match allows (``simplest``)."""

    def __init__(self, tree):
        self.tree = simplest(tree)
        super().__init__(" ".join(sorted(tree_terms(tree))), operator="or")


@dataclass(frozen=True)
class Syntax:
    """How an engine writes a term, a prefix term, AND and OR."""

    term: object  # term -> str
    prefix: object  # term -> str
    and_: str
    or_: str


def search_groups(query):
    """(groups, required) of a PlainText/Phrase query, or None when it has no searchable word."""
    if isinstance(query, AnyTerm):
        return ((query.terms,), 1) if query.terms else None
    analysed = analyze_query(query.query_string)
    if not analysed:
        return None
    if isinstance(query, PlainText) and query.operator.lower() == "or":
        return (frozenset().union(*analysed.groups),), 1
    required = lenient_groups(len(analysed.groups)) if isinstance(query, LenientText) else len(analysed.groups)
    return analysed.groups, required


def autocomplete_groups(query):
    """Groups of an as-you-type PlainText query (the last one is a prefix), or () for none."""
    return autocomplete_query(query.query_string)


def boolean_expression(groups, syntax, prefix_last=False, required=None):
    """``(a OR b) AND (c)`` in ``syntax``, every group in parentheses (FTS5 binds AND before OR);
    with ``required`` below the number of groups, an OR over every choice of ``required`` groups."""
    last = len(groups) - 1

    def group(position):
        write = syntax.prefix if prefix_last and position == last else syntax.term
        return "(" + syntax.or_.join(write(term) for term in sorted(groups[position])) + ")"

    positions = range(len(groups))
    required = required or len(groups)
    if required >= len(groups):
        return syntax.and_.join(group(p) for p in positions)
    return syntax.or_.join(
        "(" + syntax.and_.join(group(p) for p in subset) + ")" for subset in combinations(positions, required)
    )


def tree_expression(tree, syntax):
    """A term tree in an engine's boolean syntax, every node in parentheses."""
    if isinstance(tree, frozenset):
        return "(" + syntax.or_.join(syntax.term(term) for term in sorted(tree)) + ")"
    joiner = syntax.and_ if isinstance(tree, AllOf) else syntax.or_
    return "(" + joiner.join(tree_expression(child, syntax) for child in tree.children) + ")"


def matches_nothing(query):
    """A text query with no searchable word at all («***», «؟») cannot match anything."""
    if isinstance(query, TermTree):
        return not tree_terms(query.tree)
    if isinstance(query, AnyTerm):
        return not query.terms
    if isinstance(query, (PlainText, Phrase)):
        return not analyze_query(query.query_string)
    if isinstance(query, And):
        return any(matches_nothing(q) for q in query.subqueries)
    if isinstance(query, Or):
        return all(matches_nothing(q) for q in query.subqueries)
    return False
