"""`make run` on a fresh SQLite database: migrate, import the bundled orders, serve with gunicorn.

It serves as production does (DEBUG off: the site's error pages, never Django's debug page), but on
plain HTTP at 127.0.0.1, so that a newcomer can open it, and log in to the admin, out of the box.
"""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

# What a newcomer's shell does not set: `make run` must work without any of it.
DEPLOYMENT_VARIABLES = {"CI", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "SECURE_COOKIES"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode()


def get_error(url: str) -> tuple[int, str]:
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(url, timeout=10)
    return error.value.code, error.value.read().decode()


def log_in_to_the_admin(base: str, username: str, password: str) -> tuple[str, http.cookiejar.CookieJar]:
    """Log in as a browser does (the cookie jar keeps Secure cookies off plain HTTP, as browsers do)."""
    cookies = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    with browser.open(f"{base}/admin/login/?next=/admin/", timeout=10) as response:
        form = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"}
    ).encode()
    login = urllib.request.Request(f"{base}/admin/login/?next=/admin/", data=data, headers={"Origin": base})
    with browser.open(login, timeout=10) as response:
        assert response.url == f"{base}/admin/", "the login did not lead to the admin's index"
        return response.read().decode(), cookies


def test_make_run_serves_the_registry_with_the_bundled_orders_imported(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = {k: v for k, v in os.environ.items() if k not in DEPLOYMENT_VARIABLES}
    env.update(DATABASE_URL=database, PORT=str(port))
    log = (tmp_path / "make-run.log").open("w")
    server = subprocess.Popen(
        ["make", "run", f"PORT={port}"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                status, html = get(f"{base}/kk/")
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "make-run.log").read_text()[-3000:]
                assert time.monotonic() < deadline, "make run did not serve within 240 s"
                time.sleep(0.5)
        assert status == 200  # on plain HTTP: no redirect to https
        assert re.search(r'data-count="cards">118<', html)  # one per standard and position
        assert re.search(r'data-count="editions">39<', html)
        assert re.search(r'data-count="standards">22<', html)
        status, html = get(f"{base}/ru/")
        assert status == 200 and 'lang="ru"' in html
        # Every page type answers on SQLite too (the suite's other tests run on PostgreSQL).
        for language in ("kk", "ru"):
            for page in (
                "cards/J074/4/",
                "cards/?level=5&level=6",
                "search/?q=" + urllib.parse.quote("деректер қоры"),
                "compare/?cards=J074/4@kk,J058/5@kk",
                "cards/J074/4/ladder/",
                "standards/J074/",
                "standards/J074/changes/",
                "occupations/",
                "quality/",
            ):
                page_status, page_html = get(f"{base}/{language}/{page}")
                assert page_status == 200 and f'lang="{language}"' in page_html, page
        for api in ("cards/J074/4", "cards?level=5", "search?q=SQL", "compare?cards=J074/4@kk,J058/5@kk"):
            assert get(f"{base}/api/v1/{api}")[0] == 200, api

        # DEBUG is off: the stylesheets have hashed names, and a wrong address gets the site's 404 page.
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)
        assert stylesheet, "no hashed stylesheet: is DEBUG on?"
        assert get(base + stylesheet.group(1))[0] == 200
        status, html = get_error(f"{base}/ru/no-such-page/")
        assert status == 404
        assert 'class="error-page error-404"' in html and "URLconf" not in html

        with urllib.request.urlopen(f"{base}/favicon.ico", timeout=10) as response:
            assert response.status == 200 and response.headers["Content-Type"].startswith("image/svg+xml")

        # The admin logs in over plain HTTP: its cookies are not Secure-only.
        subprocess.run(
            [sys.executable, "manage.py", "createsuperuser", "--noinput", "--username", "admin", "--email", "a@b.kz"],
            cwd=ROOT,
            env=dict(env, DJANGO_SUPERUSER_PASSWORD="a long local password"),
            check=True,
            capture_output=True,
        )
        admin, cookies = log_in_to_the_admin(base, "admin", "a long local password")
        assert 'id="logout-form"' in admin
        assert {c.name: c.secure for c in cookies} == {"csrftoken": False, "sessionid": False}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "make-run.log").read_text()
    assert "order-569-2025-kk.txt" in output and "82 twin pairs" in output
    assert "(DEBUG=0)" in output
