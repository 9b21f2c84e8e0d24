"""Browser tests: Debian's chromium, driven by Playwright, against gunicorn serving the test database.

Why not pytest-django's ``live_server``: it forces ``transactional_db``, which empties every table
after each test, so the bundled orders (≈10 s to import) would have to be imported again for
every test. Instead the orders are imported once per session into the test database, with
autocommit, and a gunicorn process (the production server) serves that database. The tests
themselves never touch the database; pytest-django runs such tests after the database tests,
so no test that counts rows sees the registry, and it is deleted when the last browser test has
run (the fixtures are package-scoped: once per session, and gone before any later test).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
IN_CI = os.environ.get("CI", "").lower() == "true"
# The configured database's name, read before pytest-django swaps in its test database.
CONFIGURED_DATABASE = settings.DATABASES["default"]["NAME"]


def cannot_run(reason: str):
    """Outside CI a missing browser skips the browser tests; in CI it fails them."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the browser tests must run; see scripts/install-browser.sh)", pytrace=False)
    pytest.skip(f"{reason}; run `bash scripts/install-browser.sh` (or `make browser`)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(settings_dict: dict) -> str:
    """The test database as a DATABASE_URL for the server process."""
    user = settings_dict.get("USER") or ""
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{settings_dict['NAME']}"


@pytest.fixture(scope="package")
def registry_data(django_db_setup, django_db_blocker):
    """The bundled orders, imported once into the test database, deleted after the browser tests.

    Returns the test database's URL for the server process.
    """
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    from cards.models import Occupation
    from importers.service import import_documents
    from standards.models import SourceDocument, Standard

    if connection.vendor != "postgresql":
        # An SQLite test database lives in memory, out of the server process's reach.
        cannot_run(f"the browser tests need PostgreSQL (gunicorn serves the test database), not {connection.vendor}")
    created = None
    with django_db_blocker.unblock():
        if connection.settings_dict["NAME"] == CONFIGURED_DATABASE:
            # pytest-django makes the test database only when some test asks for database access;
            # when only browser tests run, none does, so make it here.
            created = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        result = import_documents()
        assert not result.failed, [d.error for d in result.failed]
        connection.close()  # nothing of ours stays open while the server reads
    yield database_url(connection.settings_dict)
    with django_db_blocker.unblock():
        SourceDocument.objects.all().delete()
        Standard.objects.all().delete()
        Occupation.objects.all().delete()
        if created:
            teardown_databases(created, verbosity=0)


@pytest.fixture(scope="package")
def server_url(registry_data, tmp_path_factory):
    """gunicorn serving the test database on a free loopback port; its log is a test artefact."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    port = free_port()
    env = dict(os.environ, DATABASE_URL=registry_data, DEBUG="1", DJANGO_SETTINGS_MODULE="registry.settings")
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / "browser-server.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [str(gunicorn), "registry.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--access-logfile", "-"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/kk/", timeout=5):
                    break
            except urllib.error.HTTPError:
                break  # it answers; the tests say what is wrong with the answer
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start:\n{log_path.read_text()[-3000:]}", pytrace=False)
                time.sleep(0.2)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@pytest.fixture(scope="package")
def chromium() -> str:
    """Debian's chromium; checked before the registry is imported, so a skip costs nothing."""
    if not (os.access(CHROMIUM, os.X_OK) or shutil.which(CHROMIUM)):
        cannot_run(f"no chromium at {CHROMIUM}")
    return CHROMIUM


@pytest.fixture(scope="package")
def playwright(chromium, server_url):
    # Playwright's sync API runs an event loop in this thread, and Django refuses database
    # calls from a thread with a running loop: the registry is imported before it starts
    # (hence server_url) and deleted after it stops.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="package")
def browser(playwright, chromium):
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)  # this run's pictures only
    browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_context(browser, server_url):
    """Make a browser context (a fresh profile) on the test server; closed after the test."""
    contexts = []

    def make(**options):
        options = {"base_url": server_url, "viewport": {"width": 1280, "height": 900}, **options}
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(request, new_context):
    page = new_context().new_page()
    request.node.browser_page = page  # for the screenshot of a failure
    return page


class Screenshots:
    """``screenshot(page, "card-ru")`` saves a full-page PNG as a test artefact (``full_page=False``: the screen)."""

    directory = SCREENSHOTS

    def __call__(self, page, name: str, full_page: bool = True) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture
def screenshot():
    return Screenshots()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    page = getattr(item, "browser_page", None)
    if report.when == "call" and report.failed and page is not None and not page.is_closed():
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=str(SCREENSHOTS / f"FAILED-{item.name}.png"), full_page=True)
        except Exception as exc:  # a crashed page must not hide the test's own failure
            report.sections.append(("screenshot", f"no screenshot of the failure: {exc}"))
    return report
