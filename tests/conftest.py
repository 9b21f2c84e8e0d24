import os

import pytest


@pytest.fixture(autouse=True)
def _test_settings(request):
    """Fast password hashing; no page cache unless a test turns it on (tests write rows directly,
    without the revision bump that admin and the importer make)."""
    if not request.config.pluginmanager.hasplugin("django"):
        return  # parser tests may run without Django at all (-p no:django)
    settings = request.getfixturevalue("settings")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PAGE_CACHE_SECONDS = 0
    settings.PAGE_WARMING = False  # no background thread rendering pages behind a test's back
    settings.CONTENT_REVISION_FEED = False  # tests flush and write rows without announcing a revision


@pytest.fixture(scope="session", autouse=True)
def _no_page_warming(request):
    """No warming thread for the whole session: module fixtures (``registry``) import before the
    function settings above apply, and a warming thread's renders would reach the test client's
    captured contexts."""
    if not request.config.pluginmanager.hasplugin("django"):
        return
    from django.conf import settings

    settings.PAGE_WARMING = False


@pytest.fixture(scope="session", autouse=True)
def _ci_runs_on_postgresql(request):
    """In CI a missing PostgreSQL is a failure, never a silent fall-back to SQLite."""
    if os.environ.get("CI", "").lower() != "true":
        return
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        pytest.exit(f"CI=true but the tests would run on {engine}; set DATABASE_URL to PostgreSQL.", returncode=3)


@pytest.fixture(scope="module")
def registry(django_db_setup, django_db_blocker):
    """Every bundled order imported, for the tests of one module (see tests/bundled.py)."""
    from importers.service import import_documents
    from tests.bundled import clear_registry

    with django_db_blocker.unblock():
        result = import_documents()
        try:
            yield result
        finally:
            clear_registry()
