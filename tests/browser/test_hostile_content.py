"""Hostile content in Chromium: the pages of a standard whose text carries attack payloads
(tests/security/hostile.py) run none of them, raise no dialog and keep their layout.

The hostile copy gets a database and a gunicorn of its own (the bundled registry of the other browser
tests stays as it is): created, migrated and imported through the import service by subprocesses
(no database call from this process, whose thread runs Playwright's event loop), dropped afterwards.
Each page is opened twice: once with the Content-Security-Policy switched off in the browser (so the
escaping alone must hold: the ``window.hostileFlag`` each payload sets stays unset and no dialog opens,
also after every element was hovered and focused), once with it on (then the page must cause no
policy violation: no inline code at all). At phone width no element reaches past the screen,
the 10,000-letter word included. The admin is logged in to through its form (so through django-axes).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import CONFIGURED_DATABASE, free_port
from tests.browser.test_small_screens import OVERFLOWING, PHONE

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
WATCH = """
window.policyViolations = [];
document.addEventListener('securitypolicyviolation',
  e => window.policyViolations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));
"""
PROVOKE = """() => {
  for (const el of document.querySelectorAll('body *')) {
    el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
    el.dispatchEvent(new FocusEvent('focus'));
  }
  return typeof window.hostileFlag === 'undefined' ? null : String(window.hostileFlag);
}"""
ADMIN_PASSWORD = "hostile-admin-password"


def run(args: list[str], env: dict) -> str:
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def hostile_site(registry_data, tmp_path_factory):
    """gunicorn serving a database holding only the hostile copy; yields (base url, page urls)."""
    import psycopg2

    from tests.security.hostile import write_hostile_copy

    name = f"test_{CONFIGURED_DATABASE}_hostile"[:63]
    url = registry_data.rsplit("/", 1)[0] + "/" + name
    admin = psycopg2.connect(registry_data.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    env = dict(os.environ, DATABASE_URL=url, DEBUG="1", DJANGO_SETTINGS_MODULE="registry.settings")
    path, _ = write_hostile_copy(tmp_path_factory.mktemp("hostile"))
    run(["manage.py", "migrate", "-v0"], env)
    run(["manage.py", "import_standards", str(path)], env)
    script = (
        "import django, json; django.setup()\n"
        "from django.contrib.auth.models import User\n"
        f"User.objects.create_superuser('hostile', password={ADMIN_PASSWORD!r})\n"
        "from tests.security.test_hostile_content import hostile_urls\n"
        "print(json.dumps(hostile_urls()))\n"
    )
    urls = json.loads(run(["-c", script], env).splitlines()[-1])
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "registry.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=5).close()
                break
            except (OSError, urllib.error.HTTPError):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("gunicorn for the hostile database did not start", pytrace=False)
                time.sleep(0.2)
        yield base, urls
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


def open_and_check(page, url: str) -> list[str]:
    """Open ``url``; what went wrong on it (empty when nothing did)."""
    response = page.goto(url)
    problems = []
    if response is None or response.status >= 500:
        return [f"{url}: status {response.status if response else 'none'}"]
    flag = page.evaluate(PROVOKE)
    if flag is not None:
        problems.append(f"{url}: a payload ran (window.hostileFlag = {flag!r})")
    dialogs = getattr(page, "dialogs", [])
    if dialogs:
        problems.append(f"{url}: dialogs {dialogs}")
        dialogs.clear()
    return problems


def watched_page(context):
    page = context.new_page()
    page.add_init_script(WATCH)
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return page


def test_no_payload_runs_on_any_page_even_without_the_content_security_policy(hostile_site, browser):
    base, urls = hostile_site
    context = browser.new_context(base_url=base, bypass_csp=True, viewport={"width": 1280, "height": 900})
    try:
        page = watched_page(context)
        problems = [p for url in urls for p in open_and_check(page, url)]
    finally:
        context.close()
    assert problems == []


def test_no_page_breaks_the_content_security_policy(hostile_site, browser):
    base, urls = hostile_site
    context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
    try:
        page = watched_page(context)
        problems = []
        for url in urls:
            problems += open_and_check(page, url)
            violations = page.evaluate("window.policyViolations")
            if violations:
                problems.append(f"{url}: {violations[:3]}")
    finally:
        context.close()
    assert problems == []


def test_the_long_word_and_the_payloads_keep_every_page_within_a_phone_screen(hostile_site, browser):
    base, urls = hostile_site
    context = browser.new_context(base_url=base, viewport=PHONE, is_mobile=True)
    try:
        page = context.new_page()
        wide = {}
        for url in [u for u in urls if not u.startswith("/api/")]:
            page.goto(url)
            overflowing = page.evaluate(OVERFLOWING)
            if overflowing:
                wide[url] = overflowing
    finally:
        context.close()
    assert wide == {}


def test_the_admin_logged_in_through_its_form_runs_no_payload(hostile_site, browser):
    base, _ = hostile_site
    context = browser.new_context(base_url=base, bypass_csp=True)
    try:
        page = watched_page(context)
        page.goto("/admin/login/?next=/admin/")
        page.fill("#id_username", "hostile")
        page.fill("#id_password", ADMIN_PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(f"{base}/admin/")
        problems = []
        for url in ["/admin/cards/professioncard/", "/admin/cards/professioncard/?q=hostileFlag"]:
            problems += open_and_check(page, url)
        links = page.eval_on_selector_all("#result_list th a", "links => links.map(a => a.getAttribute('href'))")
        assert links, "the card list of the admin is empty"
        for href in links:
            problems += open_and_check(page, href)
    finally:
        context.close()
    assert problems == []
