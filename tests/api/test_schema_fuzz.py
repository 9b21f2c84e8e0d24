"""schemathesis against the live OpenAPI schema: every operation, both languages, the bundled registry.

Each answer must not be a server error and must conform to the schema: its status code, its
content type, its headers and its body. A bounded number of examples per operation keeps the
run to about a minute or two.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def api_schema(registry):
    from registry.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture(autouse=True)
def _cache_answers(settings):
    settings.PAGE_CACHE_SECONDS = 600  # the registry does not change during the run: whole files are built once


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Served through WSGI (not Django's test client), a request would close the test's database connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


EXAMPLES = 8  # per operation: 20 operations, about two minutes with the import of the bundled registry


def test_every_operation_answers_as_its_schema_says(api_schema):
    """Hypothesis drives each operation in turn (schemathesis's pytest plugin needs pytest < 9)."""
    failures, cases = [], 0
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case):
            nonlocal cases
            cases += 1
            case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})  # WSGI: no gunzip

        try:
            run()
        except Exception as failure:  # every failure is collected and reported together
            failures.append(f"{operation.label}: {failure}")
    assert failures == [], "\n\n".join(failures)
    assert cases >= 60


def test_the_schema_covers_every_endpoint_in_both_languages(api_schema):
    paths = set(api_schema.raw_schema["paths"])
    assert {
        "/api/v1/standards",
        "/api/v1/standards/{code}",
        "/api/v1/standards/{code}/editions/{key}",
        "/api/v1/standards/{code}/changes",
        "/api/v1/cards",
        "/api/v1/cards/{code}/{position}",
        "/api/v1/cards/{code}/{position}/ladder",
        "/api/v1/occupations/{code}",
        "/api/v1/search",
        "/api/v1/compare",
        "/api/v1/quality",
    } <= paths
    card = api_schema.raw_schema["paths"]["/api/v1/cards/{code}/{position}"]["get"]
    lang = next(p for p in card["parameters"] if p["name"] == "lang")
    assert lang["schema"]["enum"] == ["kk", "ru"]
