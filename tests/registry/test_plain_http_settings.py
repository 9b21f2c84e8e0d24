"""A plain-HTTP run with DEBUG off (`make run` on one's own machine): switched by variables, never by default."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "127.0.0.1"}
SECURITY = "import registry.settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"


def load_settings(**env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in {"SECURE_COOKIES", "SECURE_SSL_REDIRECT"}}
    environ.update(PRODUCTION, **env)
    return subprocess.run([sys.executable, "-c", SECURITY], cwd=ROOT, env=environ, capture_output=True, text=True)


def test_production_sends_cookies_only_over_https_unless_told_otherwise():
    result = load_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True"]


def test_secure_cookies_and_the_https_redirect_switch_off_for_a_plain_http_run():
    result = load_settings(SECURE_COOKIES="0", SECURE_SSL_REDIRECT="0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "False"]


def test_a_bad_secure_cookies_value_fails_at_start_naming_it():
    result = load_settings(SECURE_COOKIES="sometimes")
    assert result.returncode != 0
    assert "SECURE_COOKIES" in result.stderr
