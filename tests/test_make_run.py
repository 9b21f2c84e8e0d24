"""`make run` on a fresh SQLite database: migrate, import the bundled orders, serve with gunicorn."""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode()


def test_make_run_serves_the_registry_with_the_bundled_orders_imported(tmp_path):
    port = free_port()
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", PORT=str(port))
    env.pop("CI", None)
    log = (tmp_path / "make-run.log").open("w")
    server = subprocess.Popen(
        ["make", "run", f"PORT={port}"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                status, html = get(f"http://127.0.0.1:{port}/kk/")
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "make-run.log").read_text()[-3000:]
                assert time.monotonic() < deadline, "make run did not serve within 240 s"
                time.sleep(0.5)
        assert status == 200
        assert re.search(r'data-count="cards">118<', html)  # one per standard and position
        assert re.search(r'data-count="editions">39<', html)
        assert re.search(r'data-count="standards">22<', html)
        status, html = get(f"http://127.0.0.1:{port}/ru/")
        assert status == 200 and 'lang="ru"' in html
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "make-run.log").read_text()
    assert "order-569-2025-kk.txt" in output and "82 twin pairs" in output
