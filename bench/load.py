"""Load test: 50 concurrent clients for 60 s on gunicorn + PostgreSQL, with an import in the middle.

    .venv/bin/python bench/load.py [--clients 50] [--seconds 60] [--import-at 20] [--workers 3]
                                   [--threads 1] [--postgres-url URL] [--cache-url URL] [--reuse-db]

Serves the scratch database (made and imported as ``bench/pages.py`` does, ``registry_speed_bench``
by default) with gunicorn, DEBUG off and the page cache on, as in production. ``--clients`` threads
each send one request after another, for ``--seconds``, drawn from a realistic mix: card pages in
both languages, card lists with filters, search, comparisons, the overview, the JSON API
(``/api/v1/cards``, ``/api/v1/search``) and hashed static files. At ``--import-at`` seconds,
``manage.py import_standards`` imports a copy of order 209 whose texts carry a marker (every
"данных" becomes "данныхъ"), and, while it runs and after, a checker client reads the order's card
pages that contain the word and classifies each answer as wholly old (no marker), wholly new (only
markers) or mixed. At the end the original order is imported again, so the database is as it was.

Prints, per kind of request, the answers, errors, timeouts (10 s) and p50/p95/p99 latency; the
import's duration; and the consistency check's counts. Exit status 1 on any error, timeout or
mixed page.
"""

from __future__ import annotations

import argparse
import html
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import HOST, PYTHON, ROOT, free_port, get, prepare_database, run, start_server

ORDER = ROOT / "fixtures" / "orders" / "order-209-2026-ru.txt"
WORD, MARKED = "данных", "данныхъ"
TIMEOUT = 10.0

# (kind, weight, paths): a client picks a kind by weight, then one of its paths.
MIX = [
    ("card page kk", 20, ["/kk/cards/J072/8/", "/kk/cards/J068/1/", "/kk/cards/J074/4/", "/kk/cards/J057/1/"]),
    ("card page ru", 20, ["/ru/cards/J074/4/", "/ru/cards/J070/2/", "/ru/cards/J066/2/", "/ru/cards/J062/2/"]),
    ("card list", 12, ["/ru/cards/?level=5&level=6", "/kk/cards/?standard=J068&level=7", "/ru/cards/?page=2"]),
    ("overview", 5, ["/kk/", "/ru/"]),
    ("search", 10, ["/ru/search/?q=" + quote("администратор баз данных"), "/kk/search/?q=" + quote("деректер базасы")]),
    ("comparison", 5, ["/ru/compare/?cards=J068/1,J068/2", "/kk/compare/?cards=J074/4@kk,J058/5@kk,J062/2@kk"]),
    ("api", 13, ["/api/v1/cards", "/api/v1/cards?level=6", "/api/v1/search?q=" + quote("тестировщик")]),
    ("static", 15, []),  # filled with the hashed names the overview links to
]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def record(self, kind: str, seconds: float | None, error: str = "") -> None:
        with self.lock:
            if error:
                self.errors[kind][error] += 1
            else:
                self.latencies[kind].append(seconds)


def percentile(values: list[float], p: int) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def fetch(port: int, path: str) -> tuple[int, bytes]:
    import http.client

    conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": "identity"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def client(port: int, stop: float, stats: Stats, seed: int) -> None:
    rng = random.Random(seed)
    kinds = [kind for kind, _w, paths in MIX if paths]
    weights = [weight for _k, weight, paths in MIX if paths]
    paths = {kind: kind_paths for kind, _w, kind_paths in MIX}
    while time.monotonic() < stop:
        kind = rng.choices(kinds, weights)[0]
        path = rng.choice(paths[kind])
        started = time.perf_counter()
        try:
            status, _body = fetch(port, path)
        except TimeoutError:
            stats.record(kind, None, "timeout")
            continue
        except OSError as exc:
            stats.record(kind, None, type(exc).__name__)
            continue
        if status == 200:
            stats.record(kind, time.perf_counter() - started)
        else:
            stats.record(kind, None, f"HTTP {status} {path}")


def card_text(body: bytes) -> str:
    """The card's own texts: its functions, skills, items, lists and related rows (not the links to
    other cards, whose texts come from other orders)."""
    page = html.unescape(body.decode())
    start = page.find('class="card-contents"')
    ends = [page.find(m, start) for m in ('id="ladder-heading"', 'id="elsewhere-heading"', 'id="texts-heading"')]
    ends = [e for e in ends if e > 0] + [page.find('class="provenance"', start)]
    return page[start : min(e for e in ends if e > 0)] if start > 0 else ""


def classify(body: bytes) -> str:
    text = card_text(body)
    marked = text.count(MARKED)
    plain = len(re.findall(WORD + "(?!ъ)", text))
    if marked and plain:
        return "mixed"
    if marked:
        return "new"
    return "old" if plain else "without the word"


def checker(port: int, paths: list[str], stop: float, imported: threading.Event, results: dict, lock) -> None:
    """Read ``paths`` in turn until ``stop`` and until one round after the import has ended."""
    rounds_after = 0
    while time.monotonic() < stop or rounds_after < 1:
        if imported.is_set():
            rounds_after += 1
        for path in paths:
            try:
                status, body = fetch(port, path)
            except OSError as exc:
                kind = f"error {type(exc).__name__}"
            else:
                kind = classify(body) if status == 200 else f"HTTP {status}"
            with lock:
                results[kind] += 1
                if kind == "mixed":
                    results.setdefault("mixed pages", []).append(path)


