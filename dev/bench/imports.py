"""`make bench-import`: how many archive records per second `import_archive` writes into a fresh database.

    python -m dev.bench.imports [--count 400] [--database sqlite|env] [--variant plain|pdf ...] [--profile]

Generates COUNT records in the archive exchange format (meetings with resolutions and follow-ups,
agreements approved by a resolution, practices related to both, spread over a few provinces), once
without attachments ("plain") and once with one small real PDF per record ("pdf"). Each variant is
imported into a fresh database (a new SQLite file, or a new database on the PostgreSQL server of
DATABASE_URL with ``--database env``: tests/pg/with-postgres.sh gives a throwaway one) by a separate
process, the way an operator runs ``manage.py import_archive``; the import alone is timed (not Django's
start-up, nor the migration). Work the import leaves to the background queue (attachment text) is then
run by ``db_worker`` and timed too, so "with background" is what it costs until search holds everything.
The import process's own CPU seconds are printed too ("records/cpu s"): on a busy machine they say more
than the wall clock (the database server's time, on PostgreSQL, is not in them); the load average
before and after says how busy it was. ``--profile`` prints the cProfile figures of the import (top
functions by cumulative time).
"""

import argparse
import cProfile
import datetime
import io
import json
import os
from pathlib import Path
import pstats
import random
import shutil
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlsplit, urlunsplit

from dev.stack import PYTHON, ROOT, manage

# (province as the archive writes it, its code, municipalities)
PROVINCES = (
    ("قم", "QOM", ("قم", "قنوات", "جعفریه", "کهک", "سلفچگان", "دستجرد")),
    ("تهران", "THR", ("تهران", "شهریار", "اسلامشهر", "ورامین", "دماوند")),
    ("خوزستان", "KHZ", ("اهواز", "دزفول", "شوشتر", "ملاثانی", "حمیدیه")),
    ("قزوین", "QZV", ("قزوین", "تاکستان", "آبیک", "بوئین‌زهرا")),
    ("کردستان", "KRD", ("سنندج", "سقز", "مریوان", "بانه")),
)
TOPICS = (
    "مدیریت پسماند",
    "درآمد پایدار",
    "حمل و نقل عمومی",
    "فضای سبز",
    "گردشگری",
    "بودجه مشارکتی",
    "آتش نشانی",
    "بازارچه صنایع دستی",
    "دفن بهداشتی زباله",
    "منابع انسانی",
)
SENTENCES = (
    "مقرر شد گزارش پیشرفت طرح در جلسه آینده ارائه شود",
    "شهرداران خواستار همکاری بیشتر دستگاه‌های اجرایی استان شدند",
    "پیشنهاد افزایش منطقی تعرفه عوارض بهای خدمات تهیه و به استانداری ارسال شود",
    "برای مکان‌یابی سایت جدید دفن بهداشتی زباله جلسه مشترک برگزار شود",
    "آموزش کارکنان شهرداری‌ها در زمینه ایمنی و آتش‌نشانی ادامه یابد",
    "فهرست پروژه‌های نیمه‌تمام شهرها با برآورد اعتبار لازم تهیه شود",
    "سامانه یکپارچه درآمد شهرداری‌های استان راه‌اندازی شود",
    "شهرداری مرکز استان در تهیه طرح‌های فنی به شهرهای کوچک کمک می‌کند",
)
STATUSES = ("pending", "in_progress", "done")
# kind: share of the records
MIX = (("meeting", 5), ("agreement", 3), ("practice", 2))
VARIANTS = ("plain", "pdf")
FIXED_TIME = datetime.datetime(2025, 1, 1, 8, 0, 0, tzinfo=datetime.UTC)


def _text(rng, sentences=3):
    return "، ".join(rng.choice(SENTENCES) for _ in range(sentences)) + "."


