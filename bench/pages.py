"""Benchmark the pages under load: gunicorn on PostgreSQL with the bundled orders, 8 concurrent clients.

    .venv/bin/python bench/pages.py [--clients 8] [--workers 3] [--requests 3000] [--seconds 20]
                                    [--postgres-url URL] [--reuse-db] [--check] [--no-page-cache] [--gzip]

Makes (or, with --reuse-db, reuses) a scratch database ``registry_bench_pages`` on the local
PostgreSQL, migrates it and imports the bundled orders; serves it with gunicorn on a free loopback
port with DEBUG off (static files collected, as in production); then loads each page in turn with
``--clients`` concurrent clients until ``--requests`` answers or ``--seconds`` have passed, and prints
requests per second and p50/p95 latency per page, with each page's throughput as a share of a
trivial Django view's on the same server (``bench/trivial_app.py``); the first row after it, the
site's empty frame (``base.html`` with no content and no query), shows what every page pays before
its own content and so bounds every page's share from above. The clients run in this
process, on the same machine: on a small machine they take CPU from the server, which lowers
every number alike and leaves the ratios meaningful. ``--check`` exits 1 when a page misses its
target (issue 13): uncached (``--no-page-cache``) the largest card page at least 0.35 of the trivial
view's throughput, the median card, the filtered list and the overview 0.5, the search 0.3, and the
four-card comparison a p95 under 100 ms; cached, every page at least 0.8.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
PYTHON = Path(sys.executable)
HOST = "127.0.0.1"

BASELINE = ("trivial view", "/bench/trivial/")
# The four largest kk cards by item count (bench/compare.py picks them the same way).
COMPARISON = "/kk/compare/?cards=J074/4@kk,J058/5@kk,J068/3@kk,J062/2@kk"
FRAME = "site frame, no content"
PAGES = [
    # Not a page of the registry: base.html alone, with no query (bench/trivial_app.py). No target:
    # what any page costs before its own content, so its share bounds every page's from above.
    (FRAME, "/bench/frame/"),
    ("overview", "/kk/"),
    ("card list, filtered", "/ru/cards/?level=5&level=6"),
    ("card list, one cell", "/kk/cards/?standard=J068&level=7"),
    ("card page, largest card", "/ru/cards/J074/4/"),
    ("card page, median card", "/kk/cards/J072/8/"),
    ("search", "/ru/search/?q=" + quote("администратор баз данных")),
    ("comparison, 4 cards", quote(COMPARISON, safe="/?=,@")),
]
# Issue 13's targets: (minimum share of the trivial view's throughput, maximum p95 in ms) per page.
UNCACHED_TARGETS = {
    "overview": (0.5, None),
    "card list, filtered": (0.5, None),
    "card page, largest card": (0.35, None),
    "card page, median card": (0.5, None),
    "search": (0.3, None),
    "comparison, 4 cards": (None, 100.0),
}
CACHED_SHARE = 0.8  # every page, when the page cache holds it


@dataclass
class Result:
    name: str
    path: str
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # seconds, of the successful requests
    errors: dict[str, int] = field(default_factory=dict)
    server_cpu: float = 0.0  # CPU seconds the gunicorn workers spent meanwhile (Linux only; 0 elsewhere)

    @property
    def cpu_ms(self) -> float:
        """The workers' CPU time per answered request, in ms: what the page costs the server, whatever
        else the machine runs (throughput on a shared machine also depends on the other load)."""
        return 1000 * self.server_cpu / len(self.latencies) if self.latencies else float("nan")

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, p: int) -> float:
        """Latency in milliseconds at percentile ``p`` (nearest rank)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def run(command: list[str], env: dict, what: str) -> None:
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{what} failed:\n{(done.stdout + done.stderr)[-3000:]}")


def psql(admin_url: str, *sql: str) -> subprocess.CompletedProcess:
    args = ["psql", admin_url, "-qtA", "-v", "ON_ERROR_STOP=1"]
    for statement in sql:
        args += ["-c", statement]
    return subprocess.run(args, capture_output=True, text=True)


