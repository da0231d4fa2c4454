"""bench_search's tables: the figures of each pipeline side by side, with the search issues' targets."""

from django.db import connection

TARGETS = {"character": 0.98, "digit": 0.98, "halfspace": 0.98, "inflection": 0.90, "concept": 0.85}
MRR_TARGETS = {"concept": 0.70}
KINDS = (
    "character",
    "digit",
    "halfspace",
    "inflection",
    "ref",
    "plain",
    "spelling",
    "concept",
    "concept (held out)",
    "all",
)
P95_TARGET_MS = 150
P95_RATIO = 1.5
THESAURUS_P95_RATIO = 1.2  # the thesaurus's /api/search/ p95 against the exact words', same run

VENDORS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def relevance_table(results):
    ours, stock = results["persian"]["relevance"], results["stock"]["relevance"]
    lines = [
        "",
        f"Relevance on dev/bench/search/relevance_set.yaml (demo archive, {VENDORS[connection.vendor]})",
        "recall@10 and MRR of the first ten the page lists (the matches, then the related records beneath a short "
        "list): 'plain' the words alone (exact=1, the search before the thesaurus), 'thesaurus' with concepts and "
        "spelling correction (the default), 'stock' stock Wagtail; 'matches' the thesaurus search's matches alone; "
        "'concept (held out)' the concept questions not looked at while the thesaurus was written",
        f"{'kind':<18} {'queries':>7} | {'plain':>6} {'thesaurus':>9} {'matches':>7} {'stock':>6} | "
        f"{'MRR plain':>9} {'thesaurus':>9} {'stock':>6} | target",
    ]
    for kind in KINDS:
        if kind not in ours:
            continue
        o, s = ours[kind], stock.get(kind, {"recall@10": 0.0, "mrr": 0.0})
        verdict = []
        if kind in TARGETS:
            verdict.append(f"R≥{TARGETS[kind]:.2f} {'ok' if o['recall@10'] >= TARGETS[kind] else 'MISSED'}")
        if kind in MRR_TARGETS:
            verdict.append(f"MRR≥{MRR_TARGETS[kind]:.2f} {'ok' if o['mrr'] >= MRR_TARGETS[kind] else 'MISSED'}")
        if o["recall@10"] < o["exact recall@10"]:
            verdict.append("BELOW PLAIN")
        if o["recall@10"] < s["recall@10"]:
            verdict.append("BELOW STOCK")
        lines.append(
            f"{kind:<18} {o['queries']:>7} | {o['exact recall@10']:>6.3f} {o['recall@10']:>9.3f} "
            f"{o['matches recall@10']:>7.3f} {s['recall@10']:>6.3f} | {o['exact mrr']:>9.3f} {o['mrr']:>9.3f} "
            f"{s['mrr']:>6.3f} | {' '.join(verdict)}"
        )
    return "\n".join(lines)


def cluster_table(results, sizes):
    ours, cluster = results["persian"], results["cluster"]
    lines = [
        "",
        f"Relevance: search cluster (OpenSearch, Persian pipeline) vs database backend ({VENDORS[connection.vendor]})",
    ]
    lines.append(
        f"{'kind':<18} | {'cluster plain':>13} {'thesaurus':>9} {'database':>8} | {'matches: cluster':>16} "
        f"{'database':>8} | {'cluster MRR plain':>17} {'thesaurus':>9} {'database':>8} | target"
    )
    for kind in KINDS:
        c, d = cluster["relevance"].get(kind), ours["relevance"].get(kind)
        if c is None or d is None:
            continue
        verdict = "≥ database: ok" if c["recall@10"] >= d["recall@10"] else "≥ database: MISSED"
        lines.append(
            f"{kind:<18} | {c['exact recall@10']:>13.3f} {c['recall@10']:>9.3f} {d['recall@10']:>8.3f} | "
            f"{c['matches recall@10']:>16.3f} {d['matches recall@10']:>8.3f} | "
            f"{c['exact mrr']:>17.3f} {c['mrr']:>9.3f} {d['mrr']:>8.3f} | {verdict}"
        )
    lines += [
        "",
        "/api/search/ latency in ms and bulk indexing, search cluster vs database backend (same records)",
        f"{'records':>8} | {'cluster p50':>11} {'p95':>6} | {'database p50':>12} {'p95':>6} | "
        f"{'cluster indexed/s':>17} {'database':>8}",
    ]
    for size in sizes:
        c, d = cluster[size], ours[size]
        lines.append(
            f"{c['records']:>8} | {c['p50']:>11.1f} {c['p95']:>6.1f} | {d['p50']:>12.1f} {d['p95']:>6.1f} | "
            f"{c['indexed_per_second'] or 0:>17.0f} {d['indexed_per_second'] or 0:>8.0f}"
        )
    return "\n".join(lines)


def thesaurus_latency_table(results, sizes):
    lines = [
        "",
        "/api/search/ latency in ms with the thesaurus (the default) against the words alone (exact=1), same "
        "requests alternately in the same run",
    ]
    for pipeline in ("persian", "cluster"):
        if pipeline not in results:
            continue
        name = "database" if pipeline == "persian" else "cluster"
        for size in sizes:
            m = results[pipeline].get(size)
            if not m or "exact p95" not in m:
                continue
            ratio = m["p95"] / m["exact p95"] if m["exact p95"] else float("inf")
            ok = "ok" if ratio <= THESAURUS_P95_RATIO else "MISSED"
            lines.append(
                f"{name:<8} {m['records']:>8} | plain p50 {m['exact p50']:>6.1f} p95 {m['exact p95']:>6.1f} | "
                f"thesaurus p50 {m['p50']:>6.1f} p95 {m['p95']:>6.1f} | ratio {ratio:>5.2f} "
                f"(≤{THESAURUS_P95_RATIO}: {ok})"
            )
    return "\n".join(lines)


def latency_table(results, sizes):
    lines = [
        "",
        f"/api/search/ latency in ms ({VENDORS[connection.vendor]}, in-process client, this machine)",
        f"{'records':>8} | {'p50':>6} {'p95':>6} | {'stock p50':>9} {'stock p95':>9} | {'p95 ratio':>9} | "
        f"{'indexed/s':>9} {'stock':>7} | target",
    ]
    for size in sizes:
        o, s = results["persian"][size], results["stock"][size]
        ratio = o["p95"] / s["p95"] if s["p95"] else float("inf")
        ok = o["p95"] <= P95_TARGET_MS and ratio <= P95_RATIO
        rate = o["indexed_per_second"] or 0
        stock_rate = s["indexed_per_second"] or 0
        lines.append(
            f"{o['records']:>8} | {o['p50']:>6.1f} {o['p95']:>6.1f} | {s['p50']:>9.1f} {s['p95']:>9.1f} | "
            f"{ratio:>9.2f} | {rate:>9.0f} {stock_rate:>7.0f} | "
            f"p95≤{P95_TARGET_MS} & ≤{P95_RATIO}× stock: {'ok' if ok else 'MISSED'}"
        )
    return "\n".join(lines)
