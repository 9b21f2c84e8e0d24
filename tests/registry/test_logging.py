"""Structured logs: one JSON object per line for imports (document, SHA-256, counts, duration,
outcome) and for request errors (path, status, exception type)."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest
from django.test import Client
from django.urls import path

from registry import urls as registry_urls
from registry.logging import JSONFormatter, RequestContextFilter

EXCERPTS = Path(__file__).resolve().parents[2] / "fixtures" / "excerpts"


def failing_view(request):
    raise LookupError("a bug in a view")


urlpatterns = [path("fails/", failing_view), *registry_urls.urlpatterns]


@pytest.fixture
def log_lines():
    """What the configured console handler would write, as parsed JSON objects."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JSONFormatter())
    handler.addFilter(RequestContextFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


def test_the_settings_log_json_through_the_request_filter(settings):
    console = settings.LOGGING["handlers"]["console"]
    assert console["formatter"] == "json" and console["filters"] == ["request_context"]
    assert settings.LOGGING["formatters"]["json"]["()"] == "registry.logging.JSONFormatter"
    assert settings.LOGGING["loggers"]["importers"]["level"] == "INFO"


@pytest.mark.django_db
def test_an_import_logs_one_line_per_document_and_one_for_the_run(log_lines):
    from importers.service import import_documents

    import_documents([EXCERPTS / "legal_text_j065.txt", EXCERPTS / "pdf_text_002_cards15_19.txt"])
    lines = log_lines()
    imported, failed = (line for line in lines if line.get("event") == "import.document")
    assert imported["document"] == "legal_text_j065.txt"
    assert imported["outcome"] == "imported"
    assert len(imported["sha256"]) == 64
    assert imported["cards"] == 1 and imported["skills"] > 0 and imported["knowledge"] > 0
    assert isinstance(imported["duration_ms"], int)
    assert imported["level"] == "INFO" and imported["logger"] == "importers.service"
    assert failed["outcome"] == "failed" and failed["level"] == "WARNING"
    assert failed["error"].startswith("pdf_text_002_cards15_19.txt:")
    [run] = [line for line in lines if line.get("event") == "import.run"]
    assert run["documents"] == 2 and run["failed"] == 1


@pytest.mark.urls(__name__)
def test_a_server_error_logs_the_path_status_and_exception_type_on_one_line(log_lines):
    response = Client(raise_request_exception=False).get("/fails/?secret=typed-by-a-visitor")
    assert response.status_code == 500
    [error] = [line for line in log_lines() if line["logger"] == "django.request"]
    assert error["level"] == "ERROR"
    assert error["path"] == "/fails/" and error["status"] == 500 and error["method"] == "GET"
    assert error["exception_type"] == "LookupError"
    assert "a bug in a view" in error["exception"]
    assert "typed-by-a-visitor" not in json.dumps(error)


def test_a_record_with_extra_fields_is_one_line_of_json():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "two\nlines %s", ("ok",), None)
    record.document = "order.txt"
    text = JSONFormatter().format(record)
    assert "\n" not in text
    assert json.loads(text)["message"] == "two\nlines ok" and json.loads(text)["document"] == "order.txt"