def prepare_database(url: str, reuse: bool, env: dict) -> None:
    """A scratch database with the bundled orders imported: made afresh unless ``reuse`` finds one."""
    db = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    if reuse:
        found = psql(url, "SELECT count(*) FROM cards_professioncard")
        if found.returncode == 0 and int(found.stdout.strip() or 0) > 0:
            print(f"Reusing {db} ({found.stdout.strip()} cards).")
            run([str(PYTHON), "manage.py", "migrate", "--noinput", "-v0"], env, "migrate")
            return
    reset = psql(admin_url, f"DROP DATABASE IF EXISTS {db}", f"CREATE DATABASE {db}")
    if reset.returncode:
        raise SystemExit(f"Cannot make the scratch database {db}: {reset.stderr.strip()}")
    started = time.perf_counter()
    run([str(PYTHON), "manage.py", "migrate", "--noinput", "-v0"], env, "migrate")
    run([str(PYTHON), "manage.py", "import_standards", "-v0"], env, "import_standards")
    print(f"Made {db}: migrated and imported the bundled orders in {time.perf_counter() - started:.1f} s.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


HEADERS: dict[str, str] = {}  # --gzip: {"Accept-Encoding": "gzip"}, as a browser asks


def get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("GET", path, headers=HEADERS)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def start_server(port: int, workers: int, env: dict, log, threads: int = 1) -> subprocess.Popen:
    gunicorn = PYTHON.with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            # bench/ as a namespace package of the project: on the path, bench/api.py would hide the api app.
            "bench.trivial_app:bench_application()",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            *(["--worker-class", "gthread", "--threads", str(threads)] if threads > 1 else []),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            if get(port, BASELINE[1])[0] == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            log.flush()
            raise SystemExit(f"gunicorn did not start:\n{Path(log.name).read_text()[-3000:]}")
        time.sleep(0.2)


def server_cpu_seconds(server: subprocess.Popen | None) -> float:
    """User + system CPU time of the gunicorn master's worker processes so far (Linux /proc)."""
    if server is None:
        return 0.0
    total = 0.0
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        for pid in children:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return 0.0
    return total


def load(port: int, name: str, path: str, clients: int, max_requests: int, max_seconds: float, server=None) -> Result:
    """``clients`` threads, each one request at a time, until ``max_requests`` or ``max_seconds``."""
    result = Result(name, path)
    lock = threading.Lock()
    issued = 0
    deadline = time.perf_counter() + max_seconds

    def client() -> None:
        nonlocal issued
        latencies, errors = [], {}
        while True:
            with lock:
                if issued >= max_requests or time.perf_counter() >= deadline:
                    break
                issued += 1
            started = time.perf_counter()
            try:
                status, _ = get(port, path)
            except OSError as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                continue
            if status == 200:
                latencies.append(time.perf_counter() - started)
            else:
                errors[f"HTTP {status}"] = errors.get(f"HTTP {status}", 0) + 1
        with lock:
            result.latencies += latencies
            for key, count in errors.items():
                result.errors[key] = result.errors.get(key, 0) + count

    threads = [threading.Thread(target=client) for _ in range(clients)]
    cpu_before = server_cpu_seconds(server)
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    result.server_cpu = server_cpu_seconds(server) - cpu_before
    return result


def report(results: list[Result]) -> None:
    baseline = results[0].rps
    print(
        f"\n{'page':<26} {'path':<36} {'requests':>8} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'vs trivial':>10}"
        f" {'CPU ms':>7} {'CPU vs trivial':>14}"
    )
    for r in results:
        errors = f"   errors: {r.errors}" if r.errors else ""
        share = r.rps / baseline if baseline else float("nan")
        cpu_share = results[0].cpu_ms / r.cpu_ms if r.cpu_ms else float("nan")
        path = r.path if len(r.path) <= 36 else r.path[:35] + "…"
        print(
            f"{r.name:<26} {path:<36} {len(r.latencies):>8} {r.rps:>8.0f} {r.percentile(50):>7.1f} "
            f"{r.percentile(95):>7.1f} {share:>10.2f} {r.cpu_ms:>7.2f} {cpu_share:>14.2f}{errors}"
        )


def server_environment(postgres_url: str, no_page_cache: bool) -> dict:
    """The environment gunicorn serves the benchmarks in: production settings on ``postgres_url``."""
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="registry.settings",
        DATABASE_URL=postgres_url,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
        PAGE_CACHE_SECONDS="0" if no_page_cache else os.environ.get("PAGE_CACHE_SECONDS", "600"),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (default 3)")
    parser.add_argument("--threads", type=int, default=1, help="more than 1: gthread workers with this many threads")
    parser.add_argument("--requests", type=int, default=3000, help="at most this many requests per page")
    parser.add_argument("--seconds", type=float, default=20.0, help="at most this long per page")
    parser.add_argument("--warmup", type=int, default=50, help="unmeasured requests per page first")
    parser.add_argument(
        "--rounds", type=int, default=1, help="measure the pages in turn this many times, each for a slice"
    )
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/registry_bench_pages")
    parser.add_argument("--reuse-db", action="store_true", help="keep the scratch database if it holds cards")
    parser.add_argument("--check", action="store_true", help="exit 1 when a page misses its target")
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="serve every page uncached (PAGE_CACHE_SECONDS=0): the cost of a miss",
    )
    parser.add_argument(
        "--gzip", action="store_true", help="clients accept gzip, as browsers do (default: plain answers)"
    )
    args = parser.parse_args()
    if args.gzip:
        HEADERS["Accept-Encoding"] = "gzip"

    env = server_environment(args.postgres_url, args.no_page_cache)
    prepare_database(args.postgres_url, args.reuse_db, env)
    run([str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"], env, "collectstatic")

    port = free_port()
    with tempfile.NamedTemporaryFile("w+", prefix="bench-pages-gunicorn-", suffix=".log") as log:
        server = start_server(port, args.workers, env, log, args.threads)
        try:
            for name, path in [BASELINE, *PAGES]:
                status, body = get(port, path)
                if status != 200:
                    raise SystemExit(f"{name} {path} answers {status}:\n{body[:1500].decode(errors='replace')}")
            kind = "sync" if args.threads == 1 else f"gthread ({args.threads} threads)"
            print(
                f"gunicorn: {args.workers} {kind} workers on {HOST}:{port}, DEBUG off; {args.clients} clients; "
                f"per page at most {args.requests} requests or {args.seconds:g} s in {args.rounds} round(s); "
                f"{os.cpu_count()} CPUs shared; page cache {'off' if args.no_page_cache else 'on'}; "
                f"answers {'gzip-compressed' if args.gzip else 'plain'}."
            )
            for name, path in [BASELINE, *PAGES]:
                load(port, name, path, args.clients, args.warmup, args.seconds)
            # --rounds slices each page's time and takes the pages in turn, round after round: on a
            # machine whose other load changes minute by minute, every page then meets the same mix.
            results = [Result(name, path) for name, path in [BASELINE, *PAGES]]
            for _round in range(args.rounds):
                for total, (name, path) in zip(results, [BASELINE, *PAGES], strict=True):
                    part = load(
                        port, name, path, args.clients, args.requests // args.rounds, args.seconds / args.rounds, server
                    )
                    total.seconds += part.seconds
                    total.server_cpu += part.server_cpu
                    total.latencies += part.latencies
                    for key, count in part.errors.items():
                        total.errors[key] = total.errors.get(key, 0) + count
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(results)

    print("\nTargets (issue 13), " + ("uncached:" if args.no_page_cache else "cached:"))
    missed = 0
    for r in results[1:]:
        share = r.rps / results[0].rps if results[0].rps else 0.0
        if r.name == FRAME:
            continue
        if args.no_page_cache:
            if r.name not in UNCACHED_TARGETS:
                continue
            min_share, max_p95 = UNCACHED_TARGETS[r.name]
        else:
            min_share, max_p95 = CACHED_SHARE, None
        wanted, ok = [], not r.errors
        if min_share is not None:
            wanted.append(f"share {share:.2f} >= {min_share:g}")
            ok = ok and share >= min_share
        if max_p95 is not None:
            wanted.append(f"p95 {r.percentile(95):.1f} ms < {max_p95:g}")
            ok = ok and r.percentile(95) < max_p95
        missed += not ok
        print(f"  {r.name:<26} {', '.join(wanted)}: {'met' if ok else 'MISSED'}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