def _pdf(path, ref, title):
    """A small real one-page PDF whose text (Latin, core font) names the record."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(FIXED_TIME)  # the same bytes every time: the same file hash
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, f"Hamandishi archive record {ref}\nSigned minutes, page 1 of 1.\nlength {len(title)}")
    pdf.output(str(path))


def _yaml_list(items):
    return "[" + ", ".join(items) + "]"


def generate(directory, count, with_pdf=False, seed=1404, prefix=""):
    """Write ``count`` records (and a PDF beside each when ``with_pdf``) under ``directory``; every ref
    starts with ``prefix`` (two sets with different prefixes can be imported into one database)."""
    rng = random.Random(seed)
    kinds = [kind for kind, share in MIX for _ in range(share)]
    meetings = {code: [] for _, code, _ in PROVINCES}  # code: [(ref, resolution count, date)]
    agreements = {code: [] for _, code, _ in PROVINCES}
    numbers = {}
    for position in range(count):
        province, code, towns = PROVINCES[position % len(PROVINCES)]
        kind = kinds[(position // len(PROVINCES)) % len(kinds)]
        if kind != "meeting" and not meetings[code]:
            kind = "meeting"  # agreements and practices point at an earlier resolution
        year = 1398 + (position * 7 // max(count, 1))
        numbers[(code, kind)] = numbers.get((code, kind), 0) + 1
        n = numbers[(code, kind)]
        month, day = 1 + n % 12, 1 + n % 28
        date = f"{year}/{month:02}/{day:02}"
        town = rng.choice(towns)
        topics = rng.sample(TOPICS, 2)
        folder = Path(directory) / code.lower()
        folder.mkdir(parents=True, exist_ok=True)
        lines = []
        if kind == "meeting":
            ref = f"{prefix}{code}-{year}-{n:04}"
            title = f"همایش شهرداران استان {province} به میزبانی شهرداری {town} (نشست {n})"
            resolutions = rng.randint(2, 5)
            lines += [
                f"participants: {_yaml_list(rng.sample(towns, 3) + ['دفتر امور شهری استانداری'])}",
                "resolutions:",
            ]
            for number in range(1, resolutions + 1):
                lines += [
                    f"  - number: {number}",
                    f"    text: {_text(rng, 1)}",
                    f"    responsible: [شهرداری {rng.choice(towns)}]",
                    f"    deadline: {year + 1}/{month:02}/{day:02}",
                    f"    status: {rng.choice(STATUSES)}",
                ]
            # Only earlier-dated meetings: the import writes each type in date order.
            earlier = [(other, held) for other, _, held in meetings[code] if held < date][-2:]
            if earlier:
                lines.append("follows_up:")
                for meeting_ref, _ in earlier:
                    lines += [
                        f'  - ref: "{meeting_ref}#1"',
                        f"    status: {rng.choice(STATUSES)}",
                        f"    note: {_text(rng, 1)}",
                    ]
            lines.append(f"next_meeting: {{municipality: {rng.choice(towns)}}}")
            meetings[code].append((ref, resolutions, date))
        elif kind == "agreement":
            ref = f"{prefix}{code}-TN-{year}-{n:04}"
            title = f"تفاهم‌نامه همکاری شهرداری {town} و شهرداری‌های همجوار ({n})"
            parties = [f"شهرداری {t}" for t in rng.sample(towns, 2)]
            meeting_ref, *_ = rng.choice(meetings[code])
            lines += [
                f"parties: {_yaml_list(parties)}",
                f"valid_until: {year + 2}/{month:02}/{day:02}",
                "status: signed",
                f'approved_by: "{meeting_ref}#1"',
            ]
            agreements[code].append(ref)
        else:
            ref = f"{prefix}BP-{code}-{n:04}"
            title = f"تجربه موفق شهرداری {town} در {topics[0]} ({n})"
            meeting_ref, *_ = rng.choice(meetings[code])
            related = [f"{meeting_ref}#2"] + agreements[code][-1:]
            lines += [
                f"results: {_text(rng, 2)}",
                f"contact: معاونت خدمات شهری شهرداری {town}",
                f"related: {_yaml_list(related)}",
            ]
        head = [
            "---",
            f"ref: {ref}",
            f"type: {kind}",
            f"title: {title}",
            f"date: {date}",
            f"province: {province}",
            f"municipality: {town}",
            f"topics: {_yaml_list(topics)}",
            f"summary: {_text(rng, 2)}",
        ]
        if with_pdf:
            _pdf(folder / f"{ref}.pdf", ref, title)
            lines.append(f"attachments: [{ref}.pdf]")
        body = "\n\n".join(["## گزارش", _text(rng, 4), "## جمع‌بندی", _text(rng, 3)])
        (folder / f"{ref}.md").write_text("\n".join([*head, *lines, "---", body, ""]), encoding="utf-8")
    return count


# -- the timed import, in its own process -------------------------------------------------------------------


def run_import(directory, profile=False):
    """Import ``directory`` into the configured database; print one JSON line of figures."""
    import django

    django.setup()
    from django.db import connection

    from records.archive.batch import import_paths

    lines = []
    profiler = cProfile.Profile() if profile else None
    started, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    report = import_paths([directory], out=lines.append)
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - started
    result = {
        "seconds": seconds,
        "cpu": time.process_time() - cpu,
        "imported": len(report.created) + len(report.updated),
        "failed": [f"{path}: {name}: {reason}" for path, name, reason in report.failed][:5],
        "vendor": connection.vendor,
    }
    if profiler:
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(45)
        result["profile"] = stream.getvalue()
    print(json.dumps(result))


def drain_background(env):
    """Run the background queue to its end; seconds it took (0 when nothing was queued)."""
    started = time.perf_counter()
    manage(
        env,
        "db_worker",
        "--backend",
        "background",
        "--batch",
        "--interval",
        "0",
        "--no-startup-delay",
        "--no-reload",
        timeout=3600,
    )
    return time.perf_counter() - started


# -- the driver ----------------------------------------------------------------------------------------------


class FreshDatabase:
    """A new empty database for one run: a SQLite file in ``workdir``, or a new PostgreSQL database on
    the server of DATABASE_URL (dropped afterwards)."""

    def __init__(self, kind, workdir, name):
        self.kind, self.name = kind, f"bench_import_{name}"
        self.url = f"sqlite:///{Path(workdir) / f'{name}.sqlite3'}"
        if kind == "env":
            base = urlsplit(os.environ["DATABASE_URL"])
            self.admin_url = base
            self.url = urlunsplit(base._replace(path=f"/{self.name}"))

    def _admin(self, sql):
        import psycopg

        base = self.admin_url
        with psycopg.connect(urlunsplit(base), autocommit=True) as conn:
            conn.execute(sql)

    def __enter__(self):
        if self.kind == "env":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}"')
            self._admin(f'CREATE DATABASE "{self.name}"')
        return self.url

    def __exit__(self, *exc):
        if self.kind == "env":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def measure(kind, variant, count, profile=False):
    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        archive = workdir / "archive"
        generate(archive, count, with_pdf=variant == "pdf")
        with FreshDatabase(kind, workdir, variant) as url:
            env = {
                key: value
                for key, value in os.environ.items()
                if not key.startswith(("DJANGO_", "PYTEST_", "SEARCHNODE_")) and key != "ELASTICSEARCH_URL"
            }
            env.update(
                DJANGO_SETTINGS_MODULE="portal.settings.dev",
                DEBUG="0",
                DATABASE_URL=url,
                MEDIA_ROOT=str(workdir / "media"),
                PYTHONDONTWRITEBYTECODE="1",
            )
            manage(env, "migrate", "--no-input", timeout=3600)
            args = [PYTHON, "-m", "dev.bench.imports", "--import-only", str(archive)] + (
                ["--profile"] if profile else []
            )
            done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=7200)
            if done.returncode != 0:
                raise RuntimeError(f"import failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
            result = json.loads(done.stdout.strip().splitlines()[-1])
            result["background"] = drain_background(env)
            return result
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--database", choices=("sqlite", "env"), default="sqlite")
    parser.add_argument("--variant", choices=VARIANTS, action="append")
    parser.add_argument("--profile", action="store_true", help="print where the import's time goes (cProfile)")
    parser.add_argument("--import-only", metavar="DIRECTORY", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.import_only:
        return run_import(args.import_only, profile=args.profile)
    if args.database == "env" and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        parser.error("--database env needs DATABASE_URL=postgres://… (tests/pg/with-postgres.sh gives one)")
    print(f"import_archive: {args.count} generated records per variant, fresh database each")
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    header = f"{'database':10} {'variant':8} {'records':>8} {'seconds':>8} {'records/s':>10} {'+background':>12}"
    print(f"{header} {'cpu s':>7} {'records/cpu s':>14}")
    for variant in args.variant or VARIANTS:
        result = measure(args.database, variant, args.count, profile=args.profile)
        if result["failed"] or result["imported"] != args.count:
            print(f"  {result['imported']} of {args.count} imported; failures: {result['failed']}", file=sys.stderr)
        rate = result["imported"] / result["seconds"]
        overall = result["imported"] / (result["seconds"] + result["background"])
        figures = f"{result['imported']:8} {result['seconds']:8.1f} {rate:10.1f} {overall:12.1f}"
        per_cpu = f"{result['cpu']:7.1f} {result['imported'] / result['cpu']:14.1f}"
        print(f"{result['vendor']:10} {variant:8} {figures} {per_cpu}", flush=True)
        if args.profile:
            print(result["profile"])
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
