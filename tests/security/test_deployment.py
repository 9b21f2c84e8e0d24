"""Production settings pass Django's deployment checks, and the proxy header is trusted only when named."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3y-" + "Zq8vR2mX7pL4nW9sT1yB6cH0dF5gJ3" * 2,
    "ALLOWED_HOSTS": "registry.example.kz",
    "CSRF_TRUSTED_ORIGINS": "https://registry.example.kz",
}
OVERRIDDEN = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_COOKIES",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "ADMIN_URL",
}


def run(args: list[str], **env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in OVERRIDDEN}
    environ.update(PRODUCTION, **env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120)


def check_deploy(**env) -> subprocess.CompletedProcess:
    return run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env)


def test_check_deploy_reports_nothing_with_production_variables():
    result = check_deploy(SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    print(result.stdout, result.stderr)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_reports_nothing_without_a_proxy_either():
    result = check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_on_a_plain_http_configuration():
    """The check is not blind: the plain-HTTP switches of `make run` are what it warns about."""
    result = check_deploy(SECURE_COOKIES="0", SECURE_SSL_REDIRECT="0")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "security.W008" in output  # SSL redirect
    assert "security.W012" in output  # session cookie
    assert "security.W016" in output  # CSRF cookie


SETTINGS = (
    "import registry.settings as s; "
    "print(getattr(s, 'SECURE_PROXY_SSL_HEADER', None), s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_PRELOAD, "
    "s.X_FRAME_OPTIONS, s.SECURE_REFERRER_POLICY, s.ADMIN_URL)"
)


def test_the_proxy_header_is_trusted_only_when_a_variable_names_it():
    plain = run(["-c", SETTINGS])
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.split()[0] == "None"
    proxied = run(["-c", SETTINGS], SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert proxied.stdout.startswith("('HTTP_X_FORWARDED_PROTO', 'https')")


def test_production_sends_a_year_of_hsts_with_preload_no_frames_and_a_same_origin_referrer():
    result = run(["-c", SETTINGS])
    assert result.stdout.split()[1:] == ["31536000", "True", "DENY", "same-origin", "admin/"]


def test_the_admin_address_comes_from_admin_url():
    result = run(["-c", SETTINGS], ADMIN_URL="/staff-7f3a/")
    assert result.stdout.split()[-1] == "staff-7f3a/"


HEADERS = """
import django
django.setup()
from django.test import Client
response = Client().get("/healthz", secure=True, headers={"host": "registry.example.kz"})
for name in ("Strict-Transport-Security", "Content-Security-Policy", "X-Frame-Options", "Referrer-Policy",
             "X-Content-Type-Options", "Cross-Origin-Opener-Policy"):
    print(name, "=", response.headers.get(name))
"""


def test_a_production_server_sends_hsts_and_the_security_headers_over_https():
    result = run(["-c", HEADERS], DJANGO_SETTINGS_MODULE="registry.settings", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode == 0, result.stderr
    headers = dict(line.split(" = ", 1) for line in result.stdout.splitlines() if " = " in line)
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
