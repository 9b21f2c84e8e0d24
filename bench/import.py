"""Benchmark the import of every bundled order: parse only, then full import, on SQLite and PostgreSQL.

    .venv/bin/python bench/import.py [--runs N] [--postgres-url URL]

Prints, per database, the parse-only time, the full import time (parse + load + link)
and rows written per second. The PostgreSQL run uses (and empties) a scratch database
``registry_bench`` on the local server; it is skipped with a message if none is reachable.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def parse_only(runs: int) -> list[float]:
    from importers.pipeline import parse_file

    files = sorted(p for p in (ROOT / "fixtures" / "orders").iterdir() if p.suffix == ".txt")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for path in files:
            parse_file(path)
        times.append(time.perf_counter() - started)
    return times


CHILD = """
import time, django, os
django.setup()
from django.core.management import call_command
from django.apps import apps
call_command("migrate", verbosity=0)
from importers.service import import_documents
started = time.perf_counter()
result = import_documents()
elapsed = time.perf_counter() - started
assert not result.failed, [d.error for d in result.failed]
rows = sum(m.objects.count() for m in apps.get_models() if m._meta.app_label in ("cards", "standards"))
print(elapsed, rows)
"""


def full_import(database_url: str, runs: int) -> list[tuple[float, int]]:
    env = dict(os.environ, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="registry.settings")
    out = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(done.stderr[-2000:])
        seconds, rows = done.stdout.split()[-2:]
        out.append((float(seconds), int(rows)))
    return out


def show(name: str, results: list[tuple[float, int]]) -> None:
    seconds = [s for s, _ in results]
    rows = results[-1][1]
    best, median = min(seconds), statistics.median(seconds)
    print(f"{name:<26} best {best:6.2f} s   median {median:6.2f} s   {rows} rows   {rows / median:8.0f} rows/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/registry_bench")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")

    times = parse_only(args.runs)
    print(f"{'parse only (5 documents)':<26} best {min(times):6.2f} s   median {statistics.median(times):6.2f} s")

    with tempfile.TemporaryDirectory() as tmp:
        results = []
        for i in range(args.runs):  # a fresh SQLite file per run: a first import, as `make run` does
            results += full_import(f"sqlite:///{tmp}/bench-{i}.sqlite3", 1)
        show("full import, SQLite", results)

    db = args.postgres_url.rsplit("/", 1)[1]
    admin_url = args.postgres_url.rsplit("/", 1)[0] + "/postgres"
    results = []
    for _ in range(args.runs):  # an empty database per run
        reset = subprocess.run(
            ["psql", admin_url, "-qc", f"DROP DATABASE IF EXISTS {db}", "-c", f"CREATE DATABASE {db}"],
            capture_output=True,
            text=True,
        )
        if reset.returncode:
            print(f"full import, PostgreSQL: not measured ({reset.stderr.strip()})")
            return
        results += full_import(args.postgres_url, 1)
    show("full import, PostgreSQL", results)


if __name__ == "__main__":
    main()
