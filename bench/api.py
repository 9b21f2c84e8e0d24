"""Benchmark the public API under load: gunicorn on PostgreSQL with the bundled orders, 8 concurrent clients.

    .venv/bin/python bench/api.py [--clients 8] [--workers 3] [--requests 2000] [--seconds 15]
                                  [--postgres-url URL] [--reuse-db] [--no-page-cache] [--check]

The same set-up as ``bench/pages.py`` (its helpers: a scratch database with the bundled orders,
gunicorn on a free loopback port with DEBUG off, the trivial view of ``bench/trivial_app.py`` as
the baseline in the same run). Prints req/s and p50/p95 for the JSON of the largest card, the
filtered card list and search, each as a share of the trivial view's throughput; and the time to
build the downloads of the whole registry (uncached). ``--check`` exits 1 when the card detail
gives less than 0.5 of the trivial view (issue 12). Answers are cached under the content revision
unless ``--no-page-cache``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import (
    BASELINE,
    HOST,
    PYTHON,
    Result,
    free_port,
    get,
    load,
    prepare_database,
    report,
    run,
    server_environment,
    start_server,
)

ENDPOINTS = [
    ("card detail, largest card", "/api/v1/cards/J074/4?lang=ru"),
    ("card list, filtered", "/api/v1/cards?lang=ru&level=5&level=6"),
    ("search", "/api/v1/search?lang=ru&q=" + quote("администратор баз данных")),
]
DOWNLOADS = [
    ("registry.json", "/api/v1/downloads/registry.json"),
    ("registry-csv.zip", "/api/v1/downloads/registry-csv.zip"),
    ("registry.xlsx", "/api/v1/downloads/registry.xlsx"),
    ("cards.xlsx, all cards", "/api/v1/cards.xlsx?lang=kk"),
]
CARD_DETAIL_SHARE = 0.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/registry_bench_api")
    parser.add_argument("--reuse-db", action="store_true")
    parser.add_argument("--no-page-cache", action="store_true", help="answer every request afresh")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    env = server_environment(args.postgres_url, args.no_page_cache)
    prepare_database(args.postgres_url, args.reuse_db, env)
    run([str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"], env, "collectstatic")
    port = free_port()
    with tempfile.NamedTemporaryFile("w+", prefix="bench-api-gunicorn-", suffix=".log") as log:
        server = start_server(port, args.workers, env, log)
        try:
            builds = []
            for name, path in DOWNLOADS:  # the first request builds the file (then it is cached)
                started = time.perf_counter()
                status, body = get(port, path)
                builds.append((name, status, len(body), time.perf_counter() - started))
            for name, path in [BASELINE, *ENDPOINTS]:
                status, body = get(port, path)
                if status != 200:
                    raise SystemExit(f"{name} {path} answers {status}:\n{body[:1500].decode(errors='replace')}")
                load(port, name, path, args.clients, args.warmup, args.seconds)
            print(
                f"gunicorn: {args.workers} sync workers on {HOST}:{port}, DEBUG off; {args.clients} clients; "
                f"{os.cpu_count()} CPUs shared; answer cache {'off' if args.no_page_cache else 'on'}."
            )
            results: list[Result] = [
                load(port, name, path, args.clients, args.requests, args.seconds)
                for name, path in [BASELINE, *ENDPOINTS]
            ]
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(results)
    print("\nDownloads of the whole registry, first request (built from the database):")
    for name, status, size, seconds in builds:
        print(f"  {name:<24} HTTP {status}  {size / 1024:8.0f} KiB  {seconds:6.2f} s")
    share = results[1].rps / results[0].rps if results[0].rps else 0.0
    ok = share >= CARD_DETAIL_SHARE and not results[1].errors
    print(f"\nTarget (issue 12): card detail share {share:.2f} >= {CARD_DETAIL_SHARE}: {'met' if ok else 'MISSED'}")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    raise SystemExit(main())
