"""What an exact top-K cut could spare of an expansion tier's bm25 on SQLite (issue 13's latency).

FTS5's bm25 sums, over every phrase of the MATCH expression (a term written in several branches is
several phrases), idf × a saturated term frequency that stays below k1 + 1. A row holding only terms
whose bounds add up to less than the K-th best score cannot enter the top K (the MaxScore argument),
so only the rows holding some other term would need scoring. For every tier the relevance set's
questions score on the current database (run it on one grown to 50,000 records by the latency
benchmark), this prints the rows matched; the rows that would still need scoring were the K-th score
known beforehand, the cut's best case; and the statement's cost split into the match alone, bm25 of
one row (FTS5 first counts every phrase's rows in the whole index for its idf), the full scoring, and
that cut (the same statement scoring only the rows holding a term outside the bound; its top K is
checked to be the full scoring's).

    python manage.py shell -c "from dev.bench.search.tier_cut import report; report()"
"""

from collections import Counter
import math
import time
from unittest import mock

from django.db import connection
from modelsearch.backends.database.sqlite import sqlite as stock

from dev.bench.search.relevance import load_set, ranked_refs
from search.backends.sqlite import COLUMN_WEIGHTS, FTS5, SQLiteRecords
from search.backends.terms import tree_expression

K1 = 1.2  # FTS5's bm25 constants (fts5_aux.c)
FTS = stock.SQLiteFTSIndexEntry._meta.db_table
BM25 = f"bm25({FTS}, {', '.join(map(str, COLUMN_WEIGHTS))})"
SMALL = 1000  # tiers matching fewer rows cost little either way


def tier_statements():
    """[(tree, limit)] of every tier scored while the relevance set's questions are answered."""
    asked, scored = [], SQLiteRecords.scored

    def recorded(backend, query, limit):
        asked.append((query.tree, limit))
        return scored(backend, query, limit)

    with mock.patch.object(SQLiteRecords, "scored", recorded):
        for item in load_set():
            ranked_refs(str(item["query"]))
    return list(dict.fromkeys(asked))


def phrases(tree, counted=None):
    """{term: how many phrases of the tree's FTS5 expression are that term}."""
    counted = Counter() if counted is None else counted
    if isinstance(tree, frozenset):
        counted.update(tree)
    else:
        for child in tree.children:
            phrases(child, counted)
    return counted


def _timed(cursor, sql, params, repeat=3):
    best, rows = math.inf, []
    for _ in range(repeat):
        started = time.perf_counter()
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        best = min(best, time.perf_counter() - started)
    return rows, best * 1000


def _rows_holding(cursor, term):
    cursor.execute(f"SELECT count(*) FROM {FTS} WHERE {FTS} MATCH %s", [f'"{term}"'])  # noqa: S608
    return cursor.fetchone()[0]


def measure(cursor, tree, limit, total):
    expression, counted = tree_expression(tree, FTS5), phrases(tree)
    scored_sql = f"SELECT rowid, {BM25} AS s FROM {FTS} WHERE {FTS} MATCH %s"  # noqa: S608
    ids, match_ms = _timed(cursor, f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s", [expression])  # noqa: S608
    if len(ids) < SMALL:
        return None
    best, full_ms = _timed(cursor, f"{scored_sql} ORDER BY s, rowid DESC LIMIT %s", [expression, limit])
    _, one_ms = _timed(cursor, f"{scored_sql} AND rowid = %s", [expression, ids[0][0]])
    kth = -best[-1][1]
    bound = {}
    for term, n in counted.items():
        held = _rows_holding(cursor, term)
        bound[term] = (K1 + 1) * n * max(1e-6, math.log((total - held + 0.5) / (held + 0.5)))
    below, left_out = 0.0, set()
    for term in sorted(bound, key=bound.get):
        if below + bound[term] >= kth:
            break
        below += bound[term]
        left_out.add(term)
    essential = " OR ".join(f'"{term}"' for term in counted if term not in left_out)
    holding = f" AND +rowid IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)"  # noqa: S608
    cut, cut_ms = _timed(
        cursor, f"{scored_sql}{holding} ORDER BY s, rowid DESC LIMIT %s", [expression, essential, limit]
    )
    if cut != best:
        raise AssertionError(f"the cut changed the top {limit} of {expression}")
    cursor.execute(f"SELECT count(*) FROM ({scored_sql}{holding})", [expression, essential])  # noqa: S608
    return {
        "matched": len(ids),
        "phrases": sum(counted.values()),
        "terms": len(counted),
        "to score": cursor.fetchone()[0],
        "match ms": match_ms,
        "one-row bm25 ms": one_ms,
        "full ms": full_ms,
        "cut ms": cut_ms,
    }


COLUMNS = ("matched", "phrases", "terms", "to score", "match ms", "one-row bm25 ms", "full ms", "cut ms")


def _line(row):
    return " | ".join(f"{row[name]:>15.1f}" if name.endswith(" ms") else f"{row[name]:>15}" for name in COLUMNS)


def report(write=print):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {FTS}")  # noqa: S608
        total = cursor.fetchone()[0]
        rows = [row for tree, limit in tier_statements() if (row := measure(cursor, tree, limit, total))]
    write(" | ".join(f"{name:>15}" for name in COLUMNS))
    for row in rows:
        write(_line(row))
    sums = {name: sum(row[name] for row in rows) for name in COLUMNS}
    write(_line(sums))
    share = sums["to score"] / max(1, sums["matched"])
    write(f"tiers of {SMALL}+ rows: {len(rows)}; rows a best-case exact cut still scores: {share:.0%}")