def pages_with_the_word(env: dict) -> list[str]:
    """The in-force card pages of order 209 whose texts contain WORD (read with the ORM, once)."""
    code = (
        "from cards.models import Ability\n"
        "from cards.identity import card_path\n"
        "from django.utils import translation\n"
        f"rows = Ability.objects.filter(text__contains={WORD!r}, "
        "skill__labour_function__card__edition__document__file_name__startswith='order-209', "
        "skill__labour_function__card__edition__status='in_force')"
        ".select_related('skill__labour_function__card__edition__standard')\n"
        "with translation.override('ru'):\n"
        "    print('\\n'.join(sorted({card_path(a.skill.labour_function.card) for a in rows})))\n"
    )
    done = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"Cannot list the pages to check:\n{done.stderr[-2000:]}")
    return [line for line in done.stdout.split() if line.startswith("/ru/cards/")]


def static_paths(port: int) -> list[str]:
    status, body = get(port, "/kk/")
    found = sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+)"', body.decode())))
    if status != 200 or not found:
        raise SystemExit("The overview links no static file.")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the clients run (default 60)")
    parser.add_argument("--import-at", type=float, default=20.0, help="start the import after this many seconds")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--threads", type=int, default=1, help="more than 1: gthread workers with this many threads")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/registry_speed_bench")
    parser.add_argument("--cache-url", default="locmem://", help="the page cache (locmem:// or redis://...)")
    parser.add_argument("--reuse-db", action="store_true", help="keep the scratch database if it holds cards")
    args = parser.parse_args()

    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="registry.settings",
        DATABASE_URL=args.postgres_url,
        CACHE_URL=args.cache_url,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
    )
    prepare_database(args.postgres_url, args.reuse_db, env)
    run([str(PYTHON), "manage.py", "import_standards", "-v0", "--skip-unchanged", str(ORDER)], env, "import 209")
    run([str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"], env, "collectstatic")
    checked = pages_with_the_word(env)
    if not checked:
        raise SystemExit(f"No card page of order 209 contains {WORD!r}: nothing to check.")

    marked_dir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    marked = marked_dir / ORDER.name  # the same file name: the import replaces the order's editions
    marked.write_text(ORDER.read_text(encoding="utf-8").replace(WORD, MARKED), encoding="utf-8")

    port = free_port()
    stats, consistency, lock = Stats(), defaultdict(int), threading.Lock()
    import_log: dict = {}
    with tempfile.NamedTemporaryFile("w+", prefix="bench-load-gunicorn-", suffix=".log") as log:
        server = start_server(port, args.workers, env, log, args.threads)
        try:
            MIX[-1][2].extend(static_paths(port))
            kind = "sync" if args.threads == 1 else f"gthread ({args.threads} threads)"
            print(
                f"gunicorn: {args.workers} {kind} workers, DEBUG off, page cache {args.cache_url}; {args.clients} "
                f"clients for {args.seconds:g} s; import of a marked order 209 at {args.import_at:g} s; "
                f"{len(checked)} card pages checked for half an import; {os.cpu_count()} CPUs shared."
            )
            started = time.monotonic()
            stop = started + args.seconds
            threads = [threading.Thread(target=client, args=(port, stop, stats, seed)) for seed in range(args.clients)]
            imported = threading.Event()
            threads.append(threading.Thread(target=checker, args=(port, checked, stop, imported, consistency, lock)))
            for thread in threads:
                thread.start()
            time.sleep(args.import_at)
            import_log["start"] = time.monotonic() - started
            done = subprocess.run(
                [str(PYTHON), "manage.py", "import_standards", "-v0", str(marked)],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            import_log["end"] = time.monotonic() - started
            import_log["status"] = done.returncode
            imported.set()
            import_log["output"] = (done.stdout + done.stderr)[-1500:]
            for thread in threads:
                thread.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
            run([str(PYTHON), "manage.py", "import_standards", "-v0", str(ORDER)], env, "re-import of order 209")
            shutil.rmtree(marked_dir, ignore_errors=True)

    print(f"\n{'kind':<14} {'answers':>8} {'errors':>7} {'timeouts':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    total_errors = 0
    for kind, _weight, _paths in MIX:
        latencies = stats.latencies.get(kind, [])
        errors = dict(stats.errors.get(kind, {}))
        timeouts = errors.pop("timeout", 0)
        total_errors += sum(errors.values()) + timeouts
        print(
            f"{kind:<14} {len(latencies):>8} {sum(errors.values()):>7} {timeouts:>8} {percentile(latencies, 50):>8.1f} "
            f"{percentile(latencies, 95):>8.1f} {percentile(latencies, 99):>8.1f}" + (f"   {errors}" if errors else "")
        )
    everything = [v for values in stats.latencies.values() for v in values]
    print(
        f"{'all':<14} {len(everything):>8} {total_errors:>7}{'':>9} {percentile(everything, 50):>8.1f} "
        f"{percentile(everything, 95):>8.1f} {percentile(everything, 99):>8.1f}"
    )
    print(
        f"\nImport of the marked order 209: from {import_log['start']:.1f} s to {import_log['end']:.1f} s, "
        f"exit status {import_log['status']}."
    )
    if import_log["status"]:
        print(import_log["output"])
    mixed = consistency.pop("mixed pages", [])
    print(
        "Card pages read by the checker: "
        + ", ".join(f"{kind} {count}" for kind, count in sorted(consistency.items()))
        + (f"; MIXED: {sorted(set(mixed))}" if mixed else "; none mixed.")
    )
    failed = total_errors or import_log["status"] or mixed or not consistency.get("new")
    print("Result: " + ("FAILED" if failed else "0 errors, 0 timeouts, every page wholly old or wholly new."))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
