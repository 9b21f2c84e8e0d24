"""HTTP done properly: ETag and Last-Modified from the content revision, 304s, CORS on /api/ only."""

import pytest

from standards.revision import bump_revision

pytestmark = pytest.mark.django_db


def test_an_answer_carries_an_etag_and_a_conditional_request_gets_304_until_the_content_changes(client, registry):
    first = client.get("/api/v1/cards/J068/1")
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    again = client.get("/api/v1/cards/J068/1", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get("/api/v1/cards/J068/1", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    bump_revision()
    changed = client.get("/api/v1/cards/J068/1", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_two_addresses_have_different_etags(client, registry):
    assert client.get("/api/v1/cards/J068/1")["ETag"] != client.get("/api/v1/cards/J068/2")["ETag"]


def test_cors_is_open_for_reading_the_api_and_closed_elsewhere(client, registry):
    api = client.get("/api/v1/standards", HTTP_ORIGIN="https://example.org")
    assert api["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/standards", HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert (
        "GET" in preflight["Access-Control-Allow-Methods"] and "POST" not in preflight["Access-Control-Allow-Methods"]
    )
    page = client.get("/kk/standards/", HTTP_ORIGIN="https://example.org")
    assert "Access-Control-Allow-Origin" not in page


def test_the_answer_is_cached_under_the_revision(client, registry, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 600
    client.get("/api/v1/cards/J068/1?lang=ru")
    with django_assert_max_num_queries(1):  # the revision only
        assert client.get("/api/v1/cards/J068/1?lang=ru").json()["standard_code"] == "J068"


def test_the_docs_page_and_the_schema_are_served_without_inline_script(client):
    page = client.get("/api/v1/docs/?lang=ru").content.decode()
    assert "<script>" not in page and "<style>" not in page
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    script = client.get("/api/v1/docs/?lang=ru&script=")
    assert script["Content-Type"].startswith("application/javascript")
    assert client.get("/api/v1/schema/?format=json").json()["openapi"].startswith("3.")
    assert client.get("/api/v1/schema/").content.startswith(b"openapi: 3")


def test_a_failure_inside_a_view_is_a_json_500_without_a_traceback(registry, monkeypatch):
    from django.test import Client

    import api.views.reports

    def broken():
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr(api.views.reports, "quality_report", broken)
    response = Client(raise_request_exception=False).get("/api/v1/quality?lang=ru")
    assert response.status_code == 500
    assert response.json()["errors"]["detail"][0]["code"] == "server_error"
    assert b"secret detail" not in response.content and b"Traceback" not in response.content
