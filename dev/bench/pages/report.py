"""The page benchmark's tables: one per archive size, each page beside the demo archive's figures."""

TARGET_MS = {"/admin/ (signed in)": 300}  # issue 14: the dashboard's p95; every public page's is 150 ms
PUBLIC_TARGET_MS = 150
TARGET_KB = 200


def _number(value, digits=0):
    return "—" if value is None else f"{value:,.{digits}f}"


def size_table(title, result, baseline=None):
    """``result``: {"pages": {label: figures}, "load": (before, after), "rss_mb": float, ...}."""
    lines = [
        "",
        title,
        f"  load average before {result['load'][0]:.2f}, after {result['load'][1]:.2f} (1 min; 2 cores); "
        f"peak RSS of a worker {result['rss_mb']:.0f} MB (target ≤ 300)",
        f"  {result['requests']} timed requests a page, one after the other (at least 5 on a page that needs "
        "more than 90 s for them)",
        f"  {'page':<40}{'p50 ms':>9}{'p95 ms':>9}{'×demo':>7}{'queries':>9}{'(demo)':>8}{'KB':>9}{'(demo)':>8}  notes",
    ]
    for label, figures in result["pages"].items():
        demo = (baseline or {}).get("pages", {}).get(label)
        ratio = figures["p95"] / demo["p95"] if demo and demo["p95"] else None
        notes = [] if figures["requests"] >= result["requests"] else [f"only {figures['requests']} requests (slow)"]
        if figures["statuses"] != [200]:
            notes.append("status " + ",".join(str(s) for s in figures["statuses"]))
        target = TARGET_MS.get(label, PUBLIC_TARGET_MS)
        if figures["p95"] > target:
            notes.append(f"p95 > {target}")
        if figures["bytes"] > TARGET_KB * 1024 and not label.startswith("/sitemap"):
            notes.append(f"> {TARGET_KB} KB")
        if demo and None not in (figures["queries"], demo["queries"]) and figures["queries"] != demo["queries"]:
            notes.append(f"queries {demo['queries']} → {figures['queries']}")
        lines.append(
            f"  {label[:40]:<40}{_number(figures['p50']):>9}{_number(figures['p95']):>9}"
            f"{_number(ratio, 1) if ratio else '':>7}{_number(figures['queries']):>9}"
            f"{_number(demo['queries']) if demo else '':>8}{_number(figures['bytes'] / 1024):>9}"
            f"{_number(demo['bytes'] / 1024) if demo else '':>8}  {'; '.join(notes)}"
        )
    paths = {label: figures["path"] for label, figures in result["pages"].items() if "<" in label or "(" in label}
    lines.append("  where: " + ", ".join(f"{label} = {path}" for label, path in paths.items()))
    return "\n".join(lines)


def stock_line(ours, stock):
    """/api/search/ beside stock Wagtail's database search on the same archive (target: p95 ≤ 1.5× stock)."""
    ratio = ours["p95"] / stock["p95"] if stock["p95"] else float("nan")
    return (
        f"  {ours['path']}: this project p50 {ours['p50']:,.0f} / p95 {ours['p95']:,.0f} ms, "
        f"stock Wagtail p50 {stock['p50']:,.0f} / p95 {stock['p95']:,.0f} ms "
        f"(status {','.join(str(s) for s in stock['statuses'])}): {ratio:.2f}× stock's p95 (target ≤ 1.5)"
    )
