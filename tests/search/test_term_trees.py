"""An expansion tier's term tree is written with each term as few times as the match allows
(``search.backends.terms.simplest``): the records it matches stay exactly the same."""

from itertools import combinations
import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from search.backends.terms import AllOf, AnyOf, Syntax, simplest, tree_expression, tree_terms

# search.backends.sqlite's FTS5 syntax (that module needs the SQLite index's models, absent on PostgreSQL)
FTS5 = Syntax(term=lambda term: f'"{term}"', prefix=lambda term: f'"{term}"*', and_=" AND ", or_=" OR ")

TERMS = ("الف", "ب", "پ", "ت", "ث", "ج")
# every record a tree over TERMS could tell apart: each subset of them, once
ROWS = [" ".join(chosen) for size in range(len(TERMS) + 1) for chosen in combinations(TERMS, size)]

groups = st.frozensets(st.sampled_from(TERMS), min_size=1, max_size=3)
trees = st.recursive(
    groups,
    lambda children: (
        st.builds(AllOf, st.lists(children, min_size=1, max_size=4).map(tuple))
        | st.builds(AnyOf, st.lists(children, min_size=1, max_size=5).map(tuple))
    ),
    max_leaves=14,
)


def written(tree):
    """How many terms the tree's expression writes (FTS5 reads each writing across the index)."""
    if isinstance(tree, frozenset):
        return len(tree)
    return sum(written(child) for child in tree.children)


def matched(index, tree):
    expression = tree_expression(tree, FTS5)
    return {rowid for (rowid,) in index.execute("SELECT rowid FROM rows WHERE rows MATCH ?", [expression])}


@settings(max_examples=300, deadline=None)
@given(trees)
def test_a_simplified_tree_matches_exactly_the_rows_the_tree_matches_in_fts5(tree):
    index = sqlite3.connect(":memory:")
    index.execute("CREATE VIRTUAL TABLE rows USING fts5(body)")
    index.executemany("INSERT INTO rows (body) VALUES (?)", [(row,) for row in ROWS])
    simple = simplest(tree)
    assert matched(index, simple) == matched(index, tree)
    assert written(simple) <= written(tree) and tree_terms(simple) <= tree_terms(tree)
    assert simplest(simple) == simple


def test_a_concepts_labels_sharing_words_write_each_word_once():
    pollution, air, dust, storm = (frozenset({word}) for word in ("آلودگ", "هوا", "ریزگرد", "غبار"))
    tier = AnyOf(
        (
            AllOf((pollution, air)),
            AllOf((pollution, air)),  # the same label through a narrower concept
            AllOf((dust,)),
            AllOf((storm, dust)),  # «ریزگرد» on its own matches these already
            AllOf((frozenset({"گرد"}), storm)),
        )
    )
    assert simplest(tier) == AnyOf((frozenset({"ریزگرد"}), AllOf((pollution, air)), AllOf((frozenset({"گرد"}), storm))))
    # every concept of the question must match: a shared word need not be asked twice there either
    assert simplest(AllOf((AnyOf((air, AllOf((air, dust)))), air))) == air
