"""Serving: pages and JSON gzipped for clients that accept it; hashed static files cached for a year."""

import gzip
import json

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

from tests.factories import make_card

pytestmark = pytest.mark.django_db


def test_a_page_is_gzipped_for_a_client_that_accepts_it(client):
    make_card(title="Бұлттық технологиялар әзірлеушісі")
    plain = client.get("/kk/cards/")
    zipped = client.get("/kk/cards/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    body = gzip.decompress(zipped.content).decode()
    assert "Бұлттық технологиялар әзірлеушісі" in body
    assert len(zipped.content) < len(plain.content) / 3
    assert "Content-Encoding" not in plain


def test_the_json_api_is_gzipped_too(client):
    make_card(title="Облачный архитектор")
    response = client.get("/api/v1/cards", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "Облачный архитектор" in json.dumps(json.loads(gzip.decompress(response.content)), ensure_ascii=False)


@pytest.fixture
def collected_static(settings, tmp_path):
    """Static files collected as in production (DEBUG off): hashed names and compressed copies."""
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    return Client()  # a new client loads the middleware, so whitenoise reads the collected files


def test_a_hashed_static_file_is_cached_for_a_year_and_served_compressed(collected_static):
    url = static("css/site.css")
    assert url != "/static/css/site.css"  # the manifest's hashed name

    response = collected_static.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "max-age=315360000" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
    assert response["Content-Encoding"] in ("gzip", "br")
    assert b"".join(response.streaming_content)[:2] == b"\x1f\x8b"  # a gzip stream


def test_an_unhashed_static_name_is_not_cached_for_long(collected_static):
    response = collected_static.get("/static/css/site.css")
    assert response.status_code == 200
    assert "immutable" not in response.get("Cache-Control", "")
