"""`make bench-opendata`: how long the open-data build takes and how big it is.

    python -m dev.bench.opendata [--repeat 3] [--archive 50000]

Without DATABASE_URL: a temporary SQLite portal with the demo archive (migrate, load_demo), grown with
``--archive`` records less the demo's by the page benchmark's generator (``dev.bench.pages.generate``:
meetings with resolutions and follow-ups, agreements with parties and documents, practices). With one
(a copy of production, or a generated 50k-record archive), that database as it is, read only: the
build goes to a temporary OPEN_DATA_ROOT, MEDIA_ROOT is the environment's. Prints the records per
type, the time of each build (the zip, each table) and every file's size.
"""

import argparse
import os
from pathlib import Path
import resource
import statistics
import tempfile
import time

from dev.stack import manage

GROW = (
    "from dev.bench.pages.generate import main; from records.publication import published; "
    "from records.registry import record_types; "
    "main(max(0, {archive} - sum(published(rt.model).count() for rt in record_types()))); "
    "from dev.bench.opendata import stub_documents; stub_documents()"
)
STUB_PDF = b"%PDF-1.4\n% a stand-in for a generated record's document\n%%EOF\n"


def stub_documents():
    """The generator writes document rows only; the archive zip copies their files, so each gets a small
    stand-in PDF (the zip's size then counts the records' texts, not real scans)."""
    from wagtail.documents import get_document_model

    for document in get_document_model().objects.filter(file__startswith="documents/bench/").iterator():
        path = Path(document.file.path)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(STUB_PDF)


def prepare(workdir, archive=0):
    """The environment to build in: DATABASE_URL's database, or a fresh one with the demo archive grown
    to ``archive`` records."""
    env = {**os.environ, "OPEN_DATA_ROOT": str(workdir / "open-data"), "OPEN_DATA_REBUILD_ON_CHANGE": "0"}
    env.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    if not os.environ.get("DATABASE_URL"):
        env.update(DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}", MEDIA_ROOT=str(workdir / "media"))
        started = time.perf_counter()
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        print(f"demo archive loaded into a temporary SQLite in {time.perf_counter() - started:.1f} s")
        if archive:
            started = time.perf_counter()
            manage(env, "shell", "-c", GROW.format(archive=archive), timeout=6 * 3600)
            print(f"grown by the page benchmark's generator in {time.perf_counter() - started:.1f} s")
    os.environ.update(env)


def timed(module, name, times):
    """Wrap ``module.name`` to add its running time to ``times[label]``."""
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        result = original(*args, **kwargs)
        label = args[1].name if name == "write_table" else name
        times[label] = times.get(label, 0) + time.perf_counter() - started
        return result

    setattr(module, name, wrapper)


def run(repeat):
    import django

    django.setup()  # after prepare() has set the database: the project's modules come after it
    from opendata import build as build_module
    from records.publication import published
    from records.registry import record_types

    counts = {rt.name: published(rt.model).count() for rt in record_types()}
    total = sum(counts.values())
    print("published records:", ", ".join(f"{name} {n}" for name, n in counts.items()), f"(total {total})")
    times, rounds = {}, []
    for name in ("write_archive", "write_table"):
        timed(build_module, name, times)
    for _ in range(repeat):
        times.clear()
        started = time.perf_counter()
        done = build_module.build()
        rounds.append((time.perf_counter() - started, dict(times)))
    totals = [seconds for seconds, _ in rounds]
    print(f"build: median {statistics.median(totals):.2f} s, min {min(totals):.2f} s over {repeat} build(s)")
    print(f"peak memory (this process): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    for label, seconds in rounds[-1][1].items():
        print(f"  {label}: {seconds:.2f} s")
    size = 0
    for entry in done.manifest["files"]:
        size += entry["size"]
        print(f"  {entry['name']:24} {entry['size'] / 1024:10.1f} KiB  {entry.get('rows', '')}")
    print(f"total size: {size / 1024 / 1024:.2f} MiB in {len(done.manifest['files'])} files")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--archive", type=int, default=0, help="grow the demo archive to this many records")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-opendata-") as workdir:
        prepare(Path(workdir), args.archive)
        run(args.repeat)


if __name__ == "__main__":
    main()
