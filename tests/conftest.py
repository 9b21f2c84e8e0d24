import os

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hasher(request):
    if not request.config.pluginmanager.hasplugin("django"):
        return  # parser tests may run without Django at all (-p no:django)
    request.getfixturevalue("settings").PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _ci_runs_on_postgresql(request):
    """In CI a missing PostgreSQL is a failure, never a silent fall-back to SQLite."""
    if os.environ.get("CI", "").lower() != "true":
        return
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        pytest.exit(f"CI=true but the tests would run on {engine}; set DATABASE_URL to PostgreSQL.", returncode=3)
