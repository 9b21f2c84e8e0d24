import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from registry.env import env_bool, env_database, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


def test_it_reads_booleans_in_the_usual_spellings():
    assert env_bool("DEBUG", False, {"DEBUG": "yes"}) is True
    assert env_bool("DEBUG", True, {"DEBUG": "0"}) is False
    assert env_bool("DEBUG", True, {}) is True


def test_a_bad_boolean_names_the_variable():
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG", False, {"DEBUG": "maybe"})


def test_a_bad_number_names_the_variable():
    with pytest.raises(ImproperlyConfigured, match="SECURE_HSTS_SECONDS"):
        env_int("SECURE_HSTS_SECONDS", 0, {"SECURE_HSTS_SECONDS": "a month"})


def test_it_splits_host_lists_on_commas():
    assert env_list("ALLOWED_HOSTS", [], {"ALLOWED_HOSTS": "a.kz, b.kz,"}) == ["a.kz", "b.kz"]


def test_it_reads_a_postgresql_url():
    config = env_database("DATABASE_URL", "", {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/registry"})
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "registry"
    assert config["HOST"] == "127.0.0.1"


def test_it_defaults_to_an_sqlite_file():
    config = env_database("DATABASE_URL", "sqlite:////tmp/x.sqlite3", {})
    assert config["ENGINE"] == "django.db.backends.sqlite3"


def test_an_unknown_database_url_names_the_variable():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env_database("DATABASE_URL", "", {"DATABASE_URL": "mysql://root@localhost/x"})


def _load_settings(**env):
    environ = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import registry.settings"], cwd=ROOT, env=environ, capture_output=True, text=True
    )


def test_production_without_a_secret_key_fails_at_start_naming_it():
    result = _load_settings(DEBUG="0", ALLOWED_HOSTS="registry.kz")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_without_allowed_hosts_fails_at_start_naming_it():
    result = _load_settings(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_settings_load_with_secure_defaults():
    code = "import registry.settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    environ = dict(os.environ, DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="registry.kz")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True"]


def test_the_interface_speaks_kazakh_first_and_russian(settings):
    assert settings.LANGUAGE_CODE == "kk"
    assert [code for code, _ in settings.LANGUAGES] == ["kk", "ru"]
    assert settings.TIME_ZONE == "Asia/Almaty"
