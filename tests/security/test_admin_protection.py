"""The admin against strangers: logins throttled, its address configurable, staff pages and the
staff parts of public pages invisible to anonymous visitors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.security.test_headers import admin_pages
from tests.test_crawl import PAGES

ROOT = Path(__file__).resolve().parents[2]


def said(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def log_in(client: Client, password: str, language: str = "ru", address: str = "203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": "editor", "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
        headers={"accept-language": language},
    )


@pytest.fixture
def editor(db):
    return User.objects.create_user("editor", password="correct horse battery", is_staff=True)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_after_five_wrong_passwords_the_login_is_locked_with_a_translated_page(settings, editor, language):
    assert settings.AXES_FAILURE_LIMIT == 5
    client = Client()
    for _ in range(4):
        assert log_in(client, "wrong", language).status_code == 200  # the form again, with its error
    locked = log_in(client, "wrong", language)
    assert locked.status_code == 429
    html = locked.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{said(language, 'Too many failed logins')}</h1>" in html
    assert said(language, "Too many failed logins") != "Too many failed logins"
    # Locked even with the right password: the attacker cannot tell it was right.
    assert log_in(client, "correct horse battery", language).status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_lockout_is_for_that_user_from_that_address_only(editor):
    client = Client()
    for _ in range(5):
        log_in(client, "wrong")
    assert log_in(client, "correct horse battery").status_code == 429
    elsewhere = log_in(Client(), "correct horse battery", address="198.51.100.20")
    assert elsewhere.status_code == 302 and elsewhere["Location"] == reverse("admin:index")


@pytest.mark.django_db
def test_a_right_password_before_the_limit_logs_in_and_forgets_the_failures(editor):
    client = Client()
    for _ in range(4):
        log_in(client, "wrong")
    assert log_in(client, "correct horse battery").status_code == 302
    client.logout()
    for _ in range(4):
        assert log_in(client, "wrong").status_code == 200  # counted from zero again


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page_from_every_admin_page(registry):
    pages = admin_pages()
    assert len(pages) > 20
    client = Client()
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_public_page_shows_an_anonymous_visitor_a_staff_part(registry, settings, language):
    settings.PAGE_CACHE_SECONDS = 600  # a page a staff member opened first must not be served from the cache
    staff = Client()
    staff.force_login(User.objects.create_user(f"staff-{language}", password="-", is_staff=True))
    card = staff.get(f"/{language}/cards/J068/1/").content.decode()
    assert reverse("admin:index") in card  # staff see the admin link on a card: the check below can fail
    anonymous = Client()
    for path in PAGES:
        url = f"/{language}{path}"
        staff.get(url)
        body = anonymous.get(url).content.decode()
        assert reverse("admin:index") not in body, url
        assert '<table class="issues">' not in body, url


def test_the_admin_moves_to_the_address_admin_url_gives():
    code = """
import django
django.setup()
from django.test import Client
from django.urls import reverse
client = Client()
print(reverse("admin:index"), client.get("/admin/").status_code, client.get("/staff-7f3a/").status_code,
      client.get("/staff-7f3a/")["Location"])
"""
    environ = dict(os.environ, ADMIN_URL="staff-7f3a", DATABASE_URL="sqlite:///:memory:")
    environ["DJANGO_SETTINGS_MODULE"] = "registry.settings"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    index, old_status, new_status, location = result.stdout.split()
    assert index == "/staff-7f3a/"
    assert old_status == "404"
    assert new_status == "302" and location.startswith("/staff-7f3a/login/")


def test_no_template_writes_the_admin_address_by_hand():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if '"/admin/' in path.read_text(encoding="utf-8") or "'/admin/" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
